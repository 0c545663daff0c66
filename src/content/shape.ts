import { offsetDateTimeProblem } from "./dates.ts";
import { isMediaType } from "./media.ts";
import type {
  ArchivePosition,
  Article,
  ArticleDocument,
  ArticleImage,
  Author,
  AuthorCount,
  Correction,
  FeedHead,
  FeedPage,
  GoneDocument,
  ImageFile,
  NewsArticle,
  NewsHead,
  NewsSitemap,
  Section,
  SectionCount,
  Site,
  Sitemap,
  SitemapIndex,
  SitemapRef,
  SitemapUrl,
  TagCount,
} from "./model.ts";
import { isSectionKey } from "./sections.ts";
import { NEWS_MAX_ARTICLES, SITEMAP_LIMITS, SITEMAP_PATH } from "./sitemaps.ts";
import { characterReferenceProblem, illegalCharacterProblem } from "./text.ts";
import { baseUrlProblem, isAuthorKey, permanentIdProblem } from "./urls.ts";

// Checks that values read back from KV have the shape the renderers rely on, so that corrupt or
// stale data is reported as such instead of surfacing as a crash deep inside rendering.

/** A KV value without the expected shape; the message names the path that is wrong. */
export class ShapeError extends Error {
  override name = "ShapeError";
}

/** A feed page as the publisher writes it. */
export function asFeedPage(value: unknown): FeedPage {
  const o = object(value, "page");
  return {
    site: asSite(o.site, "page.site"),
    dir: string(o.dir, "page.dir", true),
    archive: asArchivePosition(o.archive, "page.archive"),
    ...(o.tag === undefined ? {} : { tag: string(o.tag, "page.tag") }),
    ...(o.tags === undefined
      ? {}
      : { tags: array(o.tags, "page.tags").map((t, i) => asTagCount(t, `page.tags[${i}]`)) }),
    ...(o.author === undefined ? {} : { author: asAuthor(o.author, "page.author") }),
    ...(o.authors === undefined
      ? {}
      : { authors: array(o.authors, "page.authors").map((a, i) => asAuthorCount(a, `page.authors[${i}]`)) }),
    ...(o.section === undefined ? {} : { section: asSection(o.section, "page.section") }),
    ...(o.sections === undefined
      ? {}
      : { sections: array(o.sections, "page.sections").map((s, i) => asSectionCount(s, `page.sections[${i}]`)) }),
    title: string(o.title, "page.title"),
    description: string(o.description, "page.description", true),
    updated: date(o.updated, "page.updated"),
    hash: string(o.hash, "page.hash"),
    items: array(o.items, "page.items").map((item, i) => asArticle(item, `page.items[${i}]`)),
  };
}

/** An article document as the publisher writes it. */
export function asArticleDocument(value: unknown): ArticleDocument {
  const o = object(value, "document");
  return { site: asSite(o.site, "document.site"), article: asArticle(o.article, "document.article") };
}

/** What an article's key holds: the article, or the tombstone of a story taken down. */
export function asArticleValue(value: unknown): ArticleDocument | GoneDocument {
  const o = object(value, "document");
  if (o.gone === undefined) return asArticleDocument(value);
  const gone = object(o.gone, "document.gone");
  return {
    site: asSite(o.site, "document.site"),
    gone: gone.reason === undefined ? {} : { reason: string(gone.reason, "document.gone.reason") },
  };
}

function asAuthorCount(value: unknown, path: string): AuthorCount {
  const o = object(value, path);
  return {
    key: authorKey(o.key, `${path}.key`),
    name: string(o.name, `${path}.name`),
    count: count(o.count, `${path}.count`, 1),
  };
}

function asAuthor(value: unknown, path: string): Author {
  const o = object(value, path);
  const optional = (field: string, read: (v: unknown, p: string) => unknown) =>
    o[field] === undefined ? {} : { [field]: read(o[field], `${path}.${field}`) };
  return {
    ...optional("key", authorKey),
    name: string(o.name, `${path}.name`),
    ...optional("nameEn", string),
    ...optional("desk", boolean),
    ...optional("url", absoluteUrl),
    ...optional("avatar", asImageFile),
    ...optional("bio", string),
  } as Author;
}

