import { html } from "hono/html";
import { hindiDate } from "../content/hindi-date.ts";
import type { Article, Site } from "../content/model.ts";
import { tagDir } from "../content/tags.ts";
import { articleUrl } from "../content/urls.ts";
import { thumbnail } from "./images.ts";
import type { Fragment } from "./layout.ts";

/** Links to tag pages. */
export function tagLinks(site: Site, tags: readonly string[]): Fragment {
  return html`<ul class="tags">${tags.map((tag) => html`<li><a href="${site.baseUrl}${tagDir(tag)}">${tag}</a></li>`)}</ul>`;
}

/** A list of articles: thumbnail, title, date, summary and tags. */
export function articleList(site: Site, articles: readonly Article[]): Fragment {
  return html`<ul class="items">${articles.map(
    (a) => html`<li>
${a.image ? thumbnail(a.image) : ""}<h3><a href="${articleUrl(site, a.slug)}">${a.title}</a></h3>
<p class="meta"><time datetime="${a.published}">${hindiDate(a.published)}</time></p>
<p>${a.summary}</p>
${tagLinks(site, a.tags)}
</li>`,
  )}</ul>`;
}
