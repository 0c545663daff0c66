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
  /**
   * The storage's random name, the number of changes it has taken and the random name of the last:
   * every write call counts one when it succeeds, whether or not it changed anything (a batch, a
   * media file put or deleted, a rebuild step); a takedown's media file the alarm deletes counts
   * one too. A client that counted its own successful calls knows, when the number grew by exactly
   * as many, that no other change came between, so that what it sent is what the service holds,
   * for as long as the revision stays the same. The last change's name keeps that true of storage
   * restored to an earlier point (which keeps its name) and changed again as many times.
   */
  revision: { store: string; number: number; change: string };
  /** KV keys written and deleted since the writer began: a client's count of what its changes cost. */
  totals: { written: number; deleted: number };
}
