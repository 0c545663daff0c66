/**
 * Evaluates `If-None-Match` and `If-Modified-Since` for a GET or HEAD before any body exists.
 *
 * `hono/etag` falls short here: it compares tags only after the handler has produced the
 * response, so a 304 would still cost reading the feed page and rendering it. Feeds know their
 * validators from one small KV read, so they decide here first and never render for a 304.
 * The matching rules are RFC 9110's: weak comparison, lists and `*` for `If-None-Match`, and
 * `If-Modified-Since` only when `If-None-Match` is absent, and ignored when not a valid
 * IMF-fixdate or later than now.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-13.2.2
 */
export function isNotModified(headers: Headers, etag: string, lastModifiedMs: number): boolean {
  const ifNoneMatch = headers.get("If-None-Match");
  if (ifNoneMatch !== null) return ifNoneMatch.trim() === "*" || etagListIncludes(ifNoneMatch, etag);
  const ifModifiedSince = headers.get("If-Modified-Since");
  if (ifModifiedSince === null) return false;
  const since = parseHttpDate(ifModifiedSince);
  if (since === undefined || since > Date.now()) return false;
  return Math.floor(lastModifiedMs / 1000) * 1000 <= since;
}

/** Formats a time as an IMF-fixdate, the HTTP date format (`Fri, 01 Nov 2019 13:48:00 GMT`). */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

const ENTITY_TAG = /(?:W\/)?("[\x21\x23-\x7E\x80-\xFF]*")/g;
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function etagListIncludes(list: string, etag: string): boolean {
  const opaque = etag.replace(/^W\//, "");
  for (const [, tag] of list.matchAll(ENTITY_TAG)) if (tag === opaque) return true;
  return false;
}

function parseHttpDate(value: string): number | undefined {
  const trimmed = value.trim();
  if (!IMF_FIXDATE.test(trimmed)) return undefined;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : ms;
}
