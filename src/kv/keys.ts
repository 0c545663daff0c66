/**
 * The KV key layout, shared by the publisher (which writes) and the Worker (which reads).
 * Documented in the README under "KV layout".
 */

/** Name of the main feed; tag feeds will be named `tags/{tag}`. */
export const MAIN_FEED = "main";

/** Everything a feed URL renders from: site settings and its newest items. */
export function feedPageKey(feed: string): string {
  return `feed/${feed}`;
}

/** The small record (hash and updated time) a conditional request is answered from. */
export function feedHeadKey(feed: string): string {
  return `head/${feed}`;
}

/** One article, for its page. */
export function articleKey(slug: string): string {
  return `article/${slug}`;
}

/** What the last publish wrote: key → content hash. Lets the next publish write only changes. */
export const MANIFEST_KEY = "manifest";
