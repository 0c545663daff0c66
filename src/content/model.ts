/**
 * The content model: what the publisher writes into KV and the Worker reads back.
 * Every string is NFC-normalised, XML-legal text; every date keeps its UTC offset.
 */

/** An RFC 3339 date-time with an explicit offset, e.g. `2019-11-01T19:18:00+05:30`. */
export type OffsetDateTime = string;

/** Site-wide settings from `content/site.yaml`. */
export interface Site {
  title: string;
  description: string;
  /** Absolute base URL without a trailing slash; every link and self URL starts with it. */
  baseUrl: string;
  /** BCP 47 language tag, `hi` for Hindi. */
  language: string;
  publisher: string;
  rights: string;
  /** How many of the newest articles each subscription feed (main and per tag) carries. */
  itemsPerFeed: number;
  /** WebSub hub every feed advertises and the publisher notifies, if any. */
  websubHub?: string;
  /** Tagging entity of the `tag:` URIs (RFC 4151) that identify articles and feeds, e.g. `patrika.example,2019`. */
  taggingEntity: string;
  /** The publication's square icon, in every size of `ICON_SIZES`, smallest first. */
  icon?: ImageFile[];
  /** The publication's wide logo. */
  logo?: ImageFile;
  /** The publication's sections, in the order its pages list them. */
  sections?: Section[];
}

/** A section of the publication (देश, दुनिया, खेल …), from `sections` in site.yaml: it has a page and feeds. */
export interface Section {
  /** The folder of its page and feeds (`/sections/{key}`). */
  key: string;
  /** Its name as readers see it (Hindi). */
  name: string;
  /** Its name in English. */
  nameEn?: string;
}

/** One rendition of an image: a file in the media bucket served at `/media/{name}`, or an external https image. */
export interface ImageFile {
  /** Absolute URL. */
  url: string;
  /** Media type: `image/jpeg`, `image/png`, `image/webp` or `image/avif`. */
  type: string;
  width: number;
  height: number;
  /** Size in bytes; unknown (absent) for an external image. */
  bytes?: number;
}

/** An article's lead image. */
export interface ArticleImage {
  /** What the image shows, for people who cannot see it. */
  alt: string;
  caption?: string;
  /** Who made it or holds its rights. */
  credit?: string;
  /** At most 2,000 px wide: feeds, `og:image`, the article page. */
  large: ImageFile;
  /** About 400 px wide: lists, `media:thumbnail`, `srcset`. The same file as `large` for an external image. */
  small: ImageFile;
}

/** One published article, ready to render: Markdown already turned into HTML. */
export interface Article {
  /** Permanent identifier (a `tag:` URI); never changes once published. */
  id: string;
  slug: string;
  title: string;
  /** The story's English title, used as an alternate title. */
  titleEn?: string;
  summary: string;
  /** Sanitised article body as HTML. */
  contentHtml: string;
  /** The lead image, if the article has one. */
  image?: ArticleImage;
  /** The byline as readers see it: as written, or the authors' names. */
  byline: string;
  /** Who wrote it, in byline order: at least one. */
  authors: Author[];
  dateline: string;
  tags: string[];
  /** The key of the section it belongs to, if any. */
  section?: string;
  published: OffsetDateTime;
  /** Last substantive change; equals `published` when never updated. */
  updated: OffsetDateTime;
  /** Corrections made since it was published, in the order the editor wrote them. */
  corrections?: Correction[];
}

/** A correction of a published article: when it was made, and what it says. */
export interface Correction {
  /** From `published` to `updated`. */
  date: OffsetDateTime;
  /** One paragraph of plain text. */
  text: string;
}

/** Everything one feed document needs to render, in all three formats, stored under one KV key. */
export interface FeedPage {
  site: Site;
  /** Folder of the feed's subscription URLs below the base URL: `""` (main), `/tags/{encoded tag}`, `/authors/{key}` or `/sections/{key}`. */
  dir: string;
  /** Where this document stands in the feed's RFC 5005 chain. */
  archive: ArchivePosition;
  /** The tag, for a tag's feed. */
  tag?: string;
  /** Every tag with its number of articles, most used first: on the main subscription document only. */
  tags?: TagCount[];
  /** The author, bio included, for an author's feed. */
  author?: Author;
  /** Every listed author with their number of articles, by name: on the main subscription document only. */
  authors?: AuthorCount[];
  /** The section, for a section's feed. */
  section?: Section;
  /** Every section with articles and their number, in site.yaml order: on the main subscription document only. */
  sections?: SectionCount[];
  title: string;
  description: string;
  /** Newest `updated` among the items: the feed's own updated time. */
  updated: OffsetDateTime;
  /** Content hash of this page, computed at publish; the basis of every ETag. */
  hash: string;
  /** Newest first. */
  items: Article[];
}

