import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/lib/content/content.ts";
import type { ArticleDocument } from "../../src/content/model.ts";
import type { WriterStatus } from "../../src/write/writer/status.ts";
import {
  freshPublishWithTombstones,
  publishCopy,
  readLocalKv,
  readLocalState,
  type State,
  tempDir,
} from "./helpers.ts";
import { serviceFor, stopService, TEST_TOKEN } from "./service.ts";

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
afterAll(async () => {
  await stopService(state);
  await dir.cleanup();
});

const publish = () => publishCopy({ content, persist: state });
const written = (stdout: string) => Number(/(\d+) key\(s\) written/.exec(stdout)?.[1]);
const sent = (stdout: string) => /(\d+) sent, (\d+) deleted/.exec(stdout)?.slice(1).map(Number);

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
    const loaded = await loadContent(content, { whole: true });
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    const { whole: articles = [] } = loaded.content;
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
    const loaded = await loadContent(content, { whole: true });
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    const images = (loaded.content.whole ?? []).flatMap((a) => (a.image ? [a.image] : []));
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
    expect(sent(first.stdout)).toEqual([COUNT, 0]);
    expect(written(first.stdout)).toBeGreaterThan(COUNT);

    const again = await publish();
    expect(sent(again.stdout)).toEqual([0, 0]);
    expect(written(again.stdout)).toBe(0);

    const { file, tags } = await mostTagged();
    expect(tags).toBe(8);
    await writeFile(file, (await readFile(file, "utf8")).replace(/\n\n(\S)/, "\n\nसुधार: $1"));
    const edit = await publish();
    expect(sent(edit.stdout)).toEqual([1, 0]);
    // Its own key, and the page and head of the main feed, of each of its tags' feeds and of its author's feed.
    expect(written(edit.stdout)).toBe(1 + 2 * (1 + tags + 1));

    await rm(file);
    const removal = await publish();
    expect(removal.code).toBe(0);
    expect(sent(removal.stdout)).toEqual([0, 1]);
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

  it("finishes imports whose client was killed half-way through media and before its articles: nothing ever names a missing page or image, and the next publish sends the rest", async () => {
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
    let uploads = 0;
    const media = await publishThrough(
      ({ request, answer }, client) =>
        request.startsWith("PUT /api/v1/media/") && !answer && ++uploads === 20 && client.kill("SIGKILL"),
    );
    expect(media.signal).toBe("SIGKILL");
    expect(brokenLinks(await readLocalState(state))).toEqual([]);

    let unsent = 0;
    const articles = await publishThrough(({ request, body, answer }, client) => {
      if (request !== "POST /api/v1/articles" || answer || !("articles" in JSON.parse(body))) return false;
      unsent = JSON.parse(body).articles.length;
      return client.kill("SIGKILL");
    });
    expect(articles.signal).toBe("SIGKILL");
    expect(brokenLinks(await readLocalState(state))).toEqual([]);

    const rest = await publish();
    expect(rest.code).toBe(0);
    expect(sent(rest.stdout)).toEqual([unsent, 1]);
    const finished = await readLocalState(state);
    expect(finished).toEqual(await freshPublishWithTombstones(content, finished));
  }, 300_000);

  it("finishes an import when the service stops with keys still to write and starts again: nothing names a missing page, and its writer writes the rest unasked", async () => {
    const site = join(content, "site.yaml");
    await writeFile(site, (await readFile(site, "utf8")).replace(/^title: .*$/m, "title: पत्रिका (दूसरा संशोधन)"));
    const stopped = await publishThrough(async ({ request, status, answer }) => {
      if (request !== "PUT /api/v1/site" || status !== 200 || (JSON.parse(answer ?? "") as WriterStatus).pending === 0)
        return false;
      await stopService(state);
      return true;
    });
    expect(stopped.code).toBe(1);
    const down = await readLocalState(state);
    expect(brokenLinks(down)).toEqual([]);

    const origin = await serviceFor(state);
    const status = () =>
      fetch(`${origin}/api/v1/status`, { headers: { Authorization: `Bearer ${TEST_TOKEN}` } }).then(
        (res) => res.json() as Promise<WriterStatus>,
      );
    for (const deadline = Date.now() + 60_000; (await status()).pending > 0 && Date.now() < deadline; )
      await sleep(250);
    const finished = await readLocalState(state);
    expect(finished).not.toEqual(down);
    expect(finished).toEqual(await freshPublishWithTombstones(content, finished));
  }, 300_000);
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

/** A request the publish command sent (`PUT /api/v1/site`) with its body, and the service's answer once it came. */
interface Exchange {
  request: string;
  body: string;
  status?: number;
  answer?: string;
}

/**
 * Runs the publish command through a proxy in front of the store's service. `interrupt` sees each
 * request before it goes on, and again with its answer; when it returns true (having killed the
 * client, or stopped the service), that request or answer goes no further. Resolves once the
 * command has ended, with how.
 */
async function publishThrough(
  interrupt: (exchange: Exchange, client: ChildProcess) => boolean | Promise<boolean>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const service = await serviceFor(state);
  let client: ChildProcess | undefined;
  const proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const exchange: Exchange = { request: `${req.method} ${req.url?.split("?")[0]}`, body: body.toString("utf8") };
    try {
      if (await interrupt(exchange, client as ChildProcess)) return res.destroy();
      const headers = {
        Authorization: req.headers.authorization ?? "",
        "Content-Type": req.headers["content-type"] ?? "",
      };
      const answer = await fetch(`${service}${req.url}`, {
        method: req.method,
        headers,
        ...(body.length > 0 && { body: new Uint8Array(body) }),
      });
      exchange.status = answer.status;
      exchange.answer = await answer.text();
      if (await interrupt(exchange, client as ChildProcess)) return res.destroy();
      res.writeHead(answer.status, { "Content-Type": answer.headers.get("Content-Type") ?? "text/plain" });
      res.end(exchange.answer);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((listening) => proxy.listen(0, "127.0.0.1", listening));
  const { port } = proxy.address() as { port: number };
  try {
    client = spawn(
      process.execPath,
      ["scripts/publish.ts", "--local", "--api", `http://127.0.0.1:${port}`, "--content", content],
      { stdio: "ignore", env: { ...process.env, PUBLISH_TOKEN: TEST_TOKEN } },
    );
    const started = client;
    return await new Promise((ended) => started.once("exit", (code, signal) => ended({ code, signal })));
  } finally {
    proxy.closeAllConnections();
    proxy.close();
  }
}
