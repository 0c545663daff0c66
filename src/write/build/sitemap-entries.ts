import type {
  Article,
  FeedPage,
  ImageFile,
  NewsSitemap,
  Site,
  Sitemap,
  SitemapIndex,
  SitemapRef,
  SitemapUrl,
} from "../../content/model.ts";
import {
  fillSitemaps,
  NEWS_MAX_ARTICLES,
  NEWS_SITEMAP_PATH,
  newestLastmod,
  newsLanguage,
  publicationMonth,
  SITEMAP_INDEX_PATH,
  SITEMAP_LIMITS,
  type SitemapLimits,
  sitemapPath,
} from "../../content/sitemaps.ts";
import { articleUrl, feedHomeUrl } from "../../content/urls.ts";
import { sha256 } from "../../kv/hash.ts";
import { NEWS_HEAD_KEY, sitemapKey } from "../../kv/keys.ts";
import type { KvEntry } from "./entries.ts";
import { newestFirstOrder } from "./feed-sources.ts";
import { kvEntry } from "./kv-entry.ts";

/**
 * The KV entries of the sitemaps, in write order. The sitemaps the index lists: `pages` (the
 * given pages: the home page, tag pages, and any other source of pages) and one per month of
 * publication (`articles-2019-11`, the month in the article's own offset), each article in the
 * sitemap of its month only; a sitemap over `limits` continues in `-2`, `-3`…, filled in order
 * (articles oldest first), so a new article changes only its month's last sitemap. Then the news
 * sitemap's newest `NEWS_MAX_ARTICLES` articles and their head, and last the index, which records
 * each sitemap's hash and newest `lastmod`.
 */
export async function sitemapEntries(
  site: Site,
  articles: readonly Article[],
  pages: readonly SitemapUrl[],
  limits: SitemapLimits = SITEMAP_LIMITS,
): Promise<KvEntry[]> {
  const sitemaps = [...(await splitSitemap("pages", pages, limits))];
  for (const [month, urls] of articlesByMonth(site, articles))
    sitemaps.push(...(await splitSitemap(`articles-${month}`, urls, limits)));
  return Promise.all([
    ...sitemaps.map(sitemapEntry),
    ...(await newsEntries(site, newestFirstOrder(articles).slice(0, NEWS_MAX_ARTICLES))),
    sitemapIndexEntry(site, sitemaps.map(sitemapRef)),
  ]);
}

/** A sitemap of the index with its path. */
export interface PathedSitemap {
  path: string;
  sitemap: Sitemap;
}

/** The entry that stores one sitemap the index lists. */
export function sitemapEntry({ path, sitemap }: PathedSitemap): Promise<KvEntry> {
  return kvEntry(sitemapKey(path), sitemap, sitemap.hash);
}

/** How the index lists a sitemap: its path, hash and newest `lastmod`. */
export function sitemapRef({ path, sitemap }: PathedSitemap): SitemapRef {
  const lastmod = newestLastmod(sitemap.urls);
  return { path, hash: sitemap.hash, ...(lastmod === undefined ? {} : { lastmod }) };
}

/** The entry of the sitemap index over `sitemaps`, in the order given. */
export async function sitemapIndexEntry(site: Site, sitemaps: SitemapRef[]): Promise<KvEntry> {
  const index: SitemapIndex = await withHash({ baseUrl: site.baseUrl, sitemaps });
  return kvEntry(sitemapKey(SITEMAP_INDEX_PATH), index, index.hash);
}

/**
 * The news sitemap's entries, its articles and its head, from the newest articles by publication
 * time (at most `NEWS_MAX_ARTICLES`, newest first).
 */
export async function newsEntries(site: Site, newest: readonly NewsSource[]): Promise<KvEntry[]> {
  const news = await newsSitemap(site, newest);
  const times = news.articles.map(({ published, updated }) => ({ published, updated }));
  return Promise.all([
    kvEntry(sitemapKey(NEWS_SITEMAP_PATH), news, news.hash),
    kvEntry(NEWS_HEAD_KEY, { hash: news.hash, articles: times }),
  ]);
}

/** What the news sitemap shows of an article. */
export type NewsSource = Pick<Article, "slug" | "title" | "published" | "updated"> & {
  image?: { large: Pick<ImageFile, "url"> };
};

/** The sitemap URL of an article's page. */
export function articleSitemapUrl(site: Site, article: Pick<Article, "slug" | "updated">): SitemapUrl {
  return { loc: articleUrl(site, article.slug), lastmod: article.updated };
}

/** The name of the sitemaps of the articles published in a month (`2019-11`, in the article's own offset). */
export function monthSitemapName(published: string): string {
  return `articles-${publicationMonth(published)}`;
}

/**
 * The web pages of feed documents, the home page and each tag's page, as sitemap URLs: one for
 * each subscription document, with the `Last-Modified` the page is served with, in URL order.
 */
export function feedPageUrls(site: Site, pages: readonly FeedPage[]): SitemapUrl[] {
  return byLoc(
    pages
      .filter((page) => page.archive.page === null)
      .map((page) => ({ loc: feedHomeUrl(site, page.dir), lastmod: page.updated })),
  );
}

/** Sitemap URLs in the order the pages sitemap lists them: by URL, so the home page comes first. */
export function byLoc(urls: SitemapUrl[]): SitemapUrl[] {
  return urls.sort((a, b) => (a.loc < b.loc ? -1 : a.loc > b.loc ? 1 : 0));
}

// Article URLs by month of publication, months and articles oldest first.
function articlesByMonth(site: Site, articles: readonly Article[]): [string, SitemapUrl[]][] {
  const months = new Map<string, SitemapUrl[]>();
  for (const article of newestFirstOrder(articles).reverse()) {
    const month = publicationMonth(article.published);
    const url = articleSitemapUrl(site, article);
    const urls = months.get(month);
    if (urls) urls.push(url);
    else months.set(month, [url]);
  }
  return [...months].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** The sitemaps `name`, `name-2`, … that hold `urls` within `limits`, filled in order. */
export async function splitSitemap(
  name: string,
  urls: readonly SitemapUrl[],
  limits: SitemapLimits = SITEMAP_LIMITS,
): Promise<PathedSitemap[]> {
  return Promise.all(
    fillSitemaps(urls, limits).map(async (part, i) => ({
      path: sitemapPath(name, i + 1),
      sitemap: await withHash({ urls: part }),
    })),
  );
}

function newsSitemap(site: Site, newest: readonly NewsSource[]): Promise<NewsSitemap> {
  return withHash({
    publication: site.title,
    language: newsLanguage(site.language),
    articles: newest.map((article) => ({
      url: articleUrl(site, article.slug),
      title: article.title,
      published: article.published,
      updated: article.updated,
      ...(article.image ? { image: article.image.large.url } : {}),
    })),
  });
}

// The value with the SHA-256 of its JSON added as `hash`: its content hash.
async function withHash<T extends object>(content: T): Promise<T & { hash: string }> {
  return { hash: await sha256(JSON.stringify(content)), ...content };
}
