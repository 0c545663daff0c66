import type { Site } from "../../content/model.ts";
import type { KvMetadata } from "../../kv/keys.ts";
import type { KvEntry } from "../build/entries.ts";
import type { Catalogue } from "./catalogue.ts";
import { type DirtyKey, type DirtyKeys, isDeletionStage } from "./dirty.ts";
import { Documents } from "./documents.ts";

// Keys built and written together; each build holds at most a page of articles.
const CHUNK = 16;

/** What one flush did, and what is left. */
export interface FlushResult {
  written: string[];
  deleted: string[];
  /** Keys still dirty. */
  pending: number;
  /** When the flush should run again: a key waits for its write interval, or the budget ran out. */
  again?: number;
}

/** What a flush may spend (KV operations, wall time), and how long a key waits between two writes. */
export interface FlushBudget {
  operations: number;
  untilMs: number;
  /** Workers KV accepts one write a second to each key. */
  keyIntervalMs: number;
}

/**
 * Brings KV to what the index produces for every dirty key, stage by stage (see `writeStage`):
 * each key is built from the index as it is now, written when its hash differs from what KV
 * holds (`stored`), and deleted, after every write, when the index no longer produces it. A
 * later stage starts only when every earlier one is done, so no head names a page not yet
 * written; a key written less than a second ago waits, and so does every later stage. Stops
 * within `budget`; the caller runs it again at `again`.
 */
export async function flush(
  sql: SqlStorage,
  kv: KVNamespace,
  catalogue: Catalogue,
  dirty: DirtyKeys,
  budget: FlushBudget,
): Promise<FlushResult> {
  const result: FlushResult = { written: [], deleted: [], pending: 0 };
  if (!catalogue.site()) return { ...result, pending: dirty.count() };
  let operations = 0;
  let waitUntil: number | undefined;
  stages: for (;;) {
    const stage = dirty.earliestStage();
    if (stage === undefined) break;
    let after = "";
    for (;;) {
      if (operations >= budget.operations || Date.now() >= budget.untilMs) break stages;
      // A key of an earlier stage marked meanwhile goes first.
      if ((dirty.earliestStage() ?? stage) < stage) continue stages;
      const batch = dirty.next(CHUNK, stage, after);
      if (batch.length === 0) break;
      after = batch.at(-1)?.key ?? after;
      if (isDeletionStage(stage)) {
        const now = Date.now();
        const ready = batch.filter((d) => {
          const stored = storedOf(sql, d.key);
          const at = stored && budget.keyIntervalMs > 0 ? stored.written_ms + budget.keyIntervalMs : 0;
          if (at > now) waitUntil = Math.min(waitUntil ?? Number.POSITIVE_INFINITY, at);
          return at <= now;
        });
        await Promise.all(ready.map((d) => remove(sql, kv, dirty, d)));
        result.deleted.push(...ready.map((d) => d.key));
        operations += ready.length;
        continue;
      }
      const now = Date.now();
      // The site as it is now: a change of settings made while a write was awaited marks every key again.
      const documents = new Documents(catalogue, sql, catalogue.site() as Site);
      const writes: [DirtyKey, KvEntry][] = [];
      for (const d of batch) {
        const entry = await documents.entry(d.key);
        const stored = storedOf(sql, d.key);
        if (!entry) {
          if (stored) dirty.toDeletion(d);
          else dirty.clear(d);
        } else if (stored?.hash === entry.hash) dirty.clear(d);
        else if (stored && budget.keyIntervalMs > 0 && now - stored.written_ms < budget.keyIntervalMs) {
          waitUntil = Math.min(waitUntil ?? Number.POSITIVE_INFINITY, stored.written_ms + budget.keyIntervalMs);
        } else writes.push([d, entry]);
      }
      await Promise.all(writes.map(([d, entry]) => put(sql, kv, dirty, d, entry)));
      result.written.push(...writes.map(([, entry]) => entry.key));
      operations += writes.length;
    }
    if (waitUntil !== undefined) break;
  }
  result.pending = dirty.count();
  if (result.pending > 0) result.again = waitUntil ?? Date.now();
  return result;
}

async function put(sql: SqlStorage, kv: KVNamespace, dirty: DirtyKeys, d: DirtyKey, entry: KvEntry): Promise<void> {
  const metadata: KvMetadata = { sha256: entry.hash };
  await kv.put(entry.key, entry.value, { metadata });
  sql.exec("INSERT OR REPLACE INTO stored (key, hash, written_ms) VALUES (?, ?, ?)", entry.key, entry.hash, Date.now());
  dirty.clear(d);
}

async function remove(sql: SqlStorage, kv: KVNamespace, dirty: DirtyKeys, d: DirtyKey): Promise<void> {
  await kv.delete(d.key);
  sql.exec("DELETE FROM stored WHERE key = ?", d.key);
  dirty.clear(d);
}

function storedOf(sql: SqlStorage, key: string): { hash: string; written_ms: number } | undefined {
  return sql
    .exec<{ hash: string; written_ms: number }>("SELECT hash, written_ms FROM stored WHERE key = ?", key)
    .toArray()[0];
}
