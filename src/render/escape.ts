/**
 * Escaping for every document the Worker writes by hand: feeds (with `feed-gaps.ts`), OPML, and
 * the HTML the publisher's Markdown sanitiser and the feeds' figures emit.
 */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Escapes text for XML character data and attribute values alike. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES[c] ?? c);
}

/** Escapes plain text so that it reads as the same text inside HTML, in content and attributes alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
