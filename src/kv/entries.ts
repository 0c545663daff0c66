import { later } from "../content/dates.ts";
import type { Article, FeedHead, FeedPage, Site } from "../content/model.ts";
import { articleKey, feedHeadKey, feedPageKey, MAIN_FEED } from "./keys.ts";

/** One key and its JSON value, with the hash of that value. */
export interface KvEntry {
  key: string;
  value: string;
  hash: string;
}

/**
 * Turns validated content into the KV entries to publish, in write order: what is pointed at
 * (articles, feed pages) comes before what points at it (heads), so a reader never sees a head
 * whose page is not yet written.
 */
export async function buildKvEntries(site: Site, articles: Article[]): Promise<KvEntry[]> {
  const newestFirst = [...articles].sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
  const page = await mainFeedPage(site, newestFirst);
  const head: FeedHead = { hash: page.hash, updated: page.updated, language: site.language };
  return Promise.all([
    ...newestFirst.map((article) => entry(articleKey(article.slug), article)),
    entry(feedPageKey(MAIN_FEED), page),
    entry(feedHeadKey(MAIN_FEED), head),
  ]);
}

async function mainFeedPage(site: Site, newestFirst: Article[]): Promise<FeedPage> {
  const items = newestFirst.slice(0, site.itemsPerFeed);
  const updated = items.map((a) => a.updated).reduce(later, items[0]?.published ?? "1970-01-01T00:00:00Z");
  const page = { site, dir: "", title: site.title, description: site.description, updated, items };
  return { ...page, hash: await sha256(JSON.stringify(page)) };
}

async function entry(key: string, data: unknown): Promise<KvEntry> {
  const value = JSON.stringify(data);
  return { key, value, hash: await sha256(value) };
}

/** Hex SHA-256 of a UTF-8 string. */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
