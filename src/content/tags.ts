/**
 * Tags in URLs: the canonical form of a tag's path segment is its NFC text, percent-encoded as
 * UTF-8 with upper-case hex (`encodeURIComponent`). Every other spelling of the same tag
 * (NFD, lower-case hex, needlessly encoded letters) is redirected to it.
 */

/**
 * Longest canonical tag segment: its KV keys (`head:/tags/{segment}/archive/{n}`) must stay within
 * Workers KV's 512-byte key limit.
 */
export const MAX_TAG_SEGMENT = 400;

/** The canonical path segment of a tag. */
export function tagSegment(tag: string): string {
  return encodeURIComponent(tag.normalize("NFC"));
}

/** Folder of a tag's feeds below the base URL. */
export function tagDir(tag: string): string {
  return `/tags/${tagSegment(tag)}`;
}

/**
 * Reads a raw (still percent-encoded) path segment as a tag: its NFC text and canonical
 * segment, or `undefined` when it does not decode as UTF-8 or is longer than any tag can be.
 */
export function parseTagSegment(raw: string): { tag: string; canonical: string } | undefined {
  if (raw.length > 3 * MAX_TAG_SEGMENT) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const tag = decoded.normalize("NFC");
  const canonical = tagSegment(tag);
  return canonical.length > MAX_TAG_SEGMENT ? undefined : { tag, canonical };
}
