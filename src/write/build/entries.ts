import { ARCHIVE_PAGE_SIZE, documentDir, splitIntoChain } from "../../content/archive.ts";
import { later } from "../../content/dates.ts";
import type { Article, Author, FeedHead, FeedPage, Site, Takedown } from "../../content/model.ts";
import { sha256 } from "../../kv/hash.ts";
import { articleKey, feedHeadKey, feedPageKey } from "../../kv/keys.ts";
import { type FeedArticle, type FeedSource, feedSources, newestFirstOrder } from "./feed-sources.ts";
import { kvEntry } from "./kv-entry.ts";
import { feedPageUrls, sitemapEntries } from "./sitemap-entries.ts";

/** One key and its JSON value, with the hash that identifies that value. */
export interface KvEntry {
  key: string;
  /** SHA-256 that identifies the value; the publisher stores it as the key's metadata. */
  hash: string;
  /** What the value is made from, when it was made from data rather than given as text. */
  readonly data?: unknown;
  /** The JSON value, made afresh on each read, so that a publish holds only the values it is writing. */
  readonly value: string;
}

// Values hashed at once while building entries.
const HASH_CHUNK = 32;

/**
 * Turns validated content into the KV entries to publish: every article and the tombstone of every
 * story taken down (`gone`), then every document
 * (subscription and archive pages) of the main feed and of each tag's, author's and section's feed, then
 * their heads, then the sitemaps of articles and of the feeds' pages. `authors` are the authors of
 * authors.yaml, whose bios their feeds carry. That is write order: what is pointed at comes before
 * what points at it.
 */
export async function buildKvEntries(
  site: Site,
  articles: readonly Article[],
  authors: readonly Author[] = [],
  gone: readonly Takedown[] = [],
): Promise<KvEntry[]> {
  const ordered = newestFirstOrder(articles);
  const articleEntries = await inChunks(ordered, (article) => articleEntry(site, article));
  const tombstones = await inChunks(gone, (takedown) => tombstoneEntry(site, takedown));
  const hashes = await inChunks(ordered, articleHash);
  const itemHashes = new Map(ordered.map((article, i) => [article, hashes[i] ?? ""]));
  const pages: FeedPage[] = [];
  for (const source of feedSources(site, articles, authors)) {
    pages.push(...(await feedDocuments(site, source, itemHashes)));
  }
  return [
    ...articleEntries,
    ...tombstones,
    ...(await inChunks(pages, pageEntry)),
    ...(await inChunks(pages, headEntry)),
    ...(await sitemapEntries(site, articles, feedPageUrls(site, pages))),
  ];
}

// Maps items a few dozen at a time: hashing overlaps, yet only that many values exist at once.
async function inChunks<T, R>(items: readonly T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += HASH_CHUNK)
    results.push(...(await Promise.all(items.slice(i, i + HASH_CHUNK).map(map))));
  return results;
}

/** The entry of one article's page: the article with the site settings it renders with. */
export function articleEntry(site: Site, article: Article): Promise<KvEntry> {
  return kvEntry(articleKey(article.slug), { site, article });
}

/** The entry of a story taken down: its article key answers 410 with a notice, and the reason when given. */
export function tombstoneEntry(site: Site, { slug, reason }: Takedown): Promise<KvEntry> {
  return kvEntry(articleKey(slug), { site, gone: reason === undefined ? {} : { reason } });
}

/** The SHA-256 that identifies an article as a feed item (see `withPageHash`). */
export function articleHash(article: Article): Promise<string> {
  return sha256(JSON.stringify(article));
}

/**
 * A feed document with its content hash: a digest of the document with each item given by its
 * article's hash (`itemHash`), which identifies the item as well as its text does, so an
 * unchanged feed is recognised without serialising its articles again.
 */
export async function withPageHash(
  page: Omit<FeedPage, "hash">,
  itemHash: (item: Article) => string,
): Promise<FeedPage> {
  const digest = { ...page, items: page.items.map(itemHash) };
  return { ...page, hash: await sha256(JSON.stringify(digest)) };
}

/** The entry of a feed document's page. */
export function pageEntry(page: FeedPage): Promise<KvEntry> {
  return kvEntry(feedPageKey(pageDir(page)), page, page.hash);
}

/** The entry of a feed document's head: what a conditional request is answered from. */
export function headEntry(page: FeedPage): Promise<KvEntry> {
  return kvEntry(feedHeadKey(pageDir(page)), headOf(page));
}

// The documents of a feed, each with its content hash.
async function feedDocuments(
  site: Site,
  source: FeedSource,
  itemHashes: ReadonlyMap<Article, string>,
): Promise<FeedPage[]> {
  const { subscription, archives } = splitIntoChain(source.newestFirst, site.itemsPerFeed);
  const documents = [subscription, ...archives].map((items, i) =>
    feedDocument(site, source, i, archives.length, items, archives[i - 2]),
  );
  return inChunks(documents, (page) => withPageHash(page, (item) => itemHashes.get(item) ?? JSON.stringify(item)));
}

/**
 * Document `i` of a feed's chain of `pages` archive pages (0 = the subscription document, which
 * alone lists the site's tags and authors, or carries its author's bio), holding `items`; its
 * hash is still to be computed. Its `updated` time is its newest item's; an empty growing archive
 * page takes that of the full page before it (`before`), so that editing a newer article leaves
 * it alone.
 */
export function feedDocument(
  site: Site,
  source: FeedSource<FeedArticle>,
  i: number,
  pages: number,
  items: Article[],
  before?: readonly FeedArticle[],
): Omit<FeedPage, "hash"> {
  const subscription = i === 0;
  return {
    site,
    dir: source.dir,
    archive: position(i, pages),
    ...(source.tag === undefined ? {} : { tag: source.tag }),
    ...(source.tags === undefined || !subscription ? {} : { tags: source.tags }),
    ...(source.author === undefined || !subscription ? {} : { author: source.author }),
    ...(source.authors === undefined || !subscription ? {} : { authors: source.authors }),
    ...(source.section === undefined ? {} : { section: source.section }),
    ...(source.sections === undefined || !subscription ? {} : { sections: source.sections }),
    title: source.title,
    description: source.description,
    updated: newestUpdate(items.length > 0 ? items : (before ?? source.newestFirst)),
    items,
  };
}

// Document i of a chain (0 = subscription). An archive page records only whether a page follows
// it (pages = page + 1) or not (pages = page), so a full page stays byte-identical as the chain grows.
function position(i: number, pages: number): FeedPage["archive"] {
  return i === 0 ? { page: null, pages } : { page: i, pages: Math.min(pages, i + 1) };
}

/** The head of a feed document. */
export function headOf(page: FeedPage): FeedHead {
  const { site, archive } = page;
  return {
    hash: page.hash,
    updated: page.updated,
    language: site.language,
    url: `${site.baseUrl}${pageDir(page)}`,
    immutable: archive.page !== null && page.items.length === ARCHIVE_PAGE_SIZE,
    ...(site.websubHub ? { hub: site.websubHub } : {}),
  };
}

/** The folder of a feed document: its feed's, or its archive page's below it. */
export function pageDir(page: FeedPage): string {
  return documentDir(page.dir, page.archive.page);
}

function newestUpdate(items: readonly FeedArticle[]): string {
  return items.map((a) => a.updated).reduce(later, items[0]?.updated ?? "1970-01-01T00:00:00Z");
}
