import { html, raw } from "hono/html";
import { hindiDate } from "../content/hindi-date.ts";
import type { ArticleDocument, Author, Site } from "../content/model.ts";
import { articleUrl, authorPageUrl } from "../content/urls.ts";
import { tagLinks } from "./article-list.ts";
import { authorEntity } from "./author-page.ts";
import { correctionComments, correctionsBox } from "./corrections-box.ts";
import { imageObject, leadImage, socialImageTags } from "./images.ts";
import { type Fragment, renderPage, scriptSafeJson } from "./layout.ts";

/**
 * `/articles/{slug}`: the full article and its lead image, with a canonical link, a meta
 * description, Open Graph and Twitter card tags and JSON-LD `NewsArticle`, and its corrections
 * under the headline. The body HTML was
 * sanitised when it was published.
 */
export function renderArticlePage({ site, article }: ArticleDocument): Promise<string> {
  const url = articleUrl(site, article.slug);
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    ...(article.titleEn ? { alternativeHeadline: article.titleEn } : {}),
    description: article.summary,
    inLanguage: site.language,
    datePublished: article.published,
    dateModified: article.updated,
    ...(article.image ? { image: [imageObject(article.image.large)] } : {}),
    author: article.authors.map((author) => authorEntity(site, author)),
    publisher: {
      "@type": "Organization",
      name: site.publisher,
      ...(site.logo ? { logo: imageObject(site.logo) } : {}),
    },
    keywords: article.tags,
    mainEntityOfPage: url,
    identifier: article.id,
    ...(article.corrections ? { correction: correctionComments(article.corrections) } : {}),
  };
  return renderPage({
    site,
    title: `${article.title} — ${site.title}`,
    description: article.summary,
    canonical: url,
    feedDir: "",
    head: html`<meta property="og:type" content="article">
<meta property="og:title" content="${article.title}">
<meta property="og:description" content="${article.summary}">
<meta property="og:url" content="${url}">
<meta property="og:site_name" content="${site.title}">
<meta property="og:locale" content="hi_IN">
<meta property="article:published_time" content="${article.published}">
<meta property="article:modified_time" content="${article.updated}">
${article.tags.map((tag) => html`<meta property="article:tag" content="${tag}">`)}
${socialImageTags(article.image)}
<script type="application/ld+json">${raw(scriptSafeJson(jsonLd))}</script>`,
    body: html`<article>
<h1>${article.title}</h1>
${article.titleEn ? html`<p class="en" lang="en">${article.titleEn}</p>` : ""}
<p class="meta">${article.byline}, ${article.dateline} · <time datetime="${article.published}">${hindiDate(article.published)}</time></p>
${authorLinks(site, article.authors)}
${tagLinks(site, article.tags)}
${correctionsBox(article.corrections)}
${article.image ? leadImage(article.image) : ""}
${raw(article.contentHtml)}
</article>`,
  });
}

// Links to the pages of the article's authors listed in authors.yaml.
function authorLinks(site: Site, authors: readonly Author[]): Fragment | string {
  const listed = authors.filter((author) => author.key !== undefined);
  if (listed.length === 0) return "";
  return html`<p class="authors">लेखक: ${listed.map(
    (author, i) =>
      html`${i > 0 ? ", " : ""}<a href="${authorPageUrl(site, author.key ?? "")}" rel="author">${author.name}</a>`,
  )}</p>`;
}
