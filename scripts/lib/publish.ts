import type { KvEntry } from "../../src/kv/entries.ts";
import { sha256 } from "../../src/kv/hash.ts";
import { ANNOUNCE_KEY, WRITE_STAGES, writeStage } from "../../src/kv/keys.ts";
import type { KvTarget, Listing } from "./kv-target.ts";

/** What one publish did, and what it found in KV that content did not account for. */
export interface PublishSummary {
  /** Every key written, the announcement record included: the KV writes this publish cost. */
  written: string[];
  /** Every key deleted: what content no longer produces, whatever left it there. */
  deleted: string[];
  unchanged: number;
  /** Of the keys written, those KV did not hold at all. */
  missing: number;
  /** Of the keys written, those whose metadata recorded no content hash (an older publisher, or a hand edit). */
  unhashed: number;
  /** Of the keys deleted, those content does not produce (the announcement record aside). */
  orphans: number;
  /** Feed pages an earlier publish wrote but could not announce to the WebSub hub, announced by this one. */
  reannounced: number;
}

/** How to publish. */
export interface PublishOptions {
  /** Write every entry, whatever KV holds. */
  full?: boolean;
  /** Called as keys are written and deleted, with how many of `total` are done. */
  onProgress?: (done: number, total: number) => void;
  /**
   * With a WebSub hub: tells it about feed page keys whose content changed, after the writes. When
   * it answers false, the keys stay recorded in KV under `ANNOUNCE_KEY` and the next publish
   * announces them again; without a hub that record is deleted like any other stray key.
   */
  announce?: (feedKeys: string[]) => Promise<boolean>;
}

/**
 * Makes KV equal to `entries` and nothing else. What KV holds is learnt from KV itself: one listing
 * gives every key with the hash stored as its metadata, so this writes every entry that is missing
 * or differs, and deletes every key no entry produces (removed content, and anything an
 * interrupted publish left). Writes run in stages so that nothing becomes readable before what it
 * points at (see `writeStage`), deletions in the reverse order, so that a publish that fails or is
 * killed at any moment leaves no head naming a missing page and is finished by the next one.
 */
export async function publishEntries(
  target: KvTarget,
  entries: readonly KvEntry[],
  options: PublishOptions = {},
): Promise<PublishSummary> {
  const listing = await target.list();
  const wanted = new Set(entries.map((e) => e.key));
  const writes = options.full ? [...entries] : entries.filter((e) => listing.get(e.key) !== e.hash);
  const keep = options.announce ? ANNOUNCE_KEY : undefined;
  const deletions = [...listing.keys()].filter((key) => !wanted.has(key) && key !== keep);
  const announcement = options.announce && (await pendingAnnouncement(target, listing, entries, writes));

  let done = 0;
  const total = writes.length + deletions.length + (announcement?.record ? 1 : 0);
  const onDone = (count: number) => {
    done += count;
    options.onProgress?.(done, total);
  };
  if (announcement?.record) await target.put([announcement.record], onDone);
  for (const stage of WRITE_STAGES)
    await target.put(
      writes.filter((e) => writeStage(e.key) === stage),
      onDone,
    );
  for (const stage of [...WRITE_STAGES].reverse())
    await target.remove(
      deletions.filter((key) => writeStage(key) === stage),
      onDone,
    );

  const deleted = [...deletions];
  if (announcement && options.announce && announcement.keys.length > 0) {
    const announced = await options.announce(announcement.keys);
    if (announced && (announcement.record || listing.has(ANNOUNCE_KEY))) {
      await target.remove([ANNOUNCE_KEY]);
      deleted.push(ANNOUNCE_KEY);
    }
  }
  return {
    written: [...(announcement?.record ? [ANNOUNCE_KEY] : []), ...writes.map((e) => e.key)],
    deleted,
    unchanged: entries.length - writes.length,
    missing: writes.filter((e) => !listing.has(e.key)).length,
    unhashed: writes.filter((e) => listing.has(e.key) && listing.get(e.key) === undefined).length,
    orphans: deletions.length,
    reannounced: announcement ? announcement.pending : 0,
  };
}

// The feed pages to announce after this publish: those an earlier one left unannounced, and those
// this one writes; and the record to write first when that list grows, so that a publish killed
// before the hub answers still leaves them for the next one.
async function pendingAnnouncement(
  target: KvTarget,
  listing: Listing,
  entries: readonly KvEntry[],
  writes: readonly KvEntry[],
): Promise<{ keys: string[]; pending: number; record?: KvEntry }> {
  const wanted = new Set(entries.map((e) => e.key));
  const earlier = new Set(listing.has(ANNOUNCE_KEY) ? await readRecord(target, entries) : []);
  const carried = [...earlier].filter((key) => wanted.has(key));
  const fresh = writes.map((e) => e.key).filter((key) => key.startsWith("feed:") && !earlier.has(key));
  const keys = [...carried, ...fresh];
  if (fresh.length === 0) return { keys, pending: carried.length };
  const value = JSON.stringify({ feedKeys: keys });
  return { keys, pending: carried.length, record: { key: ANNOUNCE_KEY, value, hash: await sha256(value) } };
}

// The feed page keys a record names; when it cannot be read, every feed page, to be safe.
async function readRecord(target: KvTarget, entries: readonly KvEntry[]): Promise<string[]> {
  try {
    const { feedKeys } = JSON.parse((await target.get(ANNOUNCE_KEY)) ?? "{}");
    if (Array.isArray(feedKeys) && feedKeys.every((k) => typeof k === "string")) return feedKeys;
  } catch {}
  return entries.map((e) => e.key).filter((key) => key.startsWith("feed:"));
}
