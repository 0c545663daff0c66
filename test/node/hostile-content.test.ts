import { execFile } from "node:child_process";
import { chmod, mkdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import {
  contentCopy,
  publishCopy,
  type RunAs,
  readLocalKv,
  runPublish,
  storedNames,
  unprivilegedUser,
} from "./helpers.ts";
import { serviceFor, TEST_TOKEN } from "./service.ts";

const FRONT_MATTER: Record<string, unknown> = {
  title: "शीर्षक",
  summary: "सार",
  byline: "डिजिटल डेस्क",
  dateline: "नई दिल्ली",
  published: "2020-01-01T10:00:00+05:30",
  tags: ["परीक्षण"],
};
const OTHER = "articles/other.md";

let content: string;
let persist: string;

beforeEach(async ({ onTestFinished }) => {
  ({ content, persist } = await contentCopy(onTestFinished));
  await write(OTHER, article({ title: undefined }));
});

/** An article: valid front matter with `fields` changed (`undefined` leaves one out), then `body`. */
function article(fields: Record<string, unknown>, body = "पाठ"): string {
  const front = Object.entries({ ...FRONT_MATTER, ...fields }).filter(([, v]) => v !== undefined);
  return `---\n${front.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("\n")}\n---\n\n${body}\n`;
}

async function write(name: string, text: string): Promise<void> {
  await mkdir(join(content, name, ".."), { recursive: true });
  await writeFile(join(content, name), text);
}

const path = (name: string) => join(content, name);

async function setBaseUrl(value: string): Promise<void> {
  const site = await readFile(path("site.yaml"), "utf8");
  await writeFile(path("site.yaml"), site.replace(/^base_url: .*$/m, `base_url: ${JSON.stringify(value)}`));
}

/**
 * Runs `--check` and a real publish into a running local service at once, with `extra` options (as
 * `runAs` when given): one waits for the other's hold on the folder's local index, and may say so.
 * Both must fail with the same problems, without a stack trace, still reporting the other file's
 * problem, and the service's store must stay empty. Gives the lines.
 */
async function refused(runAs?: RunAs, ...extra: string[]): Promise<string[]> {
  const args = ["--local", "--api", await serviceFor(persist), "--content", content, ...extra];
  const env = { PUBLISH_TOKEN: TEST_TOKEN };
  const [check, publish] = await Promise.all([
    runPublish([...args, "--check"], env, runAs),
    runPublish(args, env, runAs),
  ]);
  expect([check.code, publish.code]).toEqual([1, 1]);
  const waited = /^Another publish of this content folder is running; waiting for it to finish…\n/;
  expect(publish.stderr.replace(waited, "")).toBe(check.stderr.replace(waited, ""));
  expect(publish.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
  const lines = publish.stderr.trim().split("\n");
  expect(lines).toContain(`${path(OTHER)}:title: is missing`);
  expect(await storedNames(persist)).toEqual({ kv: [], media: [] });
  return lines;
}

describe("character references the Worker would refuse", () => {
  it("are problems in the body's text, link text and alt text, but not in code", async () => {
    const cases: [string, string, string, string, string][] = [
      ["text", "a &#1; b", "&#1;", "U+0001", "a &#1; b"],
      ["vertical-tab", "पाठ &#xB; पाठ", "&#xB;", "U+000B", "पाठ &#xB; पाठ"],
      ["unit-separator", "a &#x1F; b", "&#x1F;", "U+001F", "a &#x1F; b"],
      ["delete", "a &#x7F; b", "&#x7F;", "U+007F", "a &#x7F; b"],
      ["non-character", "a &#xFFFE; b", "&#xFFFE;", "U+FFFE", "a &#xFFFE; b"],
      ["surrogate", "a &#xD800; b", "&#xD800;", "U+D800", "a &#xD800; b"],
      ["nul", "a &#0; b", "&#0;", "U+0000", "a &#0; b"],
      ["link-text", "[लिंक &#1; पाठ](https://example.com/)", "&#1;", "U+0001", "लिंक &#1; पाठ"],
      ["alt-text", "![चित्र &#1;](https://example.com/a.png)", "&#1;", "U+0001", "चित्र &#1;"],
    ];
    for (const [name, body] of cases) await write(`articles/${name}.md`, article({}, body));
    await write("articles/code.md", article({}, "`&#1;` is how HTML writes U+0001."));

    const lines = await refused();
    for (const [name, , reference, character, near] of cases) {
      expect(lines).toContain(
        `${path(`articles/${name}.md`)}:body: contains "${reference}", a reference to ${character}, ` +
          `which XML feeds cannot carry (in "${near}")`,
      );
    }
    expect(lines.filter((line) => line.includes("code.md"))).toEqual([]);
  });
});

describe("base_url", () => {
  it("refuses a path, a query or fragment even when empty, and credentials, with --base-url too", async () => {
    const cases: [string, string][] = [
      [
        "https://example.com/news",
        '"https://example.com/news" has the path "/news", but the Worker serves the site at the root of its host, ' +
          "so every link would answer 404; use https://example.com",
      ],
      [
        "https://example.com/?",
        '"https://example.com/?" has a query or fragment (a "?" or "#", even with nothing after it), ' +
          "which would come before the path of every link made from it; remove it",
      ],
      [
        "https://example.com/#",
        '"https://example.com/#" has a query or fragment (a "?" or "#", even with nothing after it), ' +
          "which would come before the path of every link made from it; remove it",
      ],
      [
        "https://:secret@example.com",
        '"https://:secret@example.com" has a user name or password, which every feed would publish; remove it',
      ],
      [
        "https://user@example.com",
        '"https://user@example.com" has a user name or password, which every feed would publish; remove it',
      ],
    ];
    for (const [value, problem] of cases) {
      await setBaseUrl(value);
      const args = ["--check", "--content", content];
      const [own, local] = await Promise.all([
        runPublish(args),
        runPublish([...args, "--base-url", "http://localhost:8787"]),
      ]);
      expect([own.code, local.code]).toEqual([1, 1]);
      expect(local.stderr).toBe(own.stderr);
      expect(own.stderr.trim().split("\n")).toContain(`${path("site.yaml")}:base_url: ${problem}`);
    }
  });

  it("refuses a --base-url that site.yaml could not have, naming the option", async () => {
    expect(await refused(undefined, "--base-url", "http://localhost:8787/news")).toContain(
      '--base-url: "http://localhost:8787/news" has the path "/news", but the Worker serves the site at the root ' +
        "of its host, so every link would answer 404; use http://localhost:8787",
    );
  });
});

describe("sizes", () => {
  it("refuses a huge file before parsing it, huge YAML, and a body whose HTML is too large", async () => {
    const big = article({});
    await write("articles/big.md", big + "a".repeat(4 * 1024 * 1024 + 1 - Buffer.byteLength(big)));
    const frontMatter = (summary: string) => article({ summary }).split("---\n")[1]?.slice(0, -1) ?? "";
    const padding = 300 * 1024 - Buffer.byteLength(frontMatter(""));
    await write("articles/yaml.md", article({ summary: "x".repeat(padding) }));
    await write("articles/html.md", article({}, "&".repeat(600_000)));
    await writeFile(path("site.yaml"), `${await readFile(path("site.yaml"), "utf8")}#${"x".repeat(5 * 1024 * 1024)}\n`);

    const lines = await refused();
    expect(lines).toEqual(
      expect.arrayContaining([
        `${path("site.yaml")}:-: is 5.01 MiB, over the limit of 4 MiB`,
        `${path("articles/big.md")}:-: is 4.01 MiB, over the limit of 4 MiB`,
        `${path("articles/yaml.md")}:-: the YAML is 300 KiB, over the limit of 256 KiB`,
        `${path("articles/html.md")}:body: becomes HTML of 2.87 MiB, over the limit of 2 MiB ` +
          "(Google News takes at most 1 MB an article); shorten or split it",
      ]),
    );
  });
});

describe("feed pages", () => {
  it("refuses articles whose feed pages could outgrow a KV value, naming the largest", async () => {
    const paragraph = `${"समाचार ".repeat(47_000)}\n\n`;
    for (let i = 1; i <= 13; i++) {
      await write(`articles/long-${i}.md`, article({ tags: ["लंबी ख़बर"] }, paragraph.repeat(2)));
    }
    const lines = await refused();
    const problem = lines.find((line) => line.includes("लंबी ख़बर"));
    expect(problem).toMatch(
      new RegExp(
        `^${path("site.yaml").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:items_per_feed: a page of the feed ` +
          `"लंबी ख़बर — पत्रिका" could hold its 13 largest articles and take 2\\d\\.\\d+ MiB, over the limit of 20 MiB`,
      ),
    );
    expect(problem).toContain(`${path("articles/long-1.md")} (1.`);
    expect(problem).toContain("and 8 more; shorten the largest articles");
  });
});

describe("YAML and Markdown that used to crash the publisher", () => {
  it("reports alias bombs, unresolved aliases, deep nesting and repeated keys, in site.yaml too", async () => {
    const laughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (const [name, previous] of ["ba", "cb", "dc", "ed", "fe", "gf", "hg", "ih"]) {
      laughs.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    await write("articles/bomb.md", article({}).replace("---\n\n", `${laughs.join("\n")}\n---\n\n`));
    await write("articles/unresolved.md", article({}).replace(/^title: .*$/m, "title: *nope"));
    await write(
      "articles/deep.md",
      article({ tags: undefined }).replace("---\n\n", `tags: ${"[".repeat(100_000)}x${"]".repeat(100_000)}\n---\n\n`),
    );
    await write(
      "articles/nested.md",
      article({ tags: undefined }).replace("---\n\n", `tags: ${"[".repeat(20)}x${"]".repeat(20)}\n---\n\n`),
    );
    await write("articles/repeated.md", article({}).replace("---\n\n", "title: दूसरा\n---\n\n"));
    await write("articles/quotes.md", article({}, `${"> ".repeat(10_000)}x`));
    const site = await readFile(path("site.yaml"), "utf8");
    await writeFile(path("site.yaml"), site.replace(/^rights: .*$/m, "rights: *owner"));

    const lines = await refused();
    const bomb = lines.filter((line) => line.startsWith(path("articles/bomb.md")));
    expect(bomb[0]).toBe(`${path("articles/bomb.md")}:b[0]: uses the YAML alias *a (line 9); write the value out`);
    expect(bomb.at(-1)).toBe(`${path("articles/bomb.md")}:-: 52 more problem(s) not listed; fix the ones above first`);
    expect(lines).toEqual(
      expect.arrayContaining([
        `${path("site.yaml")}:rights: uses the YAML alias *owner (line 8); write the value out`,
        `${path("articles/unresolved.md")}:title: uses the YAML alias *nope (line 2); write the value out`,
        `${path("articles/deep.md")}:-: YAML: is nested too deeply (line 7)`,
        `${path("articles/nested.md")}:${"tags".padEnd(4 + 15 * 3, "[0]")}: is nested more than 16 levels deep (line 7)`,
        `${path("articles/repeated.md")}:title: is given again on line 8 (first on line 2); keep one`,
        `${path("articles/quotes.md")}:body: line 1 of the body has more than 64 columns of leading spaces, \`>\` ` +
          "and list markers (lists or quotes nested that deep, or indented code), more than Markdown converts in " +
          "time; flatten or unindent it",
      ]),
    );
  });

  it("reports a file with 20,000 unknown or repeated fields in a few lines", async () => {
    const unknown = Array.from({ length: 20_000 }, (_, i) => `f${i}: x`).join("\n");
    await write("articles/unknown.md", article({}).replace("---\n\n", `${unknown}\n---\n\n`));
    const repeated = Array.from({ length: 20_000 }, () => "title: t").join("\n");
    await write("articles/repeated.md", article({ title: undefined }).replace("---\n\n", `${repeated}\n---\n\n`));

    const lines = await refused();
    const expected =
      "(expected one of: title, title_en, slug, id, summary, byline, authors, dateline, published, updated, tags, section, image, corrections, withdrawn)";
    expect(lines.filter((line) => line.startsWith(path("articles/unknown.md")))).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `${path("articles/unknown.md")}:f${i}: unknown field ${expected}`),
      `${path("articles/unknown.md")}:-: 19980 more problem(s) not listed; fix the ones above first`,
    ]);
    expect(lines.filter((line) => line.startsWith(path("articles/repeated.md")))).toEqual([
      ...Array.from(
        { length: 20 },
        (_, i) => `${path("articles/repeated.md")}:title: is given again on line ${i + 8} (first on line 7); keep one`,
      ),
      `${path("articles/repeated.md")}:-: 19979 more problem(s) not listed; fix the ones above first`,
    ]);
  });

  it("refuses Markdown whose conversion would take half a minute", async () => {
    await write("articles/slow.md", article({}, `पहला अनुच्छेद।\n\n${"_a".repeat(100_000)}`));

    expect(await refused()).toContain(
      `${path("articles/slow.md")}:body: has more \`*\` and \`_\` marks in its paragraphs than Markdown converts ` +
        `in time (100000 in the one beginning "${"_a".repeat(20)}"; at most 5,000 in one paragraph, fewer when ` +
        "there are many such); remove marks or split the paragraphs",
    );
  });
});

