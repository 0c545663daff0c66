import { ARCHIVE_PAGE_SIZE, chainShape } from "../../content/archive.ts";
import type { FeedPage, Site, SitemapRef, SitemapUrl } from "../../content/model.ts";
import { NEWS_MAX_ARTICLES, NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH } from "../../content/sitemaps.ts";
import { feedHomeUrl } from "../../content/urls.ts";
import { NEWS_HEAD_KEY, sitemapKey } from "../../kv/keys.ts";
import {
  articleEntry,
  feedDocument,
  headEntry,
  type KvEntry,
  pageEntry,
  tombstoneEntry,
  withPageHash,
} from "../build/entries.ts";
import {
  articleSitemapUrl,
  byLoc,
  newsEntries,
  type PathedSitemap,
  sitemapEntry,
  sitemapIndexEntry,
  sitemapRef,
  splitSitemap,
} from "../build/sitemap-entries.ts";
import type { Catalogue, FeedRow, IndexedArticle } from "./catalogue.ts";
import { feedSource } from "./feed-source.ts";

const PAGES_SITEMAP = "pages";
const SITEMAP_PART = /^\/sitemaps\/(pages|articles-\d{4}-\d{2})(?:-(\d+))?\.xml$/;

/**
 * Builds the value of one KV key from the index, or `null` when the index produces no such key
 * (an article never published, a feed page beyond its chain); a story taken down gives its tombstone: the same value `buildKvEntries` makes for the
 * whole content, made from the few articles that key shows. Built sitemaps are recorded in the
 * `sitemap` table, from which the index is made. What one key's build gives others is kept for
 * them (a page's head, the news sitemap's head, the parts of the sitemap split last): an object
 * holds builds from the index as it was, so it is made again after every change.
 */
export class Documents {
  readonly #catalogue: Catalogue;
  readonly #sql: SqlStorage;
  readonly #site: Site;
  // Heads of the feed pages built, by folder, so that a head needs no second build of its page.
  readonly #heads = new Map<string, KvEntry | null>();
  #news: Promise<KvEntry[]> | undefined;
  // The parts of one sitemap are built one after another (in key order): its last split serves them all.
  #split: { name: string; parts: Promise<PathedSitemap[]> } | undefined;

  constructor(catalogue: Catalogue, sql: SqlStorage, site: Site) {
    this.#catalogue = catalogue;
    this.#sql = sql;
    this.#site = site;
  }

  /** The entry of `key`, or `null` when the index produces none. */
  async entry(key: string): Promise<KvEntry | null> {
    if (key.startsWith("article:")) {
      const slug = key.slice("article:".length);
      const found = this.#catalogue.article(slug);
      if (found) return articleEntry(this.#site, found.article);
      const gone = this.#catalogue.gone(slug);
      return gone ? tombstoneEntry(this.#site, gone) : null;
    }
    if (key === NEWS_HEAD_KEY || key === sitemapKey(NEWS_SITEMAP_PATH)) {
      this.#news ??= newsEntries(this.#site, this.#catalogue.newest(NEWS_MAX_ARTICLES));
      return (await this.#news).find((e) => e.key === key) ?? null;
    }
    if (key === sitemapKey(SITEMAP_INDEX_PATH)) return this.#index();
    if (key.startsWith("sitemap:")) return this.#sitemap(key.slice("sitemap:".length));
    const head = key.startsWith("head:");
    if (!head && !key.startsWith("feed:")) return null;
    const dir = key.slice(key.indexOf(":") + 1);
    const docDir = dir === "/" ? "" : dir;
    const known = head ? this.#heads.get(docDir) : undefined;
    if (known !== undefined) return known;
    const page = await this.#buildPage(docDir);
    const built = page && (await headEntry(page));
    this.#heads.set(docDir, built);
    if (!page) return null;
    return head ? built : pageEntry(page);
  }

  async #buildPage(docDir: string): Promise<FeedPage | null> {
    const match = /^(.*?)(?:\/archive\/([1-9][0-9]*))?$/.exec(docDir);
    const feed = match && this.#catalogue.feed(match[1] ?? "");
    if (!feed || feed.count === 0) return null;
    const page = match[2] === undefined ? 0 : Number(match[2]);
    const subscription = this.#site.itemsPerFeed;
    const shape = chainShape(feed.count, subscription);
    if (page > shape.pages) return null;
    const items = this.#items(feed, page);
    const before = items.length === 0 && page > 1 ? this.#items(feed, page - 1) : [];
    const hashes = new Map([...items, ...before].map(({ article, hash }) => [article, hash]));
    const document = feedDocument(
      this.#site,
      feedSource(this.#catalogue, this.#site, feed, page === 0),
      page,
      shape.pages,
      items.map((i) => i.article),
      before.map((i) => i.article),
    );
    return withPageHash(document, (item) => hashes.get(item) ?? "");
  }

  // Document `page` (0 = subscription) of a feed's chain: its articles, newest first.
  #items(feed: FeedRow, page: number): IndexedArticle[] {
    const subscription = this.#site.itemsPerFeed;
    if (page === 0) return this.#catalogue.members(feed.dir, 0, subscription);
    const { archived } = chainShape(feed.count, subscription);
    const from = (page - 1) * ARCHIVE_PAGE_SIZE;
    const to = Math.min(page * ARCHIVE_PAGE_SIZE, archived);
    return this.#catalogue.members(feed.dir, feed.count - to, to - from);
  }

  async #sitemap(path: string): Promise<KvEntry | null> {
    const match = SITEMAP_PART.exec(path);
    if (!match) return null;
    const name = match[1] ?? "";
    if (this.#split?.name !== name) this.#split = { name, parts: this.#splitAndRecord(name) };
    const part = (await this.#split.parts).find((p) => p.path === path);
    return part ? sitemapEntry(part) : null;
  }

  // The parts of sitemap `name`, recorded in the `sitemap` table.
  async #splitAndRecord(name: string): Promise<PathedSitemap[]> {
    const parts = await splitSitemap(name, name === PAGES_SITEMAP ? this.#pageUrls() : this.#monthUrls(name));
    this.#sql.exec("DELETE FROM sitemap WHERE name = ?", name);
    parts.forEach((part, i) => {
      const ref = sitemapRef(part);
      this.#sql.exec(
        "INSERT INTO sitemap (path, name, part, hash, lastmod) VALUES (?, ?, ?, ?, ?)",
        ref.path,
        name,
        i + 1,
        ref.hash,
        ref.lastmod ?? null,
      );
    });
    return parts;
  }

  // The web page of each feed, with the newest `updated` of its subscription document.
  #pageUrls(): SitemapUrl[] {
    return byLoc(
      this.#catalogue
        .feedLastmods(this.#site.itemsPerFeed)
        .map(({ dir, lastmod }) => ({ loc: feedHomeUrl(this.#site, dir), lastmod })),
    );
  }

  #monthUrls(name: string): SitemapUrl[] {
    return this.#catalogue.month(name.slice("articles-".length)).map((a) => articleSitemapUrl(this.#site, a));
  }

  #index(): Promise<KvEntry> {
    const rows = this.#sql
      .exec<{ path: string; name: string; part: number; hash: string; lastmod: string | null }>(
        "SELECT path, name, part, hash, lastmod FROM sitemap ORDER BY name = ? DESC, name, part",
        PAGES_SITEMAP,
      )
      .toArray();
    const refs: SitemapRef[] = rows.map((r) => ({
      path: r.path,
      hash: r.hash,
      ...(r.lastmod ? { lastmod: r.lastmod } : {}),
    }));
    return sitemapIndexEntry(this.#site, refs);
  }
}
