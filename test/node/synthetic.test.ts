import { execFile, spawn } from "node:child_process";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/lib/content.ts";
import type { ArticleDocument } from "../../src/content/model.ts";
import { freshPublishWithTombstones, readLocalKv, readLocalState, runPublish, type State, tempDir } from "./helpers.ts";

const COUNT = 400;
let dir: Awaited<ReturnType<typeof tempDir>>;
let content: string;
let state: string;

beforeAll(async () => {
  dir = await tempDir();
  content = join(dir.path, "content");
  state = join(dir.path, "state");
  await promisify(execFile)(process.execPath, [
    "scripts/synthetic-content.ts",
    "--count",
    String(COUNT),
    "--out",
    content,
    "--seed",
    "7",
  ]);
});
afterAll(() => dir.cleanup());

const publish = () => runPublish(["--local", "--persist-to", state, "--content", content]);
const written = (stdout: string) => Number(/(\d+) key\(s\) written/.exec(stdout)?.[1]);

/** The file of an article by one author with the most tags, and its number of tags. */
async function mostTagged(): Promise<{ file: string; tags: number }> {
  const files = await readdir(join(content, "articles"));
  let best = { file: "", tags: 0 };
  for (const name of files) {
    const file = join(content, "articles", name);
    const source = await readFile(file, "utf8");
    const tags = (source.match(/^ {2}- /gm) ?? []).length;
    const oneAuthor = /^byline: |^authors: \[[a-z-]+\]$/m.test(source);
    if (oneAuthor && tags > best.tags) best = { file, tags };
  }
  return best;
}

