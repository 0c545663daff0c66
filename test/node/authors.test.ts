import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { contentCopy, publishCopy, readLocalKv, readLocalState, storedNames } from "./helpers.ts";

let content: string;
let persist: string;

beforeEach(async ({ onTestFinished }) => {
  ({ content, persist } = await contentCopy(onTestFinished));
});

const publish = (...extra: string[]) => publishCopy({ content, persist }, ...extra);
const path = (name: string) => join(content, name);

/** An article naming its authors by `front` (e.g. `authors: [a, b]` or `byline: …`). */
async function writeArticle(name: string, front: string): Promise<void> {
  await writeFile(
    path(`articles/${name}.md`),
    `---\ntitle: शीर्षक\nsummary: सार\n${front}\ndateline: पटना\npublished: 2020-01-01T10:00:00+05:30\ntags: [बिहार]\n---\n\nपाठ\n`,
  );
}

const AUTHORS = `digital-desk:
  name: डिजिटल डेस्क
  desk: true
anuradha-sharma:
  name: अनुराधा शर्मा
  name_en: Anuradha Sharma
  url: https://social.example/@anuradha
  bio: अनुराधा तकनीक पर लिखती हैं।
`;

describe("authors", () => {
  it("are named by key or by a byline equal to their name; other bylines stay unlisted", async () => {
    await writeFile(path("authors.yaml"), AUTHORS);
    await writeArticle("by-keys", "authors: [anuradha-sharma, digital-desk]");
    await writeArticle("by-name", "byline: अनुराधा शर्मा");
    await writeArticle("unlisted", "byline: एजेंसी इनपुट");
    const result = await publish();
    expect(result.stderr).toBe("");
    const kv = await readLocalKv(persist);
    const stored = (slug: string) => JSON.parse(kv.get(`article:${slug}`)?.value ?? "{}").article;
    expect([stored("by-keys").byline, stored("by-keys").authors.map((a: { key: string }) => a.key)]).toEqual([
      "अनुराधा शर्मा और डिजिटल डेस्क",
      ["anuradha-sharma", "digital-desk"],
    ]);
    expect(stored("by-name").authors).toEqual([
      {
        key: "anuradha-sharma",
        name: "अनुराधा शर्मा",
        nameEn: "Anuradha Sharma",
        url: "https://social.example/@anuradha",
      },
    ]);
    expect(stored("unlisted").authors).toEqual([{ name: "एजेंसी इनपुट" }]);
    expect(stored("whatsapp-pegasus-spying-action").authors).toEqual([
      { key: "digital-desk", name: "डिजिटल डेस्क", desk: true },
    ]);
    const page = JSON.parse(kv.get("feed:/authors/anuradha-sharma")?.value ?? "{}");
    expect(page.author.bio).toBe("अनुराधा तकनीक पर लिखती हैं।");
    expect(page.items.map((a: { slug: string }) => a.slug).sort()).toEqual(["by-keys", "by-name"]);
    expect([...kv.keys()].filter((key) => key.startsWith("head:/authors/")).sort()).toEqual([
      "head:/authors/anuradha-sharma",
      "head:/authors/digital-desk",
    ]);
  });

  it("report every mistake in authors.yaml and in articles that name authors, and publish nothing", async () => {
    await writeFile(
      path("authors.yaml"),
      `${AUTHORS}Bad_Key:\n  name: कोई\nno-name:\n  bio: नाम नहीं\ntwin:\n  name: डिजिटल डेस्क\nplain-url:\n  name: सादा\n  url: http://social.example/x\n  role: editor\n`,
    );
    await writeArticle("unknown", "authors: [anuradha-sharma, nobody]");
    await writeArticle("none", "dateline_note: x");
    const result = await publish();
    expect(result.code).toBe(1);
    const authors = path("authors.yaml");
    expect(result.stderr.trim().split("\n")).toEqual(
      expect.arrayContaining([
        `${authors}:Bad_Key: is not a valid author key (lower-case a-z, 0-9 and single hyphens, at most 64 characters)`,
        `${authors}:no-name.name: is missing`,
        `${authors}:twin.name: "डिजिटल डेस्क" is also the name of digital-desk; a byline could not tell them apart`,
        `${authors}:plain-url.url: "http://social.example/x" must be an absolute https URL in normal form`,
        `${authors}:plain-url.role: unknown field (expected one of: name, name_en, desk, url, avatar, bio)`,
        `${path("articles/unknown.md")}:authors[1]: "nobody" is not an author listed in ${authors} ` +
          "(4 authors: digital-desk, anuradha-sharma, twin, plain-url)",
        `${path("articles/none.md")}:byline: is missing`,
      ]),
    );
    expect(await storedNames(persist)).toEqual({ kv: [], media: [] });
  });

  it("unknown among 10,000 are named with a count and at most three close keys, not the whole list", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `k${i}: {name: n${i}}`).join("\n");
    await writeFile(path("authors.yaml"), `${AUTHORS}${many}\n`);
    await writeArticle("unknown", "authors: [digital-dsk, nobody, k1000x, Not_A_Key]");
    const result = await publish("--check");
    const [file, authors] = [path("articles/unknown.md"), path("authors.yaml")];
    expect(result.stderr.trim().split("\n")).toEqual([
      `${file}:authors[0]: "digital-dsk" is not an author listed in ${authors} (10,002 authors; did you mean digital-desk?)`,
      `${file}:authors[1]: "nobody" is not an author listed in ${authors} (10,002 authors, none close to it)`,
      `${file}:authors[2]: "k1000x" is not an author listed in ${authors} (10,002 authors; did you mean k1000, k100 or k10?)`,
      `${file}:authors[3]: is not an author key (lower-case a-z, 0-9 and single hyphens, at most 64 characters)`,
      "",
      "4 problem(s) found; nothing was published.",
    ]);
  });

  it("have an avatar made from a square image under content/media/, named in their articles and stored", async () => {
    await writeFile(path("authors.yaml"), `${AUTHORS}  avatar: media/site/icon.png\n`);
    await writeArticle("by-keys", "authors: [anuradha-sharma]");
    const result = await publish();
    expect(result.stderr).toBe("");
    const { kv, media } = await readLocalState(persist);
    const avatar = JSON.parse(kv.get("article:by-keys")?.value ?? "{}").article.authors[0].avatar;
    const name = new URL(avatar.url).pathname.replace("/media/", "");
    const file = media.get(name);
    expect(file?.type).toBe("image/png");
    const { width, height } = await sharp(file?.body).metadata();
    expect([avatar.width, avatar.height, avatar.bytes]).toEqual([width, height, file?.body.length]);
    expect(width).toBe(height);
  });

  it("refuse an avatar that is not square, not under content/media/ or not there", async () => {
    await writeFile(
      path("authors.yaml"),
      `${AUTHORS}  avatar: media/site/logo.png\nweb:\n  name: वेब\n  avatar: https://social.example/a.png\nlost:\n  name: खोया\n  avatar: media/authors/lost.jpg\n`,
    );
    const result = await publish();
    expect(result.code).toBe(1);
    const authors = path("authors.yaml");
    expect(result.stderr.trim().split("\n")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^${authors}:anuradha-sharma\\.avatar: is \\d+×\\d+ px; an avatar must be square and at least 96×96 px`,
          ),
        ),
        `${authors}:web.avatar: must be a file under content/media/ (the publisher makes every size from it), like media/authors/name.jpg`,
        `${authors}:lost.avatar: "media/authors/lost.jpg" does not exist (looked for content/media/authors/lost.jpg)`,
      ]),
    );
    expect(await storedNames(persist)).toEqual({ kv: [], media: [] });
  });

  it("are optional: without authors.yaml, a key names no one", async () => {
    await rm(path("authors.yaml"));
    await writeArticle("keyed", "authors: [digital-desk]");
    const result = await publish("--check");
    expect(result.stderr.trim().split("\n")[0]).toBe(
      `${path("articles/keyed.md")}:authors[0]: names the author "digital-desk", but there is no ${path("authors.yaml")} listing authors`,
    );
  });
});