function authorKey(value: unknown, path: string): string {
  const key = string(value, path);
  if (!isAuthorKey(key)) throw new ShapeError(`${path} is not an author key`);
  return key;
}

function asSection(value: unknown, path: string): Section {
  const o = object(value, path);
  return {
    key: sectionKey(o.key, `${path}.key`),
    name: string(o.name, `${path}.name`),
    ...(o.nameEn === undefined ? {} : { nameEn: string(o.nameEn, `${path}.nameEn`) }),
  };
}

function asSectionCount(value: unknown, path: string): SectionCount {
  const o = object(value, path);
  return {
    key: sectionKey(o.key, `${path}.key`),
    name: string(o.name, `${path}.name`),
    count: count(o.count, `${path}.count`, 1),
  };
}

function sectionKey(value: unknown, path: string): string {
  const key = string(value, path);
  if (!isSectionKey(key)) throw new ShapeError(`${path} is not a section key`);
  return key;
}

function asTagCount(value: unknown, path: string): TagCount {
  const o = object(value, path);
  return { tag: string(o.tag, `${path}.tag`), count: count(o.count, `${path}.count`, 1) };
}

/** A feed head as the publisher writes it. */
export function asFeedHead(value: unknown): FeedHead {
  const o = object(value, "head");
  if (typeof o.immutable !== "boolean") throw new ShapeError("head.immutable is not a boolean");
  return {
    hash: string(o.hash, "head.hash"),
    updated: date(o.updated, "head.updated"),
    language: string(o.language, "head.language"),
    url: string(o.url, "head.url"),
    immutable: o.immutable,
    ...(o.hub === undefined ? {} : { hub: string(o.hub, "head.hub") }),
  };
}

/** The sitemap index as the publisher writes it. */
export function asSitemapIndex(value: unknown): SitemapIndex {
  const o = object(value, "index");
  return {
    baseUrl: baseUrl(o.baseUrl, "index.baseUrl"),
    hash: string(o.hash, "index.hash"),
    sitemaps: array(o.sitemaps, "index.sitemaps").map((s, i) => asSitemapRef(s, `index.sitemaps[${i}]`)),
  };
}

/** One sitemap as the publisher writes it. */
export function asSitemap(value: unknown): Sitemap {
  const o = object(value, "sitemap");
  return {
    hash: string(o.hash, "sitemap.hash"),
    urls: list(o.urls, "sitemap.urls", SITEMAP_LIMITS.urls).map((u, i) => asSitemapUrl(u, `sitemap.urls[${i}]`)),
  };
}

/** The news sitemap's articles as the publisher writes them. */
export function asNewsSitemap(value: unknown): NewsSitemap {
  const o = object(value, "news");
  const language = string(o.language, "news.language");
  if (!/^[a-z]{2,3}$/.test(language)) throw new ShapeError("news.language is not an ISO 639 code");
  return {
    hash: string(o.hash, "news.hash"),
    publication: string(o.publication, "news.publication"),
    language,
    articles: list(o.articles, "news.articles", NEWS_MAX_ARTICLES).map((a, i) =>
      asNewsArticle(a, `news.articles[${i}]`),
    ),
  };
}

/** The news sitemap's head as the publisher writes it. */
export function asNewsHead(value: unknown): NewsHead {
  const o = object(value, "head");
  return {
    hash: string(o.hash, "head.hash"),
    articles: list(o.articles, "head.articles", NEWS_MAX_ARTICLES).map((a, i) => {
      const times = object(a, `head.articles[${i}]`);
      return {
        published: date(times.published, `head.articles[${i}].published`),
        updated: date(times.updated, `head.articles[${i}].updated`),
      };
    }),
  };
}

function asSitemapRef(value: unknown, path: string): SitemapRef {
  const o = object(value, path);
  const sitemapPath = string(o.path, `${path}.path`);
  if (!SITEMAP_PATH.test(sitemapPath)) throw new ShapeError(`${path}.path is not the path of a sitemap`);
  return {
    path: sitemapPath,
    hash: string(o.hash, `${path}.hash`),
    ...(o.lastmod === undefined ? {} : { lastmod: date(o.lastmod, `${path}.lastmod`) }),
  };
}