/** A person or desk who writes, from `content/authors.yaml`, or a byline that names no one listed there. */
export interface Author {
  /** Key in `content/authors.yaml`, and the folder of their page and feeds (`/authors/{key}`); absent for an unlisted byline. */
  key?: string;
  /** The name as readers see it (Hindi). */
  name: string;
  /** The name in Latin script. */
  nameEn?: string;
  /** A desk (an organisation), not a person. */
  desk?: boolean;
  /** Their own page elsewhere (absolute https URL). */
  url?: string;
  /** Their square avatar, from `avatar` in authors.yaml. */
  avatar?: ImageFile;
  /** A few sentences about them: on their page only, not in every article. */
  bio?: string;
}

/** An author with a page and how many articles they wrote. */
export interface AuthorCount {
  key: string;
  name: string;
  count: number;
}

/** A section with articles and how many it has. */
export interface SectionCount {
  key: string;
  name: string;
  count: number;
}

/** A tag and how many articles carry it. */
export interface TagCount {
  tag: string;
  count: number;
}

/** What an article's page renders from: the article and the site settings. */
export interface ArticleDocument {
  site: Site;
  article: Article;
}

/**
 * What an article's key holds once the story is taken down (its file deleted, `withdrawn`, or
 * deleted through the API): the site settings the notice renders with, and the reason, when given.
 */
export interface GoneDocument {
  site: Site;
  gone: { reason?: string };
}

/** A story taken down: its slug, and the reason its notice gives, if any. */
export interface Takedown {
  slug: string;
  reason?: string;
}

/**
 * A document's place in its feed's chain of archives (RFC 5005): the subscription document
 * (`page: null`) holds the newest items and knows how many archive `pages` there are; archive
 * pages 1, 2, … hold the rest, oldest first, and record in `pages` only whether another page
 * follows (`page + 1`) or not (`page`).
 */
export interface ArchivePosition {
  page: number | null;
  pages: number;
}

/** The small record the Worker reads to answer a conditional request without reading the page. */
export interface FeedHead {
  hash: string;
  updated: OffsetDateTime;
  /** The site language, for `Content-Language`. */
  language: string;
  /** Absolute URL of the document's folder; its three formats live below it. */
  url: string;
  /** A full archive page: its items never change, so it may be cached for long. */
  immutable: boolean;
  /** The WebSub hub, for the `Link` header. */
  hub?: string;
}

/** One URL of a sitemap (sitemaps.org 0.9): a page and when what it shows last changed. */
export interface SitemapUrl {
  /** Absolute URL of the page. */
  loc: string;
  /** The newest `updated` of what the page shows. */
  lastmod?: OffsetDateTime;
}

/** One sitemap of the index (a `urlset`): the pages of one month's articles, or other pages. */
export interface Sitemap {
  /** Content hash of `urls`, computed at publish: the basis of its ETag, and what the index records. */
  hash: string;
  urls: SitemapUrl[];
}

/** A sitemap as the index lists it: enough to answer a conditional request for it. */
export interface SitemapRef {
  /** Its path below the base URL, e.g. `/sitemaps/articles-2019-11.xml`. */
  path: string;
  /** The sitemap's content hash. */
  hash: string;
  /** The newest `lastmod` in it. */
  lastmod?: OffsetDateTime;
}

/**
 * The sitemap index, which is also the head of every sitemap it lists (their hashes and newest
 * `lastmod`) and names the base URL that `robots.txt` is written from.
 */
export interface SitemapIndex {
  /** The site's base URL, without a trailing slash. */
  baseUrl: string;
  /** Content hash of the base URL and the sitemaps, computed at publish. */
  hash: string;
  /** Every sitemap: pages first, then articles by month, oldest first. */
  sitemaps: SitemapRef[];
}

/** An article as the Google News sitemap lists it. */
export interface NewsArticle {
  /** Absolute URL of its page. */
  url: string;
  title: string;
  published: OffsetDateTime;
  updated: OffsetDateTime;
  /** Absolute URL of its lead image (the large rendition), if it has one. */
  image?: string;
}

/**
 * What the Google News sitemap is rendered from: the newest articles by publication time, of
 * which each request lists those published in the 48 hours before it.
 */
export interface NewsSitemap {
  /** Content hash of everything else here, computed at publish. */
  hash: string;
  /** `news:name`: the site's title. */
  publication: string;
  /** `news:language`: the ISO 639 code of the site's language. */
  language: string;
  /** At most `NEWS_MAX_ARTICLES`, newest first. */
  articles: NewsArticle[];
}

/** The small record a news sitemap request is answered from without reading the articles. */
export interface NewsHead {
  /** The news sitemap's content hash. */
  hash: string;
  /** Publication and update times of its articles, in the same order. */
  articles: Pick<NewsArticle, "published" | "updated">[];
}
