import type { FeedHead } from "../content/model.ts";
import { readFeedHead } from "./read.ts";

const MAX_ENTRIES = 4096;
const heads = new Map<string, { head: FeedHead | null; until: number }>();

/**
 * Reads a feed document's head, keeping it in the isolate for `seconds` so that polls within
 * that time (304s, HEADs, repeated 200s) cost no KV read at all. KV itself is eventually
 * consistent — a write can take up to 60 s to reach every location — so a few seconds here add
 * no new kind of staleness. `seconds` of 0 reads KV every time.
 */
export async function readFeedHeadCached(
  kv: KVNamespace,
  documentDir: string,
  seconds: number,
): Promise<FeedHead | null> {
  if (seconds <= 0) return readFeedHead(kv, documentDir);
  const now = Date.now();
  const cached = heads.get(documentDir);
  if (cached && cached.until > now) return cached.head;
  const head = await readFeedHead(kv, documentDir);
  heads.delete(documentDir);
  if (heads.size >= MAX_ENTRIES) heads.delete(heads.keys().next().value ?? "");
  heads.set(documentDir, { head, until: now + seconds * 1000 });
  return head;
}
