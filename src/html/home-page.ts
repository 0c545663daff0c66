import { html } from "hono/html";
import type { FeedPage } from "../content/model.ts";
import { articleList, tagLinks } from "./article-list.ts";
import { renderPage, subscribeBox } from "./layout.ts";

/** `/`: the newest articles, the feeds to subscribe to, and every tag. */
export function renderHomePage(page: FeedPage): Promise<string> {
  const { site } = page;
  return renderPage({
    site,
    title: site.title,
    description: site.description,
    canonical: `${site.baseUrl}/`,
    feedDir: "",
    body: html`<h1>${site.title}</h1>
<p>${site.description}</p>
${subscribeBox(site, "")}
<h2>ताज़ा ख़बरें</h2>
${articleList(site, page.items)}
<h2>टैग</h2>
${tagLinks(
  site,
  (page.tags ?? []).map((t) => t.tag),
)}`,
  });
}
