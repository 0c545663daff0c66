/**
 * The KV key layout, shared by the publisher (which writes) and the Worker (which reads).
 * A feed document is named by its URL folder: `""` for the main feed, `/archive/3`,
 * `/tags/{encoded tag}`, `/tags/{encoded tag}/archive/3`. Documented in the README ("KV layout").
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

/** What the last publish wrote: key → content hash. Lets the next publish write only changes. */
export const MANIFEST_KEY = "manifest";

/** Whether a key holds a head, which points at a page and so is written last and deleted first. */
export function isHeadKey(key: string): boolean {
  return key.startsWith("head:");
}