describe("files under articles/ that are not articles", () => {
  it("are each a problem that says what to do, and a FIFO never stalls the publish", async () => {
    await write("articles/upper.MD", article({}));
    await write("articles/notes.markdown", article({}));
    await write("articles/photo.jpg", "not a photo");
    await write("articles/sub/real.md", article({ title: "उप-फ़ोल्डर" }));
    await symlink(path("articles/sub/real.md"), path("articles/link.md"));
    await symlink(path("articles/sub"), path("articles/folder-link"));
    await symlink(path("articles/missing.md"), path("articles/dangling.md"));
    await promisify(execFile)("mkfifo", [path("articles/pipe.md")]);
    await rm(path("site.yaml"));
    await promisify(execFile)("mkfifo", [path("site.yaml")]);

    const lines = await refused();
    const symbolicLink = "is a symbolic link, which is not followed; replace it by the file or folder it points to";
    expect(lines).toEqual(
      expect.arrayContaining([
        `${path("site.yaml")}:-: is not a regular file`,
        `${path("articles/upper.MD")}:-: is not read: article files must end in ".md"; rename it to upper.md`,
        `${path("articles/notes.markdown")}:-: is not read: article files must end in ".md"; rename it to notes.md`,
        `${path("articles/photo.jpg")}:-: is not an article: only ".md" files belong under articles/; ` +
          "rename it to .md or move it elsewhere",
        `${path("articles/link.md")}:-: ${symbolicLink}`,
        `${path("articles/folder-link")}:-: ${symbolicLink}`,
        `${path("articles/dangling.md")}:-: ${symbolicLink}`,
        `${path("articles/pipe.md")}:-: is not a regular file or a folder (a named pipe); remove it`,
      ]),
    );
    expect(lines.filter((line) => line.includes("real.md"))).toEqual([]);
  });

  it("include a folder that cannot be read", async () => {
    await write("articles/locked/a.md", article({}));
    const runAs = await unprivilegedUser(dirname(content));
    await chmod(path("articles/locked"), 0o000);
    try {
      expect(await refused(runAs)).toContainEqual(
        expect.stringMatching(/articles\/locked:-: cannot be read \(EACCES: .*\); check its permissions$/),
      );
    } finally {
      await chmod(path("articles/locked"), 0o755);
    }
  });
});

