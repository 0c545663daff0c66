// Media types a feed URL can answer with as a feed; any of them at least as welcome as HTML
// means the client wants the feed.
const FEED_TYPES = [
  "application/rss+xml",
  "application/atom+xml",
  "application/feed+json",
  "application/json",
  "application/xml",
  "text/xml",
  "application/*",
  "*/*",
];

/**
 * Whether an `Accept` header prefers HTML to a feed: `text/html` is listed by name, and with a
 * higher quality than every feed type and wildcard listed. Browsers send that; feed readers,
 * curl, a missing header and `*\/*` do not.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let html = 0;
  let feed = 0;
  for (const range of accept.toLowerCase().split(",")) {
    const [type = "", ...params] = range.split(";").map((part) => part.trim());
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (type === "text/html") html = Math.max(html, q);
    else if (FEED_TYPES.includes(type)) feed = Math.max(feed, q);
  }
  return html > 0 && html > feed;
}
