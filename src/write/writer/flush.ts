import type { Site } from "../../content/model.ts";
import { type KvMetadata, WRITE_STAGES } from "../../kv/keys.ts";
import type { KvEntry } from "../build/entries.ts";
import type { Catalogue } from "./catalogue.ts";
import { type DirtyKey, type DirtyKeys, isDeletionStage } from "./dirty.ts";
import { Documents } from "./documents.ts";
import { WriteOrder } from "./order.ts";

// Keys built and written together in one round; each build holds at most a page of articles.
const CHUNK = 32;

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

// What a flush has spent so far, and the keys that wait for their write interval.
interface Run {
  result: FlushResult;
  operations: number;
  waiting: Set<string>;
  waitUntil?: number;
  /** What this flush has built, while no key has been marked since (`DirtyKeys.marks`). */
  built?: { marks: number; documents: Documents };
}

/**
 * Brings KV to what the index produces for every dirty key, in rounds: each round builds the
 * dirty keys that may be written now (see `WriteOrder`), earliest write stage first (see
 * `writeStage`), from the index as it is now (a later round reuses what an earlier one built
 * until a change marks a key), and writes together those whose hash differs from what KV holds
 * (`stored`), so that a key waits only for what it points at, not for every earlier stage.
 * Deletions run after every write, stage by stage in the reverse order. A key written less than
 * a second ago waits, and so does every key that waits for it. Stops within `budget`; the caller
 * runs it again at `again`.
 */
export async function flush(
  sql: SqlStorage,
  kv: KVNamespace,
  catalogue: Catalogue,
  dirty: DirtyKeys,
  budget: FlushBudget,
): Promise<FlushResult> {
  const run: Run = { result: { written: [], deleted: [], pending: 0 }, operations: 0, waiting: new Set() };
  if (!catalogue.site()) return { ...run.result, pending: dirty.count() };
  for (;;) {
    if (run.operations >= budget.operations || Date.now() >= budget.untilMs) break;
    const stage = dirty.earliestStage();
    if (stage === undefined) break;
    const moved = isDeletionStage(stage)
      ? await deletionRound(sql, kv, dirty, stage, budget, run)
      : await writeRound(sql, kv, catalogue, dirty, budget, run);
    if (!moved) break;
  }
  run.result.pending = dirty.count();
  if (run.result.pending > 0) run.result.again = run.waitUntil ?? Date.now();
  return run.result;
}

// Builds and writes the keys that may be written now; whether any key was written or done with.
async function writeRound(
  sql: SqlStorage,
  kv: KVNamespace,
  catalogue: Catalogue,
  dirty: DirtyKeys,
  budget: FlushBudget,
  run: Run,
): Promise<boolean> {
  const documents = documentsNow(sql, catalogue, dirty, run);
  const chosen = chooseReady(dirty, new WriteOrder(sql), Math.min(CHUNK, budget.operations - run.operations), run);
  if (chosen.length === 0) return false;
  const now = Date.now();
  const writes: [DirtyKey, KvEntry][] = [];
  let moved = false;
  for (const d of chosen) {
    const entry = await documents.entry(d.key);
    const stored = storedOf(sql, d.key);
    const at = stored && budget.keyIntervalMs > 0 ? stored.written_ms + budget.keyIntervalMs : 0;
    if (!entry || stored?.hash === entry.hash) {
      if (entry || !stored) dirty.clear(d);
      else dirty.toDeletion(d);
      moved = true;
    } else if (at > now) wait(run, d.key, at);
    else writes.push([d, entry]);
  }
  // A change made while the builds were awaited may have marked what a key points at.
  const order = new WriteOrder(sql);
  const ready = writes.filter(([d]) => order.ready(d.key, d.stage));
  await Promise.all(ready.map(([d, entry]) => put(sql, kv, dirty, d, entry)));
  run.result.written.push(...ready.map(([, entry]) => entry.key));
  run.operations += ready.length;
  return moved || ready.length > 0;
}

// What the flush has built, begun again from the index and the site as they are now whenever a
// change has marked a key since (a change of settings marks every key): no stale build is written.
function documentsNow(sql: SqlStorage, catalogue: Catalogue, dirty: DirtyKeys, run: Run): Documents {
  if (run.built?.marks !== dirty.marks)
    run.built = { marks: dirty.marks, documents: new Documents(catalogue, sql, catalogue.site() as Site) };
  return run.built.documents;
}

// Up to `limit` dirty keys of the write stages that may be written now, earliest stage first.
function chooseReady(dirty: DirtyKeys, order: WriteOrder, limit: number, run: Run): DirtyKey[] {
  const chosen: DirtyKey[] = [];
  for (const stage of WRITE_STAGES) {
    for (const d of dirty.next(CHUNK + run.waiting.size, stage)) {
      if (chosen.length >= limit) return chosen;
      if (!run.waiting.has(d.key) && order.ready(d.key, stage)) chosen.push(d);
    }
  }
  return chosen;
}

// Deletes the keys of one deletion stage whose write interval has passed; whether any was deleted.
async function deletionRound(
  sql: SqlStorage,
  kv: KVNamespace,
  dirty: DirtyKeys,
  stage: number,
  budget: FlushBudget,
  run: Run,
): Promise<boolean> {
  const now = Date.now();
  const batch = dirty
    .next(CHUNK + run.waiting.size, stage)
    .filter((d) => !run.waiting.has(d.key))
    .slice(0, Math.min(CHUNK, budget.operations - run.operations));
  const ready = batch.filter((d) => {
    const stored = storedOf(sql, d.key);
    const at = stored && budget.keyIntervalMs > 0 ? stored.written_ms + budget.keyIntervalMs : 0;
    if (at > now) wait(run, d.key, at);
    return at <= now;
  });
  await Promise.all(ready.map((d) => remove(sql, kv, dirty, d)));
  run.result.deleted.push(...ready.map((d) => d.key));
  run.operations += ready.length;
  return ready.length > 0;
}

function wait(run: Run, key: string, at: number): void {
  run.waiting.add(key);
  run.waitUntil = Math.min(run.waitUntil ?? Number.POSITIVE_INFINITY, at);
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
