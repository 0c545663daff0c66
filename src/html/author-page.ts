import { html, raw } from "hono/html";
import type { Author, FeedPage, Site } from "../content/model.ts";
import { authorPageUrl, feedHomeUrl } from "../content/urls.ts";
import { articleList } from "./article-list.ts";
import { imageObject } from "./images.ts";
import { renderPage, scriptSafeJson, subscribeBox } from "./layout.ts";

/**
 * `/authors/{key}`: who the author is (name, avatar, bio, their own page), their three feeds and
 * their newest articles, with JSON-LD `ProfilePage`.
 */
export function renderAuthorPage(page: FeedPage): Promise<string> {
  const { site } = page;
  const author = page.author ?? { name: page.title };
  const url = feedHomeUrl(site, page.dir);
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "ProfilePage",
    url,
    inLanguage: site.language,
    mainEntity: authorEntity(site, author),
  };
  return renderPage({
    site,
    title: page.title,
    description: author.bio ?? page.description,
    canonical: url,
    feedDir: page.dir,
    head: html`<meta property="og:type" content="profile">
<meta property="og:title" content="${author.name}">
<meta property="og:url" content="${url}">
${author.avatar ? html`<meta property="og:image" content="${author.avatar.url}">` : ""}
<script type="application/ld+json">${raw(scriptSafeJson(jsonLd))}</script>`,
    body: html`<header class="author">
${author.avatar ? html`<img class="avatar" src="${author.avatar.url}" alt="" width="${author.avatar.width}" height="${author.avatar.height}">` : ""}<h1>${author.name}</h1>
${author.nameEn ? html`<p class="en" lang="en">${author.nameEn}</p>` : ""}
${author.bio ? html`<p>${author.bio}</p>` : ""}
${author.url ? html`<p><a href="${author.url}" rel="me">${author.url}</a></p>` : ""}
</header>
${subscribeBox(site, page.dir)}
<h2>ताज़ा ख़बरें</h2>
${articleList(site, page.items)}`,
  });
}

/** A schema.org `Person` (or `Organization`, for a desk) for JSON-LD, linked to their page here and elsewhere. */
export function authorEntity(site: Site, author: Author): Record<string, unknown> {
  return {
    "@type": author.desk ? "Organization" : "Person",
    name: author.name,
    ...(author.nameEn ? { alternateName: author.nameEn } : {}),
    ...(author.key === undefined ? {} : { url: authorPageUrl(site, author.key) }),
    ...(author.url ? { sameAs: [author.url] } : {}),
    ...(author.avatar ? { image: imageObject(author.avatar) } : {}),
  };
}