describe("content's own folders and files as symbolic links", () => {
  const SYMBOLIC_LINK = "is a symbolic link, which is not followed; replace it by the file or folder it points to";
  const linkOut = async (name: string) => {
    const outside = join(content, "..", `outside-${name}`);
    await rename(path(name), outside);
    await symlink(outside, path(name));
  };

  it("refuses content/media and authors.yaml, and reads no image through the link", async () => {
    await linkOut("media");
    await linkOut("authors.yaml");

    expect(await refused()).toEqual(
      expect.arrayContaining([
        `${path("media")}:-: ${SYMBOLIC_LINK}`,
        `${path("site.yaml")}:icon: "media/site/icon.png" is a symbolic link to a file outside content/media/`,
        `${path("authors.yaml")}:-: ${SYMBOLIC_LINK}`,
      ]),
    );
  });

  it("refuses content/articles and site.yaml, reading no article through the link", async () => {
    await linkOut("articles");
    await linkOut("site.yaml");
    const copy = { content, persist };
    const [check, publish] = await Promise.all([publishCopy(copy, "--check"), publishCopy(copy)]);

    expect([check.code, publish.code, publish.stderr]).toEqual([1, 1, check.stderr]);
    expect(publish.stderr.trim().split("\n")).toEqual([
      `${path("site.yaml")}:-: ${SYMBOLIC_LINK}`,
      `${path("articles")}:-: ${SYMBOLIC_LINK}`,
      "",
      "2 problem(s) found; nothing was published.",
    ]);
    expect(await storedNames(persist)).toEqual({ kv: [], media: [] });
  });
});

