import { WRITE_STAGES, writeStage } from "../../kv/keys.ts";

/** A key still to be written or deleted, at the generation it was last marked. */
export type DirtyKey = {
  key: string;
  stage: number;
  gen: number;
};

// Deletions run after every write, in the reverse order of the write stages.
const LAST_WRITE_STAGE = WRITE_STAGES.length - 1;

/** Whether a dirty key's stage is one of the deletion stages. */
export function isDeletionStage(stage: number): boolean {
  return stage > LAST_WRITE_STAGE;
}

/**
 * The keys whose KV value may no longer be what the index produces, in SQLite (`dirty`), so that
 * work survives an eviction or a crash. Marking a key again moves it back to its write stage and
 * bumps its generation, so a write of an older build never clears a newer mark.
 */
export class DirtyKeys {
  readonly #sql: SqlStorage;
  #marks = 0;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /**
   * How many times this object has marked a key: every change that may alter a value marks it,
   * so what was built from the index while this count stays the same is still what it produces.
   */
  get marks(): number {
    return this.#marks;
  }

  mark(key: string): void {
    this.#marks++;
    this.#sql.exec(
      "INSERT INTO dirty (key, stage, gen) VALUES (?, ?, 1) ON CONFLICT (key) DO UPDATE SET stage = excluded.stage, gen = gen + 1",
      key,
      writeStage(key),
    );
  }

  /** Marks every key a SQL query selects (one column, `key`), in one statement. */
  markAll(select: string, ...bindings: unknown[]): void {
    const keys = this.#sql.exec<{ key: string }>(select, ...bindings).toArray();
    for (const { key } of keys) this.mark(key);
  }

  /** The earliest stage that has a key, if any. */
  earliestStage(): number | undefined {
    return this.#sql.exec<{ stage: number | null }>("SELECT min(stage) AS stage FROM dirty").one().stage ?? undefined;
  }

  count(): number {
    return this.#sql.exec<{ n: number }>("SELECT count(*) AS n FROM dirty").one().n;
  }

  /**
   * Up to `limit` keys of `stage` after `after`, in key order; without a stage, of the earliest
   * stage that has any.
   */
  next(limit: number, stage?: number, after = ""): DirtyKey[] {
    return this.#sql
      .exec<DirtyKey>(
        "SELECT key, stage, gen FROM dirty WHERE stage = coalesce(?, (SELECT min(stage) FROM dirty)) AND key > ? ORDER BY key LIMIT ?",
        stage ?? null,
        after,
        limit,
      )
      .toArray();
  }

  /** Done with a key, unless it was marked again since `gen`. */
  clear({ key, gen }: DirtyKey): void {
    this.#sql.exec("DELETE FROM dirty WHERE key = ? AND gen = ?", key, gen);
  }

  /** The index no longer produces the key: it waits for the deletion stage of its write stage. */
  toDeletion({ key, gen, stage }: DirtyKey): void {
    this.#sql.exec("UPDATE dirty SET stage = ? WHERE key = ? AND gen = ?", 2 * LAST_WRITE_STAGE + 1 - stage, key, gen);
  }
}
