import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Article, FeedHead, FeedPage, NewsHead, Sitemap, SitemapIndex } from "../../../src/content/model.ts";
import { NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH } from "../../../src/content/sitemaps.ts";
import { articleKey, feedHeadKey, feedPageKey, NEWS_HEAD_KEY, sitemapKey } from "../../../src/kv/keys.ts";
import { Catalogue } from "../../../src/write/writer/catalogue.ts";
import { DirtyKeys } from "../../../src/write/writer/dirty.ts";
import { type FlushResult, flush } from "../../../src/write/writer/flush.ts";
import { changeArticle } from "../../../src/write/writer/touched.ts";
import { article, SITE } from "../fixtures.ts";
import { clearKv } from "../helpers.ts";
import { writer } from "./writer-helpers.ts";

const site = { ...SITE, itemsPerFeed: 3 };

function story(n: number, tag: string, published = new Date(Date.UTC(2020, 0, 1) + n * 3_600_000)): Article {
  const date = published.toISOString().replace("Z", "+05:30");
  return article({
    slug: `story-${n}`,
    id: `tag:patrika.example,2019:articles/story-${n}`,
    title: `ख़बर ${n}`,
    tags: [tag],
    published: date,
    updated: date,
  });
}

const read = async <T>(key: string) => JSON.parse((await env.CONTENT.get(key)) ?? "null") as T | null;

// Where `key`, once readable with `value`, points at what KV does not hold (yet): a page its head names
// (with its hash), and every article, feed or archive page the value links to.
async function missing(key: string, value: string, problems: string[]): Promise<void> {
  const expectHeld = async (k: string, hash?: string) => {
    const held = await read<{ hash?: string }>(k);
    if (held === null || (hash !== undefined && held.hash !== hash)) problems.push(`${key} before ${k}`);
  };
  const link = async (loc: string) => {
    const path = loc.slice(site.baseUrl.length);
    const slug = /^\/articles\/([^/]+)$/.exec(path)?.[1];
    await expectHeld(slug ? articleKey(slug) : feedHeadKey(path === "/" ? "" : path));
  };
  const headed = async (page: string, hash: string) => {
    await expectHeld(page, hash);
    const held = await env.CONTENT.get(page);
    if (held !== null) await missing(page, held, problems);
  };
  if (key === NEWS_HEAD_KEY) await headed(sitemapKey(NEWS_SITEMAP_PATH), (JSON.parse(value) as NewsHead).hash);
  else if (key.startsWith("head:")) await headed(`feed:${key.slice(5)}`, (JSON.parse(value) as FeedHead).hash);
  else if (key === sitemapKey(SITEMAP_INDEX_PATH)) {
    for (const ref of (JSON.parse(value) as SitemapIndex).sitemaps) await headed(sitemapKey(ref.path), ref.hash);
    await expectHeld(NEWS_HEAD_KEY);
  } else if (key === sitemapKey(NEWS_SITEMAP_PATH)) {
    for (const a of (JSON.parse(value) as { articles: { url: string }[] }).articles) await link(a.url);
  } else if (key.startsWith("sitemap:")) {
    for (const url of (JSON.parse(value) as Sitemap).urls) await link(url.loc);
  } else if (key.startsWith("feed:")) {
    const page = JSON.parse(value) as FeedPage;
    for (const item of page.items) await expectHeld(articleKey(item.slug));
    if (page.archive.page === null && page.archive.pages > 0)
      await expectHeld(feedHeadKey(`${page.dir}/archive/${page.archive.pages}`));
  }
}

// Whether a reader can reach `key` now: a page through its head, a sitemap through the index.
async function readable(key: string): Promise<boolean> {
  if (key.startsWith("feed:")) return (await env.CONTENT.get(`head:${key.slice(5)}`)) !== null;
  if (key === sitemapKey(NEWS_SITEMAP_PATH)) return (await env.CONTENT.get(NEWS_HEAD_KEY)) !== null;
  if (key.startsWith("sitemap:") && key !== sitemapKey(SITEMAP_INDEX_PATH)) {
    const index = await read<SitemapIndex>(sitemapKey(SITEMAP_INDEX_PATH));
    return index?.sitemaps.some((ref) => sitemapKey(ref.path) === key) ?? false;
  }
  return true;
}

// The namespace itself, with every value checked against what KV holds at the moment it is written.
function watched(problems: string[]): KVNamespace {
  const kv = env.CONTENT;
  return new Proxy(kv, {
    get(target, name) {
      if (name !== "put") return Reflect.get(target, name).bind(target);
      return async (key: string, value: string, options?: KVNamespacePutOptions) => {
        if (await readable(key)) await missing(key, value, problems);
        return target.put(key, value, options);
      };
    },
  });
}

describe("the writer's order of writes", () => {
  it("writes no key before what it points at, on a first publish, a new story with a new tag, and a backdated one", async () => {
    await clearKv();
    const stub = writer(`order-${crypto.randomUUID()}`);
    await stub.putSite(site, "test");
    const { problems, flushes } = await runInDurableObject(stub, async (_, state) => {
      const sql = state.storage.sql;
      const catalogue = new Catalogue(sql);
      const dirty = new DirtyKeys(sql);
      const problems: string[] = [];
      const flushes: FlushResult[] = [];
      const put = (a: Article) =>
        changeArticle(catalogue, dirty, site, a.slug, { article: a, hash: JSON.stringify(a) });
      const flushAll = async () => {
        const budget = { operations: 900, untilMs: Date.now() + 10_000, keyIntervalMs: 0 };
        flushes.push(await flush(sql, watched(problems), catalogue, dirty, budget));
      };
      for (let n = 1; n <= 8; n++) put(story(n, n % 2 === 0 ? "खेल" : "राजनीति"));
      await flushAll();
      put(story(9, "संसद", new Date()));
      await flushAll();
      put(story(10, "खेल", new Date(Date.UTC(2019, 5, 1))));
      await flushAll();
      return { problems, flushes };
    });
    expect(problems).toEqual([]);
    expect(flushes.map((f) => f.pending)).toEqual([0, 0, 0]);
    expect(flushes[1]?.written).toEqual(
      expect.arrayContaining([articleKey("story-9"), feedHeadKey("/tags/%E0%A4%B8%E0%A4%82%E0%A4%B8%E0%A4%A6")]),
    );
    expect(flushes[2]?.written).toEqual(expect.arrayContaining([feedPageKey("/archive/1"), feedHeadKey("/archive/1")]));
  });
});
