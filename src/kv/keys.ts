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

/**
 * The publisher's own record of feed pages it wrote but has not yet announced to the WebSub hub.
 * It exists only between a publish's first write and the hub's acknowledgement; the Worker never reads it.
 */
export const ANNOUNCE_KEY = "publish:announce";

/** What the publisher stores as every value's KV metadata: the SHA-256 that identifies the value. */
export interface KvMetadata {
  sha256: string;
}

/**
 * When a key is written, so that nothing is readable before what it points at: 0 articles and
 * archive pages, 1 archive heads, 2 subscription pages (which link to archive pages), 3
 * subscription heads. Deletions run in the reverse order.
 */
export function writeStage(key: string): 0 | 1 | 2 | 3 {
  const head = key.startsWith("head:");
  if (key.startsWith("article:") || (!head && key.includes("/archive/"))) return 0;
  if (head && key.includes("/archive/")) return 1;
  return head ? 3 : 2;
}
