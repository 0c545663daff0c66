import { html } from "hono/html";
import type { FeedPage } from "../content/model.ts";
import { feedHomeUrl } from "../content/urls.ts";
import { articleList } from "./article-list.ts";
import { renderPage, subscribeBox } from "./layout.ts";

/** `/tags/{tag}`: the newest articles of one tag and that tag's three feeds. */
export function renderTagPage(page: FeedPage): Promise<string> {
  const { site } = page;
  return renderPage({
    site,
    title: page.title,
    description: page.description,
    canonical: feedHomeUrl(site, page.dir),
    feedDir: page.dir,
    body: html`<h1>टैग: ${page.tag ?? page.title}</h1>
<p>${page.description}</p>
${subscribeBox(site, page.dir)}
${articleList(site, page.items)}`,
  });
}
