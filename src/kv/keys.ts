import { NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH } from "../content/sitemaps.ts";

/**
 * The KV key layout, shared by the publisher (which writes) and the Worker (which reads).
 * A feed document is named by its URL folder: `""` for the main feed, `/archive/3`,
 * `/tags/{encoded tag}`, `/tags/{encoded tag}/archive/3`; a sitemap by its URL path. Documented
 * in docs/storage.md ("KV layout", "Sitemaps").
 */

/** Everything one feed document renders from: site settings and its items. */
export function feedPageKey(documentDir: string): string {
  return `feed:${documentDir || "/"}`;
}

/** The small record (hash, updated time, cache class) a conditional request is answered from. */
export function feedHeadKey(documentDir: string): string {
  return `head:${documentDir || "/"}`;
}

/** One article, for its page. */
export function articleKey(slug: string): string {
  return `article:${slug}`;
}

/**
 * What a sitemap is rendered from, by its URL path: the index (`/sitemap.xml`), which is also the
 * head of every sitemap it lists, one of those sitemaps, or the news sitemap's articles.
 */
export function sitemapKey(path: string): string {
  return `sitemap:${path}`;
}

/** The news sitemap's head: its hash and its articles' times, all a conditional request needs. */
export const NEWS_HEAD_KEY = `head:${NEWS_SITEMAP_PATH}`;

/** What the publisher stores as every value's KV metadata: the SHA-256 that identifies the value. */
export interface KvMetadata {
  sha256: string;
}

/** The stages of a publish, in write order (deletions run in the reverse order); see `writeStage`. */
export const WRITE_STAGES = [0, 1, 2, 3, 4, 5, 6] as const;

/** One stage of a publish. */
export type WriteStage = (typeof WRITE_STAGES)[number];

/**
 * When a key is written, so that nothing is readable before what it points at: 0 articles and
 * archive pages, 1 archive heads, 2 subscription pages (which link to archive pages), 3
 * subscription heads, 4 the sitemaps (which list articles and tag pages) and the news sitemap's
 * articles, 5 the news sitemap's head, 6 the sitemap index (which heads the sitemaps, and from
 * which robots.txt names the news sitemap). Deletions run in the reverse order.
 */
export function writeStage(key: string): WriteStage {
  if (key === sitemapKey(SITEMAP_INDEX_PATH)) return 6;
  if (key === NEWS_HEAD_KEY) return 5;
  if (key.startsWith("sitemap:")) return 4;
  const head = key.startsWith("head:");
  if (key.startsWith("article:") || (!head && key.includes("/archive/"))) return 0;
  if (head && key.includes("/archive/")) return 1;
  return head ? 3 : 2;
}
