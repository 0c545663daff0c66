import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/lib/content/content.ts";
import { buildKvEntries } from "../../src/write/build/entries.ts";
import { contentCopy, publishCopy, storedNames } from "./helpers.ts";

let content: string;
let persist: string;

beforeEach(async ({ onTestFinished }) => {
  ({ content, persist } = await contentCopy(onTestFinished));
});

const publish = (...extra: string[]) => publishCopy({ content, persist }, ...extra);
const path = (name: string) => join(content, name);

// The seed's site.yaml without its `sections:` list.
async function siteWithoutSections(): Promise<string> {
  return (await readFile(path("site.yaml"), "utf8")).replace(/^sections:\n(?:[ -].*\n)*/m, "");
}

/** Replaces the seed's `sections:` list in site.yaml with `list` (YAML lines). */
async function writeSections(list: string): Promise<void> {
  await writeFile(path("site.yaml"), `${await siteWithoutSections()}sections:\n${list}`);
}

async function writeArticle(name: string, front: string): Promise<void> {
  await writeFile(
    path(`articles/${name}.md`),
    `---\ntitle: शीर्षक\nsummary: सार\nbyline: डेस्क\ndateline: पटना\npublished: 2020-01-01T10:00:00+05:30\ntags: [बिहार]\n${front}\n---\n\nपाठ\n`,
  );
}

const SECTIONS = `  - key: khel
    name: खेल
    name_en: Sports
  - key: tech
    name: टेक
`;

describe("sections", () => {
  it("are listed in site.yaml and named by articles; each with articles gets its feed, listed in site.yaml order", async () => {
    await writeArticle("match", "section: khel");
    await writeArticle("market", "section: vyapar");
    await writeArticle("shares", "section: vyapar");
    await writeArticle("plain", "");
    const loaded = await loadContent(content, { whole: true });
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    const { site, whole: articles = [], authors } = loaded.content;
    const entries = await buildKvEntries(site, articles, authors);
    const value = (key: string) => JSON.parse(entries.find((e) => e.key === key)?.value ?? "{}");
    expect([value("article:match").article.section, value("article:plain").article.section]).toEqual([
      "khel",
      undefined,
    ]);
    expect(value("article:plain").site.sections.slice(0, 2)).toEqual([
      { key: "desh", name: "देश", nameEn: "India" },
      { key: "duniya", name: "दुनिया", nameEn: "World" },
    ]);
    const vyapar = value("feed:/sections/vyapar");
    expect([vyapar.title, vyapar.items.map((a: { slug: string }) => a.slug).sort()]).toEqual([
      "व्यापार — पत्रिका",
      ["market", "shares"],
    ]);
    expect(
      entries
        .map((e) => e.key)
        .filter((key) => key.startsWith("head:/sections/"))
        .sort(),
    ).toEqual(["head:/sections/khel", "head:/sections/tech", "head:/sections/vyapar"]);
    expect(value("feed:/").sections).toEqual([
      { key: "khel", name: "खेल", count: 1 },
      { key: "vyapar", name: "व्यापार", count: 2 },
      { key: "tech", name: "टेक", count: 1 },
    ]);
  });

  it("report every mistake in the list and in articles that name a section, and publish nothing", async () => {
    await writeSections(`${SECTIONS}  - key: Desh-
    name: गलत
  - key: khel
    name: खेल फिर से
  - key: ${"a".repeat(41)}
    name: लंबा
  - name: बिना कुंजी
  - key: vyapar
    name: "टेक\\nदो पंक्ति"
    label: x
  - tech
`);
    await writeArticle("two", "section: [desh, khel]");
    const result = await publish();
    expect(result.code).toBe(1);
    const site = path("site.yaml");
    expect(result.stderr.trim().split("\n")).toEqual(
      expect.arrayContaining([
        `${site}:sections[2].key: "Desh-" is not a valid section key (lower-case a-z, 0-9 and single hyphens, 1 to 40 characters)`,
        `${site}:sections[3].key: repeats the key "khel"`,
        `${site}:sections[4].key: "${"a".repeat(41)}" is not a valid section key (lower-case a-z, 0-9 and single hyphens, 1 to 40 characters)`,
        `${site}:sections[5].key: is missing`,
        `${site}:sections[6].name: must be a single line (no line breaks or tabs)`,
        `${site}:sections[6].label: unknown field (expected one of: key, name, name_en)`,
        `${site}:sections[7]: must be a mapping of field: value (key, name, name_en)`,
        `${path("articles/two.md")}:section: must be text`,
      ]),
    );
    expect(await storedNames(persist)).toEqual({ kv: [], media: [] });
  });

  it("name at most a few of the known keys when an article names an unknown one", async () => {
    const keys = ["desh", "duniya", "khel", "vyapar", "tech", "rajya", "manoranjan"];
    await writeSections(keys.map((key) => `  - key: ${key}\n    name: ${key}\n`).join(""));
    await writeArticle("unknown", "section: sport");
    const result = await publish("--check");
    expect(result.stderr.trim().split("\n")[0]).toBe(
      `${path("articles/unknown.md")}:section: "sport" is not a section listed in ${path("site.yaml")} (desh, duniya, khel, vyapar, tech and 2 more)`,
    );
  });

  it("are optional: without a list, a section names none", async () => {
    await writeFile(path("site.yaml"), await siteWithoutSections());
    const result = await publish("--check");
    expect(result.stderr.trim().split("\n")[0]).toBe(
      `${path("articles/whatsapp-pegasus-spying-action.md")}:section: names the section "tech", but ${path("site.yaml")} lists no sections`,
    );
  });
});
