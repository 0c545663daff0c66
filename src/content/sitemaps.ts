import { later, toRfc3339 } from "./dates.ts";
import { utf8Bytes } from "./limits.ts";
import type { OffsetDateTime, SitemapUrl } from "./model.ts";

/**
 * Sitemaps (sitemaps.org 0.9) and the Google News sitemap: their URLs, the protocol's limits and
 * how a list of URLs is split into sitemaps within them. Documented in docs/http.md ("Sitemaps").
 */

/** The sitemap index, which lists every sitemap of pages and articles. */
export const SITEMAP_INDEX_PATH = "/sitemap.xml";

/** The Google News sitemap of the articles of the last 48 hours. */
export const NEWS_SITEMAP_PATH = "/news-sitemap.xml";

/** What a sitemap the index lists is called: `/sitemaps/articles-2019-11.xml`, `/sitemaps/pages-2.xml`. */
export const SITEMAP_PATH = /^\/sitemaps\/[a-z0-9]+(?:-[0-9]+)*\.xml$/;

/** The most URLs and bytes (uncompressed) one sitemap may have. */
export interface SitemapLimits {
  urls: number;
  bytes: number;
}

/** The protocol's own limits: 50,000 URLs and 50 MB (52,428,800 bytes) a sitemap. */
export const SITEMAP_LIMITS: SitemapLimits = { urls: 50_000, bytes: 50 * 1024 * 1024 };

/** How far back the news sitemap reaches: Google News wants the articles of the last two days. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;

/** The most articles a news sitemap may list. */
export const NEWS_MAX_ARTICLES = 1000;

// Upper bounds on what a rendered sitemap adds around its URLs: the XML declaration and the
// `urlset` element, and each URL's own elements and indentation. Tested against the renderer.
const URLSET_MARKUP_BYTES = 256;
const URL_MARKUP_BYTES = 128;
// The most bytes XML escaping turns one byte into (`'` becomes `&apos;`).
const ESCAPED_BYTES_PER_BYTE = 6;

/** The month an article's sitemap is named by: `2019-11`, in the article's own offset. */
export function publicationMonth(published: OffsetDateTime): string {
  return published.slice(0, 7);
}

/** Path of part `part` (1, 2, …) of the sitemap `name`: `/sitemaps/articles-2019-11.xml`, then `…-2.xml`. */
export function sitemapPath(name: string, part: number): string {
  return `/sitemaps/${name}${part === 1 ? "" : `-${part}`}.xml`;
}

/**
 * Splits URLs, in the order given, into consecutive sitemaps within `limits`, each filled before
 * the next begins, so URLs added at the end change only the last sitemap. A sitemap's size is
 * bounded from above without rendering it: each loc as if every byte were escaped, and generous
 * room for the markup around it (`sitemapBytesBound`).
 */
export function fillSitemaps(urls: readonly SitemapUrl[], limits: SitemapLimits): SitemapUrl[][] {
  const parts: SitemapUrl[][] = [];
  let part: SitemapUrl[] = [];
  let bytes = URLSET_MARKUP_BYTES;
  for (const url of urls) {
    const size = urlBytesBound(url);
    if (URLSET_MARKUP_BYTES + size > limits.bytes)
      throw new RangeError(`${url.loc} alone exceeds ${limits.bytes} bytes`);
    if (part.length === limits.urls || bytes + size > limits.bytes) {
      parts.push(part);
      part = [];
      bytes = URLSET_MARKUP_BYTES;
    }
    part.push(url);
    bytes += size;
  }
  return part.length > 0 ? [...parts, part] : parts;
}

/** The most bytes a rendered sitemap of these URLs can take: what `fillSitemaps` keeps within the limit. */
export function sitemapBytesBound(urls: readonly SitemapUrl[]): number {
  return urls.reduce((sum, url) => sum + urlBytesBound(url), URLSET_MARKUP_BYTES);
}

/** The newest `lastmod` among sitemap URLs (or the sitemaps of the index), or `undefined` when none has one. */
export function newestLastmod(urls: readonly { lastmod?: OffsetDateTime }[]): OffsetDateTime | undefined {
  const dates = urls.flatMap(({ lastmod }) => (lastmod === undefined ? [] : [lastmod]));
  return dates.length === 0 ? undefined : dates.reduce(later);
}

/**
 * The `news:language` of a site language: its ISO 639 code, the BCP 47 tag's primary subtag
 * (`hi` for `hi` or `hi-IN`), as Google News asks.
 */
export function newsLanguage(language: string): string {
  return (language.split("-")[0] ?? language).toLowerCase();
}

function urlBytesBound(url: SitemapUrl): number {
  const lastmod = url.lastmod === undefined ? 0 : utf8Bytes(toRfc3339(url.lastmod));
  return URL_MARKUP_BYTES + ESCAPED_BYTES_PER_BYTE * utf8Bytes(url.loc) + lastmod;
}