describe("the synthetic content generator", () => {
  it("writes articles that pass the same validation as real content", async () => {
    const loaded = await loadContent(content);
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    const { articles } = loaded.content;
    expect(articles).toHaveLength(COUNT);
    for (const article of articles) {
      expect(article.tags.length).toBeGreaterThanOrEqual(1);
      expect(article.tags.length).toBeLessThanOrEqual(8);
      expect(article.published).toMatch(/\+05:30$/);
    }
    const years = new Set(articles.map((a) => a.published.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(5);
    expect(new Set(articles.flatMap((a) => a.tags)).size).toBeGreaterThan(150);
    const lengths = articles.map((a) => a.contentHtml.length);
    expect(Math.max(...lengths)).toBeGreaterThan(3 * Math.min(...lengths));
  });

  it("gives about a third of the articles a lead image of varied size, mostly as wide as partners want", async () => {
    const loaded = await loadContent(content);
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    const images = loaded.content.articles.flatMap((a) => (a.image ? [a.image] : []));
    expect(images.length).toBeGreaterThan(COUNT / 4);
    expect(images.length).toBeLessThan(COUNT / 2.4);
    const widths = images.map((image) => image.large.width);
    expect(new Set(widths).size).toBeGreaterThan(8);
    expect(widths.filter((width) => width >= 1200).length).toBeGreaterThan(0.75 * widths.length);
    expect(loaded.warnings.length).toBeGreaterThan(1);
    expect(new Set(images.map((image) => image.large.type))).toEqual(new Set(["image/jpeg", "image/png"]));
    expect(images.every((image) => image.alt && image.credit)).toBe(true);
  });
});

describe("publishing at scale", () => {
  it("is incremental: nothing on a republish, only the feeds holding a changed article, deletions", async () => {
    const first = await publish();
    expect(first.code).toBe(0);
    expect(written(first.stdout)).toBeGreaterThan(COUNT);

    expect(written((await publish()).stdout)).toBe(0);

    const { file, tags } = await mostTagged();
    expect(tags).toBe(8);
    await writeFile(file, (await readFile(file, "utf8")).replace(/\n\n(\S)/, "\n\nसुधार: $1"));
    const edit = await publish();
    // Its own key, the page and head of the main feed, each of its tags' feeds and its author's feed, and
    // the record of what KV now holds.
    expect(written(edit.stdout)).toBe(1 + 2 * (1 + tags + 1) + 1);

    await rm(file);
    const removal = await publish();
    expect(removal.code).toBe(0);
    const stored = await readLocalState(state);
    expect(stored).toEqual(await freshPublishWithTombstones(content, stored));
  });

  it("adds 5 sitemap writes to a correction that moves updated: month, pages, index, news and its head", async () => {
    const before = await readLocalKv(state);
    const { file } = await mostTagged();
    const source = await readFile(file, "utf8");
    const month = /^published: (\d{4}-\d{2})/m.exec(source)?.[1];
    await writeFile(
      file,
      source
        .replace(/^updated: .*\n/m, "")
        .replace(/^(published: .*\n)/m, "$1updated: 2026-11-30T12:00:00+05:30\n")
        .replace(/\n\n(\S)/, "\n\nसुधार: $1"),
    );
    const edit = await publish();
    const after = await readLocalKv(state);
    const changed = [...after].filter(([key, { sha256 }]) => before.get(key)?.sha256 !== sha256).map(([key]) => key);
    expect(changed).toHaveLength(written(edit.stdout));
    const sitemaps = changed.filter((key) => key.startsWith("sitemap:") || key === "head:/news-sitemap.xml");
    expect(sitemaps.sort()).toEqual([
      "head:/news-sitemap.xml",
      "sitemap:/news-sitemap.xml",
      "sitemap:/sitemap.xml",
      `sitemap:/sitemaps/articles-${month}.xml`,
      "sitemap:/sitemaps/pages.xml",
    ]);
  });

  it("finishes publishes killed half-way through media and through KV: nothing ever names a missing page or image, and the next publish converges", async () => {
    const site = join(content, "site.yaml");
    await writeFile(site, (await readFile(site, "utf8")).replace(/^title: .*$/m, "title: पत्रिका (संशोधित)"));
    const files = (await readdir(join(content, "articles"))).sort();
    await rm(join(content, "articles", files[3] ?? ""));
    const images = join(content, "media", "synthetic");
    for (const name of (await readdir(images)).sort().slice(0, 40)) {
      const file = join(images, name);
      const negated = sharp(await readFile(file)).negate({ alpha: false });
      await writeFile(file, await (name.endsWith(".png") ? negated.png() : negated.jpeg()).toBuffer());
    }
    for (const phase of ["Uploading media", "Writing KV"]) {
      await killWhenHalfWritten(phase, ["--local", "--persist-to", state, "--content", content]);
      expect(brokenLinks(await readLocalState(state))).toEqual([]);
    }

    await rm(join(content, "articles", files[5] ?? ""));
    const repair = await publish();
    expect(repair.code).toBe(0);
    expect(repair.stdout).toContain("KV was not as the last complete publish left it");
    const repaired = await readLocalState(state);
    expect(repaired).toEqual(await freshPublishWithTombstones(content, repaired));
  });
});

/** Heads naming a page (a feed's or a sitemap's) KV lacks, and media files an article names that the bucket lacks. */
function brokenLinks({ kv, media }: State): string[] {
  const broken: string[] = [];
  for (const [key, { value }] of kv) {
    const pages = ["feed:", "sitemap:"].map((kind) => `${kind}${key.slice("head:".length)}`);
    if (key.startsWith("head:") && !pages.some((page) => kv.has(page))) broken.push(`${key} names no page`);
    if (!key.startsWith("article:")) continue;
    const { image } = (JSON.parse(value) as Partial<ArticleDocument>).article ?? {};
    for (const file of image ? [image.large, image.small] : []) {
      if (!media.has(file.url.split("/").at(-1) ?? "")) broken.push(`${key} names ${file.url}, which R2 lacks`);
    }
  }
  return broken;
}

// Runs the publish command and kills it with SIGKILL, with the local runtime it started (its whole
// process group, as a crash would), once the progress counter of `phase` passes 40%.
async function killWhenHalfWritten(phase: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, ["scripts/publish.ts", ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let seen = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      seen += chunk;
      const percents = [...seen.matchAll(new RegExp(`${phase}: \\d+/\\d+ \\((\\d+)%\\)`, "g"))].map((m) =>
        Number(m[1]),
      );
      if (child.pid !== undefined && percents.some((p) => p >= 40 && p < 100)) process.kill(-child.pid, "SIGKILL");
    });
    child.on("exit", (_, signal) =>
      signal === "SIGKILL" ? resolve() : reject(new Error(`publish was not killed half-way:\n${seen}`)),
    );
  });
}
