/**
 * Tags in URLs: the canonical form of a tag's path segment is its NFC text, percent-encoded as
 * UTF-8 with upper-case hex (`encodeURIComponent`). Every other spelling of the same tag
 * (NFD, lower-case hex, needlessly encoded letters) is redirected to it.
 */

// The canonical path segment of a tag.
function tagSegment(tag: string): string {
  return encodeURIComponent(tag.normalize("NFC"));
}

/** Folder of a tag's feeds below the base URL. */
export function tagDir(tag: string): string {
  return `/tags/${tagSegment(tag)}`;
}

/**
 * Reads a raw (still percent-encoded) path segment as a tag: its NFC text and canonical
 * segment, or `undefined` when it does not decode as UTF-8.
 */
export function parseTagSegment(raw: string): { tag: string; canonical: string } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const tag = decoded.normalize("NFC");
  return { tag, canonical: tagSegment(tag) };
}
