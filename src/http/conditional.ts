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
export function isNotModified(headers: Headers, etag: string, lastModifiedMs: number | undefined): boolean {
  const ifNoneMatch = headers.get("If-None-Match");
  if (ifNoneMatch !== null) return ifNoneMatch.trim() === "*" || etagListIncludes(ifNoneMatch, etag);
  const ifModifiedSince = headers.get("If-Modified-Since");
  if (ifModifiedSince === null || lastModifiedMs === undefined) return false;
  const since = parseHttpDate(ifModifiedSince);
  if (since === undefined || since > Date.now()) return false;
  return Math.floor(lastModifiedMs / 1000) * 1000 <= since;
}

/** Formats a time as an IMF-fixdate, the HTTP date format (`Fri, 01 Nov 2019 13:48:00 GMT`). */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

// One member of an If-None-Match list: an optional W/, a quoted opaque tag, then a comma or the end.
const LIST_MEMBER = /[ \t]*(?:W\/)?("[\x21\x23-\x7E\x80-\xFF]*")[ \t]*(?:,|$)/y;

// True only for a well-formed list containing the tag; a malformed list matches nothing.
function etagListIncludes(list: string, etag: string): boolean {
  const opaque = etag.replace(/^W\//, "");
  const tags: string[] = [];
  LIST_MEMBER.lastIndex = 0;
  while (LIST_MEMBER.lastIndex < list.length) {
    const member = LIST_MEMBER.exec(list);
    if (!member) return false;
    tags.push(member[1] ?? "");
  }
  return tags.includes(opaque);
}

// An IMF-fixdate that names a real day, with the right weekday, or undefined.
function parseHttpDate(value: string): number | undefined {
  const trimmed = value.trim();
  const ms = Date.parse(trimmed);
  return !Number.isNaN(ms) && httpDate(ms) === trimmed ? ms : undefined;
}