function asSitemapUrl(value: unknown, path: string): SitemapUrl {
  const o = object(value, path);
  return {
    loc: absoluteUrl(o.loc, `${path}.loc`),
    ...(o.lastmod === undefined ? {} : { lastmod: date(o.lastmod, `${path}.lastmod`) }),
  };
}

function asNewsArticle(value: unknown, path: string): NewsArticle {
  const o = object(value, path);
  return {
    url: absoluteUrl(o.url, `${path}.url`),
    title: string(o.title, `${path}.title`),
    published: date(o.published, `${path}.published`),
    updated: date(o.updated, `${path}.updated`),
    ...(o.image === undefined ? {} : { image: absoluteUrl(o.image, `${path}.image`) }),
  };
}

function asArchivePosition(value: unknown, path: string): ArchivePosition {
  const o = object(value, path);
  const pages = count(o.pages, `${path}.pages`, 0);
  const page = o.page === null ? null : count(o.page, `${path}.page`, 1);
  if (page !== null && page > pages) throw new ShapeError(`${path}.page is beyond ${path}.pages`);
  return { page, pages };
}

// An article as the publisher writes it.
function asArticle(value: unknown, path = "article"): Article {
  const o = object(value, path);
  const titleEn = o.titleEn === undefined ? undefined : string(o.titleEn, `${path}.titleEn`);
  return {
    id: permanentId(o.id, `${path}.id`),
    slug: string(o.slug, `${path}.slug`),
    title: string(o.title, `${path}.title`),
    ...(titleEn === undefined ? {} : { titleEn }),
    summary: string(o.summary, `${path}.summary`),
    contentHtml: html(o.contentHtml, `${path}.contentHtml`),
    ...(o.image === undefined ? {} : { image: asArticleImage(o.image, `${path}.image`) }),
    byline: string(o.byline, `${path}.byline`),
    authors: nonEmpty(array(o.authors, `${path}.authors`), `${path}.authors`).map((a, i) =>
      asAuthor(a, `${path}.authors[${i}]`),
    ),
    dateline: string(o.dateline, `${path}.dateline`),
    tags: array(o.tags, `${path}.tags`).map((t, i) => string(t, `${path}.tags[${i}]`)),
    ...(o.section === undefined ? {} : { section: sectionKey(o.section, `${path}.section`) }),
    published: date(o.published, `${path}.published`),
    updated: date(o.updated, `${path}.updated`),
    ...(o.corrections === undefined
      ? {}
      : {
          corrections: nonEmpty(array(o.corrections, `${path}.corrections`), `${path}.corrections`).map((c, i) =>
            asCorrection(c, `${path}.corrections[${i}]`),
          ),
        }),
  };
}

function asCorrection(value: unknown, path: string): Correction {
  const o = object(value, path);
  return { date: date(o.date, `${path}.date`), text: string(o.text, `${path}.text`) };
}

function asSite(value: unknown, path: string): Site {
  const o = object(value, path);
  return {
    title: string(o.title, `${path}.title`),
    description: string(o.description, `${path}.description`, true),
    baseUrl: string(o.baseUrl, `${path}.baseUrl`),
    language: string(o.language, `${path}.language`),
    publisher: string(o.publisher, `${path}.publisher`),
    rights: string(o.rights, `${path}.rights`),
    itemsPerFeed: count(o.itemsPerFeed, `${path}.itemsPerFeed`, 1),
    taggingEntity: string(o.taggingEntity, `${path}.taggingEntity`),
    ...(o.websubHub === undefined ? {} : { websubHub: string(o.websubHub, `${path}.websubHub`) }),
    ...(o.icon === undefined ? {} : { icon: asIcon(o.icon, `${path}.icon`) }),
    ...(o.logo === undefined ? {} : { logo: asImageFile(o.logo, `${path}.logo`) }),
    ...(o.sections === undefined
      ? {}
      : { sections: array(o.sections, `${path}.sections`).map((s, i) => asSection(s, `${path}.sections[${i}]`)) }),
  };
}