describe("look-alike text and impossible dates", () => {
  it("refuse invisible and bidi characters in one-line fields and summaries, and dates past 2100", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        "zwj-tag",
        { tags: ["\u200Dनिजता"] },
        "tags[0]: starts with U+200D ZERO WIDTH JOINER, an invisible character; remove it",
      ],
      [
        "zwsp-tag",
        { tags: ["नि\u200Bजता"] },
        "tags[0]: contains U+200B ZERO WIDTH SPACE at offset 2, an invisible character that makes look-alike text; " +
          "remove it (invisible joiners may only join Devanagari letters or emoji)",
      ],
      [
        "nbsp-tag",
        { tags: ["NSO\u00A0ग्रुप"] },
        "tags[0]: contains U+00A0 NO-BREAK SPACE; tags take ordinary spaces only",
      ],
      [
        "rlo-title",
        { title: "शीर्षक\u202Eकषर्षीश" },
        "title: contains U+202E RIGHT-TO-LEFT OVERRIDE at offset 6, which changes the order text is shown in; remove it",
      ],
      [
        "isolate-dateline",
        { dateline: "\u2067नई दिल्ली\u2069" },
        "dateline: contains U+2067 RIGHT-TO-LEFT ISOLATE at offset 0, which changes the order text is shown in; remove it",
      ],
      [
        "lrm-byline",
        { byline: "डिजिटल डेस्क\u200E" },
        "byline: ends with U+200E LEFT-TO-RIGHT MARK, an invisible character; remove it",
      ],
      [
        "rlo-summary",
        { summary: "सार\u202Eराs" },
        "summary: contains U+202E RIGHT-TO-LEFT OVERRIDE at offset 3, which changes the order text is shown in; remove it",
      ],
      [
        "far-future",
        { published: "9999-12-31T23:59:59-23:59" },
        'published: "9999-12-31T23:59:59-23:59" is not between the years 1900 and 2100',
      ],
      [
        "far-offset",
        { published: "2020-01-01T10:00:00+14:30" },
        'published: "2020-01-01T10:00:00+14:30" has an impossible UTC offset (offsets run from -14:00 to +14:00)',
      ],
    ];
    for (const [name, fields] of cases) await write(`articles/${name}.md`, article(fields));

    const lines = await refused();
    for (const [name, , line] of cases) expect(lines).toContain(`${path(`articles/${name}.md`)}:${line}`);
  });
});

