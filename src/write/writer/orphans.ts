/**
 * The media files of stories taken down, kept for a grace period before the writer's alarm deletes
 * those nothing names any more: a later batch of the same publish may name them again (a story moved
 * to another slug), and KV may still name them until the change is written.
 */
export class Orphans {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** Records media files that may go at `atMs` (a later time for a file already recorded). */
  add(names: readonly string[], atMs: number): void {
    for (const name of new Set(names)) {
      this.#sql.exec("INSERT OR REPLACE INTO orphan (name, at_ms) VALUES (?, ?)", name, atMs);
    }
  }

  /** The files whose time has come by `now`, soonest first, at most `limit`. */
  due(now: number, limit: number): string[] {
    return this.#sql
      .exec<{ name: string }>("SELECT name FROM orphan WHERE at_ms <= ? ORDER BY at_ms LIMIT ?", now, limit)
      .toArray()
      .map((row) => row.name);
  }

  /** When the next file may go, if any is recorded. */
  next(): number | undefined {
    return this.#sql.exec<{ at: number | null }>("SELECT min(at_ms) AS at FROM orphan").one().at ?? undefined;
  }

  remove(name: string): void {
    this.#sql.exec("DELETE FROM orphan WHERE name = ?", name);
  }
}
