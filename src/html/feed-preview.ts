import { html } from "hono/html";
import { documentDir } from "../content/archive.ts";
import type { FeedPage } from "../content/model.ts";
import { type FeedFormat, feedHomeUrl, feedUrl } from "../content/urls.ts";
import { articleList } from "./article-list.ts";
import { renderPage } from "./layout.ts";

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: "RSS 2.0", atom: "Atom 1.0", json: "JSON Feed 1.1" };

/**
 * A feed URL opened in a browser: what the feed is, its URL to copy, how to subscribe, and its
 * items, as a page like the others (feed readers at the same URL get the feed itself).
 */
export function renderFeedPreview(page: FeedPage, format: FeedFormat): Promise<string> {
  const { site } = page;
  const url = feedUrl(site, documentDir(page.dir, page.archive.page), format);
  return renderPage({
    site,
    title: `${page.title} (${FORMAT_NAMES[format]})`,
    description: page.description,
    canonical: url,
    feedDir: page.dir,
    body: html`<h1>${page.title}</h1>
<p>यह एक <strong>${FORMAT_NAMES[format]}</strong> फ़ीड है: इसे फ़ीड रीडर (जैसे NetNewsWire, Feedly, Inoreader, Miniflux) में जोड़कर
नई ख़बरें अपने-आप पाएँ। This is a ${FORMAT_NAMES[format]} feed: add its address to a feed reader to follow it.</p>
<section class="subscribe"><h2>फ़ीड का पता / Feed address</h2>
<p><input readonly value="${url}" aria-label="Feed URL"></p>
<p>पता कॉपी करें, अपने रीडर में “फ़ीड जोड़ें” चुनें और पता चिपकाएँ। <a href="${feedHomeUrl(site, page.dir)}">वेब पेज देखें</a></p>
</section>
<h2>इस फ़ीड में</h2>
${articleList(site, page.items)}`,
  });
}
