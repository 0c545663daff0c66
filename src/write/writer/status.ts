/** What the writer holds and still has to write, as a client sees it after a change. */
export interface WriterStatus {
  /** Articles published. */
  articles: number;
  /** Articles held until their publication time. */
  scheduled: number;
  /** KV keys still to write or delete; they are written within seconds, in later invocations. */
  pending: number;
  /** Feed URLs written that the site's WebSub hub has not accepted yet; the writer tries it again, backing off. */
  announcing: number;
  /** Keys written and deleted by this call. */
  written: number;
  deleted: number;
  /** The SHA-256 of the site settings and of the authors as a client last sent them, if it did. */
  inputs: { site?: string; authors?: string };
  /** KV keys written and deleted since the writer began: a client's count of what its changes cost. */
  totals: { written: number; deleted: number };
}
