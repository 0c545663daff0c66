import type { NewsHead, NewsSitemap, Sitemap, SitemapIndex } from "../content/model.ts";
import { asNewsHead, asNewsSitemap, asSitemap, asSitemapIndex } from "../content/shape.ts";
import { NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH } from "../content/sitemaps.ts";
import { NEWS_HEAD_KEY, sitemapKey } from "./keys.ts";
import { ContentUnavailable, readJson } from "./read.ts";

/** Reads and checks the sitemap index (one KV read); it must exist once content is published. */
export async function readSitemapIndex(kv: KVNamespace): Promise<SitemapIndex> {
  return mustExist(
    await readJson(kv, sitemapKey(SITEMAP_INDEX_PATH), asSitemapIndex),
    sitemapKey(SITEMAP_INDEX_PATH),
    "missing (has content been published?)",
  );
}

/** Reads and checks a sitemap the index lists (one KV read); it must exist. */
export async function readSitemap(kv: KVNamespace, path: string): Promise<Sitemap> {
  const key = sitemapKey(path);
  return mustExist(await readJson(kv, key, asSitemap), key, "missing, though the sitemap index lists it");
}

/** Reads and checks the news sitemap's head (one KV read); it must exist once content is published. */
export async function readNewsHead(kv: KVNamespace): Promise<NewsHead> {
  return mustExist(
    await readJson(kv, NEWS_HEAD_KEY, asNewsHead),
    NEWS_HEAD_KEY,
    "missing (has content been published?)",
  );
}

/** Reads and checks the news sitemap's articles (one KV read); they must exist. */
export async function readNewsSitemap(kv: KVNamespace): Promise<NewsSitemap> {
  const key = sitemapKey(NEWS_SITEMAP_PATH);
  return mustExist(await readJson(kv, key, asNewsSitemap), key, "missing, though its head exists");
}

function mustExist<T>(value: T | null, key: string, problem: string): T {
  if (value === null) throw new ContentUnavailable(key, problem);
  return value;
}
