import type { KvEntry } from "../../src/kv/entries.ts";
import { sha256 } from "../../src/kv/hash.ts";
import {
  ANNOUNCE_KEY,
  MEDIA_RECORD_KEY,
  PUBLISHER_PREFIX,
  STATE_KEY,
  WRITE_STAGES,
  writeStage,
} from "../../src/kv/keys.ts";
import type { KvTarget, Listing } from "./kv-target.ts";
import { checkServedValues } from "./served-values.ts";

/** What one publish did, and what it found in KV that content did not account for. */
export interface PublishSummary {
  /** Every key written, the publisher's own records included: the KV writes this publish cost. */
  written: string[];
  /** Every key deleted: what content no longer produces, whatever left it there. */
  deleted: string[];
  unchanged: number;
  /**
   * KV was not as the last complete publish left it (a publish failed or was killed part-way, or
   * someone wrote to KV by hand): the keys written and deleted set that right, besides any edit.
   */
  repaired: boolean;
  /** Of the keys written, those whose metadata recorded no content hash (an older publisher, or a hand edit). */
  unhashed: number;
  /** Feed pages an earlier publish wrote but could not announce to the WebSub hub, announced by this one. */
  reannounced: number;
  /** Whether the target's listing showed every write and deletion before the publish ended (see `listingLagMs`). */
  settled: boolean;
  /** The entries `PublishOptions.instead` gave for listed keys that content no longer produces, written or kept. */
  kept: KvEntry[];
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
  /**
   * What to hold under a listed key that no entry produces, instead of deleting it (the tombstone
   * of a story taken down), given the hash the listing shows; `undefined` to delete it.
   */
  instead?: (key: string, listed: string | undefined) => Promise<KvEntry | undefined>;
}

/**
 * Makes KV equal to `entries` and nothing else. What KV holds is learnt from KV itself: one listing
 * gives every key with the hash stored as its metadata, so this writes every entry that is missing
 * or differs, and deletes every key no entry produces (removed content, and anything an
 * interrupted publish left). Every value is first checked as the Worker will read it. Writes run in
 * stages so that nothing becomes readable before what it points at (see `writeOrder`), deletions
 * in the reverse order, so that a publish that fails or is killed at any moment leaves no head
 * naming a missing page and is finished by the next one. Last, it records a digest of what KV now
 * holds (`STATE_KEY`), by which the next publish tells an unfinished one from ordinary edits.
 */
export async function publishEntries(
  target: KvTarget,
  produced: readonly KvEntry[],
  options: PublishOptions = {},
): Promise<PublishSummary> {
  const listing = await target.list();
  const own = new Set([STATE_KEY, MEDIA_RECORD_KEY, ...(options.announce ? [ANNOUNCE_KEY] : [])]);
  const kept = await keptInstead(listing, new Set(produced.map((e) => e.key)), own, options);
  const entries = [...produced, ...kept];
  const wanted = new Set(entries.map((e) => e.key));
  const changed = entries.filter((e) => listing.get(e.key) !== e.hash);
  const writes = options.full ? [...entries] : changed;
  const deletions = [...listing.keys()].filter((key) => !wanted.has(key) && !own.has(key));
  checkServedValues(writes);
  const state = await stateRecord(entries);
  const recorded = await lastState(target, listing);
  const repaired = recorded !== undefined && recorded !== (await listingDigest(listing));
  const announcement = options.announce && (await pendingAnnouncement(target, listing, wanted, changed));

  let done = 0;
  const total = writes.length + deletions.length + (announcement?.record ? 1 : 0);
  const onDone = (count: number) => {
    done += count;
    options.onProgress?.(done, total);
  };
  if (announcement?.record) await target.put([announcement.record], onDone);
  for (const group of writeOrder(writes, listing)) await target.put(group, onDone);
  for (const stage of [...WRITE_STAGES].reverse()) {
    await target.remove(
      deletions.filter((key) => writeStage(key) === stage),
      onDone,
    );
  }
  const stateWritten = listing.get(STATE_KEY) !== state.hash;
  if (stateWritten) await target.put([state]);
  const settled = await settle(target, [...writes, ...(stateWritten ? [state] : [])], deletions);

  const deleted = [...deletions];
  let announced = false;
  if (announcement && options.announce && announcement.keys.length > 0) {
    announced = await options.announce(announcement.keys);
    if (announced && (announcement.record || listing.has(ANNOUNCE_KEY))) {
      await target.remove([ANNOUNCE_KEY]);
      deleted.push(ANNOUNCE_KEY);
    }
  }
  return {
    written: [
      ...(announcement?.record ? [ANNOUNCE_KEY] : []),
      ...writes.map((e) => e.key),
      ...(stateWritten ? [STATE_KEY] : []),
    ],
    deleted,
    unchanged: entries.length - writes.length,
    repaired: repaired && (changed.length > 0 || deletions.length > 0),
    unhashed: writes.filter((e) => listing.has(e.key) && listing.get(e.key) === undefined).length,
    reannounced: announced && announcement ? announcement.pending : 0,
    settled,
    kept,
  };
}