describe("corrections", () => {
  it("are refused outside published–updated, with unknown keys, bad dates or text that is not one clean paragraph", async () => {
    const fix = (date: string, text = "नाम ठीक किया गया।") => ({ date, text });
    const times = { published: "2020-01-01T10:00:00+05:30", updated: "2020-01-03T10:00:00+05:30" };
    const cases: [string, Record<string, unknown>, string[]][] = [
      [
        "late",
        { ...times, corrections: [fix("2020-01-02T10:00:00+05:30"), fix("2020-01-03T10:00:01+05:30")] },
        [
          'corrections[1].date: "2020-01-03T10:00:01+05:30" is later than updated (2020-01-03T10:00:00+05:30); ' +
            "set updated to the time of the newest correction or later",
        ],
      ],
      [
        "without-updated",
        { published: times.published, corrections: [fix("2020-01-01T10:05:00+05:30")] },
        [
          'corrections[0].date: "2020-01-01T10:05:00+05:30" is later than updated (2020-01-01T10:00:00+05:30); ' +
            "set updated to the time of the newest correction or later",
        ],
      ],
      [
        "early",
        { ...times, corrections: [fix("2020-01-01T04:29:59Z")] },
        ['corrections[0].date: "2020-01-01T04:29:59Z" is earlier than published (2020-01-01T10:00:00+05:30)'],
      ],
      [
        "no-offset",
        { ...times, corrections: [fix("2020-01-02T10:00:00")] },
        ['corrections[0].date: "2020-01-02T10:00:00" has no UTC offset (write it like 2019-11-01T19:18:00+05:30)'],
      ],
      [
        "unknown-key",
        { ...times, corrections: [{ date: "2020-01-02T10:00:00+05:30", txt: "ग़लती" }] },
        ["corrections[0].txt: unknown field (expected one of: date, text)", "corrections[0].text: is missing"],
      ],
      [
        "bidi",
        { ...times, corrections: [fix("2020-01-02T10:00:00+05:30", "सुधार\u202Eराधुस")] },
        [
          "corrections[0].text: contains U+202E RIGHT-TO-LEFT OVERRIDE at offset 5, which changes the order text is " +
            "shown in; remove it",
        ],
      ],
      [
        "control",
        { ...times, corrections: [fix("2020-01-02T10:00:00+05:30", "सुधार\u0007")] },
        ["corrections[0].text: contains the character U+0007 at offset 5, which XML feeds cannot carry"],
      ],
      [
        "two-paragraphs",
        { ...times, corrections: [fix("2020-01-02T10:00:00+05:30", "पहला।\n \nदूसरा।")] },
        ["corrections[0].text: must be one paragraph (no blank lines)"],
      ],
      [
        "not-a-list",
        { ...times, corrections: "नाम ठीक किया गया।" },
        ["corrections: must be a non-empty list of date: …, text: … (leave it out when there is none)"],
      ],
      [
        "not-a-mapping",
        { ...times, corrections: ["नाम ठीक किया गया।", { date: 20200102, text: "" }] },
        [
          "corrections[0]: must be a mapping of date: …, text: …",
          'corrections[1].date: must be text (quote it: "20200102")',
          "corrections[1].text: is empty",
        ],
      ],
    ];
    for (const [name, fields] of cases) await write(`articles/${name}.md`, article(fields));

    const lines = await refused();
    for (const [name, , expected] of cases) {
      const own = lines.filter((line) => line.startsWith(`${path(`articles/${name}.md`)}:`));
      expect(own).toEqual(expected.map((line) => `${path(`articles/${name}.md`)}:${line}`));
    }
  });
});

