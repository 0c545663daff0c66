import { createHash } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import {
  contentCopy,
  freshPublish,
  publishCopy,
  readLocalKv,
  readLocalState,
  runPublish,
  writeLocalKv,
} from "./helpers.ts";

const ARTICLE = "articles/whatsapp-pegasus-spying-action.md";
let content: string;
let persist: string;

beforeEach(async ({ onTestFinished }) => {
  ({ content, persist } = await contentCopy(onTestFinished));
});

const publish = (...extra: string[]) => publishCopy({ content, persist }, ...extra);

async function editArticle(name: string, edit: (source: string) => string): Promise<void> {
  const file = join(content, name);
  await writeFile(file, edit(await readFile(file, "utf8")));
}

const SITEMAP_KEYS = [
  "sitemap:/sitemap.xml",
  "sitemap:/sitemaps/pages.xml",
  "sitemap:/sitemaps/articles-2019-11.xml",
  "sitemap:/news-sitemap.xml",
  "head:/news-sitemap.xml",
];

describe("publishing content/ into local KV", () => {
  it("writes the article, the main, tag and author feeds and the sitemaps, each with its content hash, and nothing the second time", async () => {
    const first = await publish();
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(
      /: 1 article\(s\) \(\d+ file\(s\) read, \d+ known unchanged\); 1 sent, 0 deleted, 0 unchanged; site settings and authors sent; 9 media file\(s\) uploaded, 0 deleted, 0 unchanged; 27 key\(s\) written, 0 deleted;/,
    );
    const kv = await readLocalKv(persist);
    const tagFolders = ["व्हाट्सएप", "पेगासस", "जासूसी", "NSO ग्रुप", "निजता", "साइबर सुरक्षा"].map(
      (tag) => `/tags/${encodeURIComponent(tag)}`,
    );
    const feedKeys = ["/", ...tagFolders, "/authors/digital-desk", "/sections/tech"].flatMap((dir) => [
      `feed:${dir}`,
      `head:${dir}`,
    ]);
    expect([...kv.keys()].sort()).toEqual(
      ["article:whatsapp-pegasus-spying-action", ...feedKeys, ...SITEMAP_KEYS].sort(),
    );
    for (const [key, { value, sha256 }] of kv) {
      const expected = /^(feed|sitemap):/.test(key)
        ? JSON.parse(value).hash
        : createHash("sha256").update(value).digest("hex");
      expect([key, sha256]).toEqual([key, expected]);
    }
    const { article } = JSON.parse(kv.get("article:whatsapp-pegasus-spying-action")?.value ?? "");
    expect(article.published).toBe("2019-11-01T19:18:00+05:30");
    expect(article.contentHtml.match(/<p>/g)).toHaveLength(6);

    const second = await publish();
    expect(second.stdout).toMatch(
      /: 1 article\(s\) \(\d+ file\(s\) read, \d+ known unchanged\); 0 sent, 0 deleted, 1 unchanged; 0 media file\(s\) uploaded, 0 deleted, 9 unchanged; 0 key\(s\) written, 0 deleted;/,
    );
  });

  it("rewrites only the keys an edit changes, and moves a story to another slug with its id in one change, leaving a tombstone", async () => {
    await publish();
    const before = await readLocalKv(persist);
    await editArticle(ARTICLE, (s) => s.replace("dateline: नई दिल्ली", "dateline: नई दिल्ली (एजेंसी)"));
    const edit = await publish();
    expect(edit.stdout).toMatch(/; 1 sent, 0 deleted, 0 unchanged; .*; 19 key\(s\) written, 0 deleted;/);
    const edited = await readLocalKv(persist);
    const kept = [...before].filter(([key, stored]) => JSON.stringify(edited.get(key)) === JSON.stringify(stored));
    expect(kept.map(([key]) => key).sort()).toEqual([...SITEMAP_KEYS].sort());
    expect(edited.size).toBe(before.size);

    const { id } = JSON.parse(edited.get("article:whatsapp-pegasus-spying-action")?.value ?? "").article;
    const source = await readFile(join(content, ARTICLE), "utf8");
    await writeFile(join(content, "articles/renamed.md"), source.replace("---\n", `---\nid: ${id}\n`));
    await rm(join(content, ARTICLE));
    expect((await publish()).stdout).toMatch(/; 1 sent, 1 deleted, 0 unchanged; .*; 24 key\(s\) written, 0 deleted;/);
    const kv = await readLocalKv(persist);
    expect([...kv.keys()].filter((key) => !before.has(key))).toEqual(["article:renamed"]);
    expect(kv.size).toBe(before.size + 1);
    expect(JSON.parse(kv.get("article:whatsapp-pegasus-spying-action")?.value ?? "")).toHaveProperty("gone", {});
    expect(JSON.parse(kv.get("article:renamed")?.value ?? "").article.id).toBe(id);
  });

  it("publishes corrections with the article and its feeds, NFC-normalised, and keeps its id", async () => {
    await publish();
    const before = JSON.parse((await readLocalKv(persist)).get("article:whatsapp-pegasus-spying-action")?.value ?? "");
    await editArticle(ARTICLE, (s) =>
      s.replace(
        "published: 2019-11-01T19:18:00+05:30\n",
        "published: 2019-11-01T19:18:00+05:30\nupdated: 2019-11-02T09:30:00+05:30\ncorrections:\n" +
          "  - date: 2019-11-02T09:30:00+05:30\n    text: >-\n      पहले संस्करण में\n      \u0928\u093C ग़लत था।\n",
      ),
    );
    const result = await publish();
    expect(result.stderr).toBe("");
    const kv = await readLocalKv(persist);
    const { article } = JSON.parse(kv.get("article:whatsapp-pegasus-spying-action")?.value ?? "");
    const expected = [{ date: "2019-11-02T09:30:00+05:30", text: "पहले संस्करण में \u0929 ग़लत था।" }];
    expect(article.corrections).toEqual(expected);
    expect(article.id).toBe(before.article.id);
    expect(JSON.parse(kv.get("feed:/")?.value ?? "").items[0].corrections).toEqual(expected);
  });

  it("repairs what KV holds with --full: stray keys deleted, a value without its hash rewritten, as a fresh publish", async () => {
    await publish();
    await writeLocalKv(persist, "manifest", "{}");
    await writeLocalKv(persist, "article:gone", JSON.stringify({ stray: true }));
    const head = (await readLocalKv(persist)).get("head:/")?.value ?? "";
    await writeLocalKv(persist, "head:/", head);
    const repair = await publish("--full");
    expect(repair.stdout).toMatch(/; 0 sent, 0 deleted, 1 unchanged; .*; 1 key\(s\) written, 2 deleted;/);
    expect(await readLocalState(persist)).toEqual(await freshPublish(content));
  });
});

