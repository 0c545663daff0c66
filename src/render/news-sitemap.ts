import { toRfc3339 } from "../content/dates.ts";
import type { NewsArticle, NewsSitemap } from "../content/model.ts";
import { SITEMAP_NAMESPACE, textElement, xmlDocument } from "./sitemaps.ts";
import type { XmlElement } from "./xml-element.ts";

const NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9";
const IMAGE_NAMESPACE = "http://www.google.com/schemas/sitemap-image/1.1";

/**
 * A Google News sitemap of `articles` (those of `news` in the window): each with
 * `news:publication` (name, ISO 639 language), `news:publication_date` in the article's own
 * offset, `news:title`, and its lead image as `image:image`. With no articles, an empty `urlset`.
 * @see https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
 */
export function renderNewsSitemap(news: NewsSitemap, articles: readonly NewsArticle[]): string {
  const publication: XmlElement = {
    name: "news:publication",
    attributes: {},
    children: [textElement("news:name", news.publication), textElement("news:language", news.language)],
  };
  return xmlDocument(
    `<urlset xmlns="${SITEMAP_NAMESPACE}" xmlns:news="${NEWS_NAMESPACE}" xmlns:image="${IMAGE_NAMESPACE}">`,
    "</urlset>",
    articles.map((article) => ({
      name: "url",
      attributes: {},
      children: [
        textElement("loc", article.url),
        {
          name: "news:news",
          attributes: {},
          children: [
            publication,
            textElement("news:publication_date", toRfc3339(article.published)),
            textElement("news:title", article.title),
          ],
        },
        ...(article.image === undefined
          ? []
          : [{ name: "image:image", attributes: {}, children: [textElement("image:loc", article.image)] }]),
      ],
    })),
  );
}
