import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { FeedPage } from "../content/model.ts";
import { feedHomeUrl } from "../content/urls.ts";
import { articleList } from "./article-list.ts";
import { renderPage, subscribeBox } from "./layout.ts";

/**
 * The page of one feed other than the main one (a tag's, a section's): `heading`, the feed's
 * description, its three feeds to subscribe to, and its newest articles.
 */
export function renderFeedListPage(
  page: FeedPage,
  heading: HtmlEscapedString | Promise<HtmlEscapedString>,
): Promise<string> {
  const { site } = page;
  return renderPage({
    site,
    title: page.title,
    description: page.description,
    canonical: feedHomeUrl(site, page.dir),
    feedDir: page.dir,
    body: html`${heading}
<p>${page.description}</p>
${subscribeBox(site, page.dir)}
${articleList(site, page.items)}`,
  });
}
