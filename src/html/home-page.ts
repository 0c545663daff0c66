import { html } from "hono/html";
import type { FeedPage, SectionCount, Site } from "../content/model.ts";
import { sectionDir } from "../content/sections.ts";
import { articleList, tagLinks } from "./article-list.ts";
import { type Fragment, renderPage, subscribeBox } from "./layout.ts";

/** `/`: the sections, the newest articles, the feeds to subscribe to, and every tag. */
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
${sectionNav(site, page.sections ?? [])}
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

// Links to the page of each section with articles, in site.yaml order; nothing when there is none.
function sectionNav(site: Site, sections: readonly SectionCount[]): Fragment | string {
  if (sections.length === 0) return "";
  return html`<nav class="sections" aria-label="विभाग"><ul>${sections.map(
    (s) => html`<li><a href="${site.baseUrl}${sectionDir(s.key)}">${s.name}</a></li>`,
  )}</ul></nav>`;
}
