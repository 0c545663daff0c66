import { html } from "hono/html";
import type { FeedPage } from "../content/model.ts";
import { feedHomeUrl } from "../content/urls.ts";
import { articleList } from "./article-list.ts";
import { renderPage, subscribeBox } from "./layout.ts";

/** `/sections/{key}`: the newest articles of one section and that section's three feeds. */
export function renderSectionPage(page: FeedPage): Promise<string> {
  const { site, section } = page;
  return renderPage({
    site,
    title: page.title,
    description: page.description,
    canonical: feedHomeUrl(site, page.dir),
    feedDir: page.dir,
    body: html`<h1>${section?.name ?? page.title}</h1>
${section?.nameEn ? html`<p class="en" lang="en">${section.nameEn}</p>` : ""}
<p>${page.description}</p>
${subscribeBox(site, page.dir)}
${articleList(site, page.items)}`,
  });
}