describe("what publishes", () => {
  it("keeps joiners that join, and stores every link absolute, from base_url in normal form", async () => {
    await rm(path(OTHER));
    await setBaseUrl("HTTPS://Patrika.Example:443/");
    await write(
      "articles/fine.md",
      article(
        {
          title: "क्\u200Dषमा ❤️",
          tags: ["👩🏽\u200D💻 तकनीक", "क्\u200Cष"],
          published: "2025-12-31T23:59:59+14:00",
        },
        "[पिछली ख़बर](whatsapp-pegasus-spying-action) ![चित्र](images/a.jpg) [टैग](/tags/निजता) " +
          "[बुरा](javascript:alert(1)) [लिखें](mailto:desk@patrika.example)",
      ),
    );
    const result = await publishCopy({ content, persist });
    expect(result.stderr).toBe("");
    const { article: stored } = JSON.parse((await readLocalKv(persist)).get("article:fine")?.value ?? "{}");
    expect([stored.title, stored.tags]).toEqual(["क्\u200Dषमा ❤️", ["👩🏽\u200D💻 तकनीक", "क्\u200Cष"]]);
    expect(stored.contentHtml).toBe(
      '<p><a href="https://patrika.example/articles/whatsapp-pegasus-spying-action">पिछली ख़बर</a> ' +
        '<img src="https://patrika.example/articles/images/a.jpg" alt="चित्र"> ' +
        '<a href="https://patrika.example/tags/%E0%A4%A8%E0%A4%BF%E0%A4%9C%E0%A4%A4%E0%A4%BE">टैग</a> ' +
        'बुरा <a href="mailto:desk@patrika.example">लिखें</a></p>\n',
    );
  });
});
