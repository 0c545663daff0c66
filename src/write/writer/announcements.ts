import type { Catalogue } from "./catalogue.ts";

// The longest wait between two attempts, in retry intervals: 30 s doubles up to 10 min.
const MAX_BACKOFF = 20;

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

  /** Records URLs to announce; one already pending stays one. */
  add(urls: readonly string[]): void {
    for (const url of urls) this.#sql.exec("INSERT OR IGNORE INTO announce (url) VALUES (?)", url);
  }

  count(): number {
    return this.#sql.exec<{ n: number }>("SELECT count(*) AS n FROM announce").one().n;
  }

  /** Every pending URL, when the hub may be tried at `now`; none while a failure's wait runs. */
  due(now: number): string[] {
    if (now < this.#retryAt()) return [];
    return this.#sql
      .exec<{ url: string }>("SELECT url FROM announce ORDER BY url")
      .toArray()
      .map((r) => r.url);
  }

  /** When the hub is to be tried next (`now` at the soonest), if anything is pending. */
  nextAt(now: number): number | undefined {
    return this.count() > 0 ? Math.max(this.#retryAt(), now) : undefined;
  }

  /** The hub took these URLs (or there is no hub to tell): they are no longer pending. */
  accepted(urls: readonly string[]): void {
    for (const url of urls) this.#sql.exec("DELETE FROM announce WHERE url = ?", url);
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
