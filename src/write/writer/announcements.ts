import type { Catalogue } from "./catalogue.ts";

// The longest wait between two attempts, in retry intervals: 30 s doubles up to 10 min.
const MAX_BACKOFF = 20;

/** A URL to announce, and when it was last added: a number that grows with each addition. */
export interface Pending {
  url: string;
  seq: number;
}

/**
 * The feed URLs the writer wrote that the site's WebSub hub has not accepted yet (`announce`, one
 * row a URL), and when to try the hub again after it failed: the retry interval doubles with each
 * failure in a row, up to twenty times it, and is forgotten when the hub accepts.
 */
export class Announcements {
  readonly #sql: SqlStorage;
  readonly #settings: Pick<Catalogue, "setting" | "setSetting">;
  readonly #retryMs: number;

  constructor(sql: SqlStorage, settings: Pick<Catalogue, "setting" | "setSetting">, retryMs: number) {
    this.#sql = sql;
    this.#settings = settings;
    this.#retryMs = retryMs;
  }

  /**
   * Records URLs to announce; one already pending stays one, marked as added again, so that an
   * attempt at the hub under way, which read it before, does not forget it.
   */
  add(urls: readonly string[]): void {
    for (const url of urls) {
      this.#sql.exec(
        `INSERT INTO announce (url, seq) VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM announce))
         ON CONFLICT (url) DO UPDATE SET seq = excluded.seq`,
        url,
      );
    }
  }

  count(): number {
    return this.#sql.exec<{ n: number }>("SELECT count(*) AS n FROM announce").one().n;
  }

  /** The pending URLs, oldest first, at most `limit`, when the hub may be tried at `now`; none while a failure's wait runs. */
  due(now: number, limit: number): Pending[] {
    if (now < this.#retryAt()) return [];
    return this.#sql
      .exec<{ url: string; seq: number }>("SELECT url, seq FROM announce ORDER BY seq, url LIMIT ?", limit)
      .toArray();
  }

  /** When the hub is to be tried next (`now` at the soonest), if anything is pending. */
  nextAt(now: number): number | undefined {
    return this.count() > 0 ? Math.max(this.#retryAt(), now) : undefined;
  }

  /** The hub took these URLs (or there is no hub to tell): they are no longer pending, unless added again since `due` gave them. */
  accepted(pending: readonly Pending[]): void {
    for (const { url, seq } of pending) this.#sql.exec("DELETE FROM announce WHERE url = ? AND seq = ?", url, seq);
    this.#settings.setSetting("announce_failures", undefined);
    this.#settings.setSetting("announce_retry_ms", undefined);
  }

  /** Forgets every pending URL: the site has no hub to tell. */
  clear(): void {
    this.#sql.exec("DELETE FROM announce");
    this.accepted([]);
  }

  /** The hub failed at `now`: the next attempt waits twice as long as the last, within the cap. */
  failed(now: number): void {
    const failures = Number(this.#settings.setting("announce_failures") ?? 0) + 1;
    const wait = this.#retryMs * Math.min(2 ** (failures - 1), MAX_BACKOFF);
    this.#settings.setSetting("announce_failures", String(failures));
    this.#settings.setSetting("announce_retry_ms", String(now + wait));
  }

  #retryAt(): number {
    return Number(this.#settings.setting("announce_retry_ms") ?? 0);
  }
}
