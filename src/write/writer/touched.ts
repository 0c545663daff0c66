import { archivePageOf, chainShape, documentDir } from "../../content/archive.ts";
import type { Site, Takedown } from "../../content/model.ts";
import { NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH, sitemapPath } from "../../content/sitemaps.ts";
import { articleKey, feedHeadKey, feedPageKey, NEWS_HEAD_KEY, sitemapKey } from "../../kv/keys.ts";
import { feedsOf } from "../build/feed-sources.ts";
import { monthSitemapName } from "../build/sitemap-entries.ts";
import type { Catalogue, IndexedArticle } from "./catalogue.ts";
import type { DirtyKeys } from "./dirty.ts";

// Where an article stands in one feed: the feed's size, and the article's position newest first.
interface Standing {
  count: number;
  newer?: number;
  rank?: string;
}

/**
 * Puts `next` into the index in place of the article `slug` (or removes it, when `next` is
 * undefined) and marks every key whose value that may change: the article's page, each feed
 * document it leaves, enters or moves within (an archive page and every page after it when the
 * feed's order shifts, only its own page when it keeps its place), the main feed's subscription
 * document (which counts tags, authors and sections), its month's sitemaps, the pages sitemap, the news
 * sitemap and the index.
 */
export function changeArticle(
  catalogue: Catalogue,
  dirty: DirtyKeys,
  site: Site,
  slug: string,
  next: IndexedArticle | undefined,
): void {
  const old = catalogue.article(slug);
  const dirs = [...new Set([old, next].flatMap((a) => (a ? feedsOf(a.article).map((f) => f.dir) : [])))];
  const before = dirs.map((dir) => standing(catalogue, dir, slug));
  if (next) catalogue.putArticle(next);
  else catalogue.removeArticle(slug);
  dirs.forEach((dir, i) => {
    markFeed(dirty, site, dir, before[i] as Standing, standing(catalogue, dir, slug));
  });
  markDocument(dirty, "", null);
  dirty.mark(articleKey(slug));
  for (const a of [old, next]) if (a) markSitemap(catalogue, dirty, monthSitemapName(a.article.published));
  markSitemap(catalogue, dirty, "pages");
  markSiteWide(dirty);
}

/**
 * Takes a story down: it leaves every feed, list and sitemap as a deleted article does, and its key
 * holds a tombstone with the reason, if any, until an article of that slug is put again.
 */
export function takeDown(catalogue: Catalogue, dirty: DirtyKeys, site: Site, takedown: Takedown, input?: string): void {
  if (catalogue.article(takedown.slug)) changeArticle(catalogue, dirty, site, takedown.slug, undefined);
  catalogue.setGone(takedown, input);
  dirty.mark(articleKey(takedown.slug));
}

/** Marks every key KV holds and every key the index produces: after a change of site settings. */
export function changeEverything(catalogue: Catalogue, dirty: DirtyKeys, site: Site): void {
  dirty.markAll("SELECT key FROM stored");
  dirty.markAll("SELECT 'article:' || slug AS key FROM article");
  for (const feed of catalogue.feeds()) {
    const { pages } = chainShape(feed.count, site.itemsPerFeed);
    for (let page = 0; page <= pages; page++) markDocument(dirty, feed.dir, page === 0 ? null : page);
  }
  markSitemap(catalogue, dirty, "pages");
  for (const month of catalogue.months()) markSitemap(catalogue, dirty, `articles-${month}`);
  markSiteWide(dirty);
}

/** Marks what shows an author: their feed's subscription document (their bio) and the main one (their name). */
export function changeAuthor(dirty: DirtyKeys, dir: string): void {
  markDocument(dirty, dir, null);
  markDocument(dirty, "", null);
}

function standing(catalogue: Catalogue, dir: string, slug: string): Standing {
  const count = catalogue.feed(dir)?.count ?? 0;
  const rank = catalogue.rankIn(dir, slug);
  return rank === undefined ? { count } : { count, rank, newer: catalogue.newerThan(dir, rank) };
}

function markFeed(dirty: DirtyKeys, site: Site, dir: string, before: Standing, after: Standing): void {
  const size = site.itemsPerFeed;
  markDocument(dirty, dir, null);
  const oldest = (s: Standing) => (s.newer === undefined ? Number.POSITIVE_INFINITY : s.count - 1 - s.newer);
  if (before.rank !== undefined && before.rank === after.rank && before.count === after.count) {
    if ((after.newer ?? 0) < size) return;
    const page = archivePageOf(oldest(after));
    markDocument(dirty, dir, page);
    // An empty growing page takes its time from the page before it.
    if (page + 1 === chainShape(after.count, size).pages) markDocument(dirty, dir, page + 1);
    return;
  }
  const shapes = [chainShape(before.count, size), chainShape(after.count, size)];
  const first = archivePageOf(Math.min(oldest(before), oldest(after), ...shapes.map((s) => s.archived)));
  const last = Math.max(...shapes.map((s) => s.pages));
  for (let page = first; page <= last; page++) markDocument(dirty, dir, page);
}

function markDocument(dirty: DirtyKeys, dir: string, page: number | null): void {
  const docDir = documentDir(dir, page);
  dirty.mark(feedPageKey(docDir));
  dirty.mark(feedHeadKey(docDir));
}

// The sitemaps of `name` there are, and one more, for a list that grows past a sitemap's limits.
function markSitemap(catalogue: Catalogue, dirty: DirtyKeys, name: string): void {
  const parts = catalogue.sitemapParts(name);
  for (let part = 1; part <= parts + 1; part++) dirty.mark(sitemapKey(sitemapPath(name, part)));
}

function markSiteWide(dirty: DirtyKeys): void {
  dirty.mark(sitemapKey(NEWS_SITEMAP_PATH));
  dirty.mark(NEWS_HEAD_KEY);
  dirty.mark(sitemapKey(SITEMAP_INDEX_PATH));
}