it("answers a mistyped option with the usage and exit status 2, not a stack trace", async () => {
  const result = await runPublish(["--local", "--ful"]);
  expect(result.code).toBe(2);
  expect(result.stderr.split("\n")[0]).toBe("Unknown option '--ful'");
  expect(result.stderr).toContain("Usage: node scripts/publish.ts (--local | --remote) [options]");
  expect(result.stderr).not.toMatch(/^\s+at /m);
});

describe("invalid content", () => {
  it("reports every problem as file:field: message and writes nothing", async () => {
    await editArticle(ARTICLE, (s) =>
      s
        .replace(/^title: .*$/m, "")
        .replace("published: 2019-11-01T19:18:00+05:30", "published: 2019-11-01T19:18:00")
        .replace("byline: डिजिटल डेस्क", "byline: डिजिटल\u0007डेस्क")
        .replace("dateline:", "datelin:"),
    );
    await writeFile(
      join(content, "articles/second.md"),
      "---\ntitle: दूसरा\nslug: whatsapp-pegasus-spying-action\nsummary: सार\nbyline: ब\ndateline: द\npublished: 2020-01-01T10:00:00+05:30\ntags: [a, a]\n---\n\nपाठ\n",
    );
    const result = await publish();
    expect(result.code).toBe(1);
    const file = join(content, ARTICLE);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        `${file}:datelin: unknown field (expected one of: title, title_en, slug, id, summary, byline, authors, dateline, published, updated, tags, section, image, corrections, withdrawn)`,
        `${file}:published: "2019-11-01T19:18:00" has no UTC offset (write it like 2019-11-01T19:18:00+05:30)`,
        `${file}:title: is missing`,
        `${file}:byline: contains the character U+0007 at offset 6, which XML feeds cannot carry`,
        `${file}:dateline: is missing`,
        expect.stringMatching(/articles\/second\.md:tags\[1\]: repeats "a"$/),
      ]),
    );
    expect(result.stderr).toMatch(/problem\(s\) found; nothing was published/);
    expect((await readLocalKv(persist)).size).toBe(0);
  });

  it("explains ids, file names, dates and tags editors get wrong", async () => {
    await writeFile(
      join(content, "articles/Bad_Name.md"),
      [
        "---",
        "title: शीर्षक  दो  बार",
        "id: not a uri",
        "summary: सार",
        "byline: ब",
        "dateline: द",
        "published: 2019-11-04 09:00:00+05:30",
        "updated: 1 Nov 2019 7:18 PM IST",
        "tags: [2019, '...']",
        "---",
        "",
        "पाठ",
      ].join("\n"),
    );
    const result = await publish();
    expect(result.code).toBe(1);
    const file = join(content, "articles/Bad_Name.md");
    for (const line of [
      `${file}:slug: the file name "Bad_Name" is not a valid slug (lower-case a-z, 0-9 and single hyphens, at most 200 characters); rename the file or add a slug field`,
      `${file}:id: "not a uri" is not an absolute URI (e.g. tag:patrika.example,2019:articles/my-story)`,
      `${file}:title: has repeated spaces`,
      `${file}:published: "2019-11-04 09:00:00+05:30" needs a T between the date and the time (write it like 2019-11-01T19:18:00+05:30)`,
      `${file}:updated: "1 Nov 2019 7:18 PM IST" names a time zone; give the UTC offset instead (write it like 2019-11-01T19:18:00+05:30)`,
      `${file}:tags[0]: must be text (quote it: "2019")`,
      `${file}:tags[1]: must contain a letter or a digit`,
    ]) {
      expect(result.stderr).toContain(line);
    }
    expect((await readLocalKv(persist)).size).toBe(0);
  });

  it("names a duplicate slug, a bad site setting and broken YAML", async () => {
    await writeFile(
      join(content, "site.yaml"),
      (await readFile(join(content, "site.yaml"), "utf8")).replace("items_per_feed: 50", "items_per_feed: 0"),
    );
    const second = join(content, "articles/copy.md");
    const source = await readFile(join(content, ARTICLE), "utf8");
    await writeFile(
      second,
      source.replace(
        "---\n",
        "---\nslug: whatsapp-pegasus-spying-action\nid: tag:patrika.example,2019:articles/copy\n",
      ),
    );
    await writeFile(join(content, "articles/broken.md"), "---\ntitle: [unclosed\n---\nपाठ\n");
    const result = await publish();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`site.yaml:items_per_feed: must be a whole number from 1 to 1000`);
    expect(result.stderr).toContain(
      `${join(content, ARTICLE)}:slug: "whatsapp-pegasus-spying-action" is already used by ${join(content, "articles/copy.md")}`,
    );
    expect(result.stderr).toMatch(/articles\/broken\.md:-: YAML: /);
    expect((await readLocalKv(persist)).size).toBe(0);
  });
});