// What `options.instead` holds under the listed keys no entry produces.
async function keptInstead(
  listing: Listing,
  wanted: ReadonlySet<string>,
  own: ReadonlySet<string>,
  options: PublishOptions,
): Promise<KvEntry[]> {
  const { instead } = options;
  if (!instead) return [];
  const strays = [...listing].filter(([key]) => !wanted.has(key) && !own.has(key));
  const kept = await Promise.all(strays.map(([key, hash]) => instead(key, hash)));
  return kept.filter((e) => e !== undefined);
}

// Lists again until the listing shows every write and deletion, for a target whose listing lags;
// false when it still does not after `listingLagMs`.
async function settle(target: KvTarget, written: readonly KvEntry[], deleted: readonly string[]): Promise<boolean> {
  const lag = target.listingLagMs ?? 0;
  if (lag === 0 || (written.length === 0 && deleted.length === 0)) return true;
  const started = Date.now();
  for (;;) {
    const listing = await target.list();
    if (written.every((e) => listing.get(e.key) === e.hash) && deleted.every((key) => !listing.has(key))) return true;
    if (Date.now() - started > lag) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(5000, lag / 10)));
  }
}

/**
 * The order of the writes, in groups written one after another: first the articles, then the
 * archive pages no listed head names yet (pages new to KV, or left without a head by an interrupted
 * publish) and then their heads, since nothing readable links to such a page until a later group
 * does; then each stage of `writeStage`, so that an existing archive page that gains a
 * `next-archive` link, a subscription page and a sitemap index are written only once what they
 * point at is there, and every page before the head that names it.
 */
export function writeOrder(writes: readonly KvEntry[], listing: Listing): KvEntry[][] {
  const unheaded = (e: KvEntry) =>
    e.key.includes("/archive/") && !listing.has(e.key.replace(/^(?:feed|head):/, "head:"));
  const early = (e: KvEntry) => e.key.startsWith("article:") || unheaded(e);
  return [
    writes.filter((e) => e.key.startsWith("article:")),
    writes.filter((e) => unheaded(e) && e.key.startsWith("feed:")),
    writes.filter((e) => unheaded(e) && e.key.startsWith("head:")),
    ...WRITE_STAGES.map((stage) => writes.filter((e) => !early(e) && writeStage(e.key) === stage)),
  ];
}

// The record of what a complete publish of `entries` leaves in KV: a digest of every key and hash.
async function stateRecord(entries: readonly KvEntry[]): Promise<KvEntry> {
  const value = JSON.stringify({ digest: await digest(entries.map((e) => [e.key, e.hash])) });
  return { key: STATE_KEY, value, hash: await sha256(value) };
}

// The digest the last complete publish recorded, or undefined without a record (nothing ever
// published, or an older publisher).
async function lastState(target: KvTarget, listing: Listing): Promise<string | undefined> {
  if (!listing.has(STATE_KEY)) return undefined;
  try {
    const { digest: recorded } = JSON.parse((await target.get(STATE_KEY)) ?? "{}");
    return typeof recorded === "string" ? recorded : undefined;
  } catch {
    return undefined;
  }
}

// The digest of what KV holds, in the form of stateRecord: every key but the publisher's own records.
function listingDigest(listing: Listing): Promise<string> {
  return digest([...listing].filter(([key]) => !key.startsWith(PUBLISHER_PREFIX)));
}

function digest(pairs: readonly (readonly [string, string | undefined])[]): Promise<string> {
  const lines = pairs.map(([key, hash]) => `${key} ${hash ?? "-"}`).sort();
  return sha256(lines.join("\n"));
}

// The feed pages to announce after this publish: those an earlier one left unannounced, and those
// whose content this one changes (not every page `--full` rewrites); and the record to write
// first when that list grows, so that a publish killed before the hub answers still leaves them
// for the next one.
async function pendingAnnouncement(
  target: KvTarget,
  listing: Listing,
  wanted: ReadonlySet<string>,
  changed: readonly KvEntry[],
): Promise<{ keys: string[]; pending: number; record?: KvEntry }> {
  const earlier = new Set(listing.has(ANNOUNCE_KEY) ? await readRecord(target, wanted) : []);
  const carried = [...earlier].filter((key) => wanted.has(key));
  const fresh = changed.map((e) => e.key).filter((key) => key.startsWith("feed:") && !earlier.has(key));
  const keys = [...carried, ...fresh];
  if (fresh.length === 0) return { keys, pending: carried.length };
  const value = JSON.stringify({ feedKeys: keys });
  return { keys, pending: carried.length, record: { key: ANNOUNCE_KEY, value, hash: await sha256(value) } };
}

// The feed page keys a record names: none when it is gone (a listing may still show a deleted
// key for a while), every feed page when it cannot be read, to be safe.
async function readRecord(target: KvTarget, wanted: ReadonlySet<string>): Promise<string[]> {
  const text = await target.get(ANNOUNCE_KEY);
  if (text === null) return [];
  try {
    const { feedKeys } = JSON.parse(text);
    if (Array.isArray(feedKeys) && feedKeys.every((k) => typeof k === "string")) return feedKeys;
  } catch {}
  return [...wanted].filter((key) => key.startsWith("feed:"));
}
