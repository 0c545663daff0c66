import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { documentDir } from "../content/archive.ts";
import type { Site } from "../content/model.ts";
import { FEED_FILES, FEED_MEDIA_TYPES, type FeedFormat, feedUrl } from "../content/urls.ts";
import { iconLinks } from "./images.ts";

/** A fragment of HTML built with `hono/html`, where every interpolated value is escaped. */
export type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What every page needs besides its body. */
export interface PageFrame {
  site: Site;
  title: string;
  description: string;
  canonical: string;
  /** Folder of the feeds to advertise for autodiscovery: `""` (main) or a tag's. */
  feedDir: string;
  /** Extra elements for `<head>` (Open Graph, JSON-LD). */
  head?: Fragment;
  body: Fragment;
}

const FEED_NAMES: Record<FeedFormat, string> = { rss: "RSS", atom: "Atom", json: "JSON Feed" };

/** The full document around a page: language, autodiscovery of its three feeds, the stylesheet. */
export async function renderPage(frame: PageFrame): Promise<string> {
  const { site } = frame;
  const alternates = feedLinks(site, frame.feedDir).map(
    (f) => html`<link rel="alternate" type="${f.type}" title="${frame.title} (${f.name})" href="${f.url}">`,
  );
  const document = html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title}</title>
<meta name="description" content="${frame.description}">
<link rel="canonical" href="${frame.canonical}">
${alternates}
<link rel="stylesheet" href="/assets/site.css">
${iconLinks(site)}
${frame.head ?? ""}
</head>
<body>
<header class="site"><a href="${site.baseUrl}/">${site.title}</a></header>
<main>
${frame.body}
</main>
<footer><p>${site.rights}</p><p><a href="${site.baseUrl}/feeds.opml">सभी फ़ीड (OPML)</a></p></footer>
</body>
</html>
`;
  return String(await document);
}

/** The three feeds of a folder, each with its media type, name and absolute URL. */
export function feedLinks(site: Site, dir: string): { format: FeedFormat; type: string; name: string; url: string }[] {
  return (Object.keys(FEED_FILES) as FeedFormat[]).map((format) => ({
    format,
    type: FEED_MEDIA_TYPES[format],
    name: FEED_NAMES[format],
    url: feedUrl(site, documentDir(dir, null), format),
  }));
}

/** A subscribe box listing a folder's three feeds with their URLs ready to copy. */
export function subscribeBox(site: Site, dir: string): Fragment {
  return html`<section class="subscribe"><h2>सदस्यता लें / Subscribe</h2>
<p>इनमें से कोई पता अपने फ़ीड रीडर में जोड़ें:</p>
${feedLinks(site, dir).map(
  (f) => html`<p><a href="${f.url}">${f.name}</a><br><input readonly value="${f.url}" aria-label="${f.name} URL"></p>`,
)}
</section>`;
}

/** JSON for a `<script>` element: no `<` can end the element or open a comment. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
