import { toRfc3339 } from "../content/dates.ts";
import type { SitemapIndex, SitemapUrl } from "../content/model.ts";
import { writeXml, type XmlElement } from "./xml-element.ts";

/** The sitemaps.org 0.9 namespace of every sitemap and of the index. */
export const SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** The XML declaration every sitemap starts with. */
const XML_DECLARATION = `<?xml version="1.0" encoding="UTF-8"?>`;

/**
 * A sitemap (sitemaps.org 0.9 `urlset`): each page's absolute URL and, when known, its `lastmod`
 * in the page's own offset.
 * @see https://www.sitemaps.org/protocol.html
 */
export function renderUrlset(urls: readonly SitemapUrl[]): string {
  return xmlDocument(
    `<urlset xmlns="${SITEMAP_NAMESPACE}">`,
    "</urlset>",
    urls.map((url) => located("url", url)),
  );
}

/** The sitemap index (sitemaps.org 0.9 `sitemapindex`): each sitemap's absolute URL and its newest `lastmod`. */
export function renderSitemapIndex(index: SitemapIndex): string {
  return xmlDocument(
    `<sitemapindex xmlns="${SITEMAP_NAMESPACE}">`,
    "</sitemapindex>",
    index.sitemaps.map(({ path, lastmod }) =>
      located("sitemap", { loc: `${index.baseUrl}${path}`, ...(lastmod === undefined ? {} : { lastmod }) }),
    ),
  );
}

/** An XML document: the declaration, the root's start tag, its children one per line, its end tag. */
export function xmlDocument(start: string, end: string, children: readonly XmlElement[]): string {
  return [XML_DECLARATION, start, ...children.map((child) => writeXml(child, "    ")), end, ""].join("\n");
}

/** An element with text content and no attributes. */
export function textElement(name: string, text: string): XmlElement {
  return { name, attributes: {}, text };
}

function located(name: string, { loc, lastmod }: SitemapUrl): XmlElement {
  return {
    name,
    attributes: {},
    children: [textElement("loc", loc), ...(lastmod === undefined ? [] : [textElement("lastmod", toRfc3339(lastmod))])],
  };
}