function asArticleImage(value: unknown, path: string): ArticleImage {
  const o = object(value, path);
  return {
    alt: string(o.alt, `${path}.alt`),
    ...(o.caption === undefined ? {} : { caption: string(o.caption, `${path}.caption`) }),
    ...(o.credit === undefined ? {} : { credit: string(o.credit, `${path}.credit`) }),
    large: asImageFile(o.large, `${path}.large`),
    small: asImageFile(o.small, `${path}.small`),
  };
}

// The site icon: square renditions, smallest first, as siteIcon() expects.
function asIcon(value: unknown, path: string): ImageFile[] {
  const files = array(value, path).map((file, i) => asImageFile(file, `${path}[${i}]`));
  if (files.length === 0) throw new ShapeError(`${path} is empty`);
  files.forEach((file, i) => {
    if (file.width !== file.height) throw new ShapeError(`${path}[${i}] is not square`);
    if (i > 0 && file.width <= (files[i - 1] as ImageFile).width) {
      throw new ShapeError(`${path}[${i}] is not larger than the rendition before it`);
    }
  });
  return files;
}

function asImageFile(value: unknown, path: string): ImageFile {
  const o = object(value, path);
  const type = string(o.type, `${path}.type`);
  if (!isMediaType(type)) throw new ShapeError(`${path}.type "${type}" is not an image type we serve`);
  return {
    url: absoluteUrl(o.url, `${path}.url`),
    type,
    width: count(o.width, `${path}.width`, 1),
    height: count(o.height, `${path}.height`, 1),
    ...(o.bytes === undefined ? {} : { bytes: count(o.bytes, `${path}.bytes`, 1) }),
  };
}

function count(value: unknown, path: string, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new ShapeError(`${path} is not a whole number of at least ${min}`);
  }
  return value;
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new ShapeError(`${path} is not an object`);
  return value as Record<string, unknown>;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(`${path} is not an array`);
  return value;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") throw new ShapeError(`${path} is not true or false`);
  return value;
}

function nonEmpty<T>(values: T[], path: string): T[] {
  if (values.length === 0) throw new ShapeError(`${path} is empty`);
  return values;
}

// An array of at most `max` items.
function list(value: unknown, path: string, max: number): unknown[] {
  const items = array(value, path);
  if (items.length > max) throw new ShapeError(`${path} has more than ${max} items`);
  return items;
}

function string(value: unknown, path: string, mayBeEmpty = false): string {
  if (typeof value !== "string") throw new ShapeError(`${path} is not a string`);
  if (!mayBeEmpty && value === "") throw new ShapeError(`${path} is empty`);
  const problem = illegalCharacterProblem(value);
  if (problem) throw new ShapeError(`${path} ${problem}`);
  return value;
}

// Text as `string` takes it, with no reference to a character it may not contain either.
function html(value: unknown, path: string): string {
  const text = string(value, path);
  const problem = characterReferenceProblem(text);
  if (problem) throw new ShapeError(`${path} ${problem}`);
  return text;
}

function permanentId(value: unknown, path: string): string {
  const id = string(value, path);
  const problem = permanentIdProblem(id);
  if (problem) throw new ShapeError(`${path}: ${problem}`);
  return id;
}

// An absolute http(s) URL in normal form, so every format and page carries it unchanged.
function absoluteUrl(value: unknown, path: string): string {
  const text = string(value, path);
  const url = URL.parse(text);
  if (url === null || !["http:", "https:"].includes(url.protocol)) {
    throw new ShapeError(`${path} is not an absolute http or https URL`);
  }
  if (url.href !== text) throw new ShapeError(`${path} is not in normal form`);
  return text;
}

// A site's base URL as the publisher checks it, in normal form without the trailing slash.
function baseUrl(value: unknown, path: string): string {
  const text = string(value, path);
  if (baseUrlProblem(text) !== undefined || URL.parse(text)?.origin !== text) {
    throw new ShapeError(`${path} is not a base URL (absolute http or https, in normal form, no trailing slash)`);
  }
  return text;
}

function date(value: unknown, path: string): string {
  const text = string(value, path);
  const problem = offsetDateTimeProblem(text);
  if (problem) throw new ShapeError(`${path}: ${problem}`);
  return text;
}
