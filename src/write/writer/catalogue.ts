import { epochMillis, later } from "../../content/dates.ts";
import { mediaUrl } from "../../content/media.ts";
import type { Article, Author, Site, Takedown } from "../../content/model.ts";
import { publicationMonth } from "../../content/sitemaps.ts";
import { type FeedKey, feedsOf } from "../build/feed-sources.ts";
import { articleBytes } from "../build/page-bound.ts";
import type { NewsSource } from "../build/sitemap-entries.ts";
import type { WriterStatus } from "./status.ts";

/** An article as the index holds it, with the hash that identifies it as a feed item. */
export interface IndexedArticle {
  article: Article;
  hash: string;
  /** SHA-256 of what the client sent for it; `hash` when it came as an article. */
  input?: string;
}

/** A feed's article as the bound of its pages needs it (see `PageLimits`): `bytes` is what it adds to a page (`articleBytes`). */
export type SizedMember = { slug: string; updated: string; bytes: number };

/** What kind of feed a folder is, and whose. */
export type FeedRow = FeedKey & { dir: string; count: number };

// Far enough past any epoch millisecond of the years 1900–2100 for a positive 16-digit difference.
const RANK_BASE = 9_000_000_000_000_000;

/**
 * The order of feeds as one text: newest first by publication time, ties by id, as
 * `newestFirstOrder` sorts; ascending `rank` is newest first.
 */
export function rankOf(article: Pick<Article, "published" | "id">): string {
  return `${String(RANK_BASE - epochMillis(article.published)).padStart(16, "0")} ${article.id}`;
}

/** The media files of the writer's bucket a lead image names: its large and small renditions, once each. */
export function leadMedia(site: Site, image: { large: { url: string }; small: { url: string } } | undefined): string[] {
  if (!image) return [];
  const prefix = mediaUrl(site, "");
  const urls = new Set([image.large.url, image.small.url]);
  return [...urls].filter((url) => url.startsWith(prefix)).map((url) => url.slice(prefix.length));
}

/**
 * The writer's index over its SQLite storage: the site, authors and articles, and each feed's
 * members in feed order. Every method runs synchronously, so a caller's sequence of them is one
 * transaction of the Durable Object.
 */
export class Catalogue {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** The site settings, once a client has sent them. */
  site(): Site | undefined {
    const row = this.#sql.exec<{ value: string }>("SELECT value FROM setting WHERE name = 'site'").toArray()[0];
    return row ? (JSON.parse(row.value) as Site) : undefined;
  }

  /** Replaces the site settings, and the SHA-256 of what a client sent for them (see `inputs`). */
  setSite(site: Site, input?: string): void {
    this.#sql.exec("INSERT OR REPLACE INTO setting (name, value) VALUES ('site', ?)", JSON.stringify(site));
    this.setSetting("site_input", input);
  }

  /** The SHA-256 of the site settings and of the authors as a client last sent them. */
  inputs(): { site?: string; authors?: string } {
    const site = this.setting("site_input");
    const authors = this.setting("authors_input");
    return { ...(site ? { site } : {}), ...(authors ? { authors } : {}) };
  }

  /**
   * Forgets what clients sent for the articles of the feed `dir` (every article, without one), held
   * ones included: they were checked against site settings or authors that have changed since (an
   * article stores its absolute links, image URLs and authors' names), so the listing asks clients
   * to send them again.
   */
  forgetInputs(dir?: string): void {
    if (dir === undefined) this.#sql.exec("UPDATE article SET input = ''");
    else this.#sql.exec("UPDATE article SET input = '' WHERE slug IN (SELECT slug FROM member WHERE feed = ?)", dir);
    this.#sql.exec("UPDATE embargo SET input = ''");
  }

  /** A setting of the writer's own (`rebuild_cursor`, the totals), if set. */
  setting(name: string): string | undefined {
    return this.#sql.exec<{ value: string }>("SELECT value FROM setting WHERE name = ?", name).toArray()[0]?.value;
  }

  /** Sets a setting, or removes it when `value` is undefined. */
  setSetting(name: string, value: string | undefined): void {
    if (value === undefined) this.#sql.exec("DELETE FROM setting WHERE name = ?", name);
    else this.#sql.exec("INSERT OR REPLACE INTO setting (name, value) VALUES (?, ?)", name, value);
  }

  /** Which storage this is, how many changes it has taken and which was the last (see `WriterStatus.revision`). */
  revision(): WriterStatus["revision"] {
    const revision = this.setting("revision");
    // Storage made before changes were named has its last unnamed.
    if (revision) return { change: "", ...JSON.parse(revision) };
    const first = { store: crypto.randomUUID(), number: 0, change: "" };
    this.setSetting("revision", JSON.stringify(first));
    return first;
  }

  /** Counts one change a client asked for, and names it (see `WriterStatus.revision`). */
  countChange(): void {
    const { store, number } = this.revision();
    this.setSetting("revision", JSON.stringify({ store, number: number + 1, change: crypto.randomUUID() }));
  }

  /** KV keys written and deleted since the writer began. */
  totals(): { written: number; deleted: number } {
    return JSON.parse(this.setting("totals") ?? '{"written":0,"deleted":0}');
  }

  addTotals(written: number, deleted: number): void {
    if (written === 0 && deleted === 0) return;
    const totals = this.totals();
    this.setSetting("totals", JSON.stringify({ written: totals.written + written, deleted: totals.deleted + deleted }));
  }

  author(key: string): Author | undefined {
    const row = this.#sql.exec<{ data: string }>("SELECT data FROM author WHERE key = ?", key).toArray()[0];
    return row ? (JSON.parse(row.data) as Author) : undefined;
  }

  authors(): Author[] {
    return this.#sql
      .exec<{ data: string }>("SELECT data FROM author ORDER BY key")
      .toArray()
      .map((row) => JSON.parse(row.data) as Author);
  }

  /** Replaces the authors, and the SHA-256 of what a client sent for them (see `inputs`). */
  setAuthors(authors: readonly Author[], input?: string): void {
    this.setSetting("authors_input", input);
    this.#sql.exec("DELETE FROM author");
    for (const author of authors) {
      this.#sql.exec("INSERT INTO author (key, data) VALUES (?, ?)", author.key ?? "", JSON.stringify(author));
    }
  }

  article(slug: string): IndexedArticle | undefined {
    const row = this.#sql
      .exec<{ data: string; hash: string; input: string }>("SELECT data, hash, input FROM article WHERE slug = ?", slug)
      .toArray()[0];
    return row ? indexed(row) : undefined;
  }

  /** The slug of the article with permanent id `id`, published or held, if any. */
  slugOfId(id: string): string | undefined {
    return this.#sql
      .exec<{ slug: string }>(
        "SELECT slug FROM article WHERE id = ? UNION SELECT slug FROM embargo WHERE id = ?",
        id,
        id,
      )
      .toArray()[0]?.slug;
  }

  /** An article held until its publication time, if `slug` is one. */
  embargoed(slug: string): IndexedArticle | undefined {
    const row = this.#sql
      .exec<{ data: string; hash: string; input: string }>("SELECT data, hash, input FROM embargo WHERE slug = ?", slug)
      .toArray()[0];
    return row ? indexed(row) : undefined;
  }

  /** Holds an article until its publication time; a withdrawn story of its slug is no longer listed as withdrawn. */
  embargo({ article, hash, input }: IndexedArticle): void {
    this.#sql.exec("UPDATE gone SET input = NULL WHERE slug = ?", article.slug);
    this.#refer(`embargo:${article.slug}`, article);
    this.#sql.exec(
      "INSERT OR REPLACE INTO embargo (slug, id, at_ms, hash, input, data) VALUES (?, ?, ?, ?, ?, ?)",
      article.slug,
      article.id,
      epochMillis(article.published),
      hash,
      input ?? hash,
      JSON.stringify(article),
    );
  }

  unembargo(slug: string): void {
    this.#refer(`embargo:${slug}`, undefined);
    this.#sql.exec("DELETE FROM embargo WHERE slug = ?", slug);
  }

  /** The held articles whose time has come by `now`. */
  due(now: number): IndexedArticle[] {
    return this.#sql
      .exec<{ data: string; hash: string; input: string }>(
        "SELECT data, hash, input FROM embargo WHERE at_ms <= ?",
        now,
      )
      .toArray()
      .map(indexed);
  }

  /** When the next held article is due, if any is held. */
  nextEmbargo(): number | undefined {
    return this.#sql.exec<{ at: number | null }>("SELECT min(at_ms) AS at FROM embargo").one().at ?? undefined;
  }

  /** Held articles, soonest first: slug and publication time. */
  scheduled(): { slug: string; published: string }[] {
    return this.#sql
      .exec<{ slug: string; data: string }>("SELECT slug, data FROM embargo ORDER BY at_ms, slug")
      .toArray()
      .map((row) => ({ slug: row.slug, published: (JSON.parse(row.data) as Article).published }));
  }

  /**
   * Slugs and the hashes of what clients sent for them, published, held or withdrawn, after `after`
   * in slug order, at most `limit`.
   */
  hashes(after: string, limit: number): { slug: string; hash: string }[] {
    return this.#sql
      .exec<{ slug: string; hash: string }>(
        `SELECT slug, input AS hash FROM article WHERE slug > ?1
         UNION ALL SELECT slug, input FROM embargo WHERE slug > ?1
         UNION ALL SELECT slug, input FROM gone WHERE slug > ?1 AND input IS NOT NULL
         ORDER BY slug LIMIT ?2`,
        after,
        limit,
      )
      .toArray();
  }

  /** Articles published: the main feed's count, kept with every change rather than counted. */
  articleCount(): number {
    return this.feed("")?.count ?? 0;
  }

  /** Articles held until their time. */
  scheduledCount(): number {
    return this.#sql.exec<{ n: number }>("SELECT count(*) AS n FROM embargo").one().n;
  }

  /** The takedown of a story whose key holds a tombstone, if it was taken down. */
  gone(slug: string): Takedown | undefined {
    const row = this.#sql.exec<{ reason: string | null }>("SELECT reason FROM gone WHERE slug = ?", slug).toArray()[0];
    return row && { slug, ...(row.reason === null ? {} : { reason: row.reason }) };
  }

  /**
   * Records a story taken down, with the SHA-256 of what a client sent when it was withdrawn
   * (`withdrawn:`) rather than deleted; `putArticle` of its slug brings it back.
   */
  setGone({ slug, reason }: Takedown, input?: string): void {
    this.#sql.exec(
      "INSERT OR REPLACE INTO gone (slug, reason, input) VALUES (?, ?, ?)",
      slug,
      reason ?? null,
      input ?? null,
    );
  }

  /** Adds or replaces an article and its feed memberships; a tombstone of its slug goes. */
  putArticle({ article, hash, input }: IndexedArticle): void {
    this.removeArticle(article.slug);
    this.#sql.exec("DELETE FROM gone WHERE slug = ?", article.slug);
    const rank = rankOf(article);
    const bytes = articleBytes(article);
    this.#sql.exec(
      "INSERT INTO article (slug, id, rank, month, updated, hash, input, data, news) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      article.slug,
      article.id,
      rank,
      publicationMonth(article.published),
      article.updated,
      hash,
      input ?? hash,
      JSON.stringify(article),
      JSON.stringify(newsFields(article)),
    );
    this.#refer(`article:${article.slug}`, article);
    for (const feed of feedsOf(article)) {
      this.#sql.exec(
        "INSERT INTO feed (dir, kind, name, count) VALUES (?, ?, ?, 1) ON CONFLICT (dir) DO UPDATE SET count = count + 1",
        feed.dir,
        feed.kind,
        feed.name,
      );
      this.#sql.exec("DELETE FROM feed_lastmod WHERE dir = ?", feed.dir);
      this.#sql.exec(
        "INSERT INTO member (feed, rank, slug, updated, bytes) VALUES (?, ?, ?, ?, ?)",
        feed.dir,
        rank,
        article.slug,
        article.updated,
        bytes,
      );
    }
  }

  /** Removes an article and its feed memberships; nothing when there is none. */
  removeArticle(slug: string): void {
    const feeds = this.#sql.exec<{ feed: string }>("SELECT feed FROM member WHERE slug = ?", slug).toArray();
    for (const { feed } of feeds) {
      this.#sql.exec("UPDATE feed SET count = count - 1 WHERE dir = ?", feed);
      this.#sql.exec("DELETE FROM feed_lastmod WHERE dir = ?", feed);
    }
    this.#sql.exec("DELETE FROM member WHERE slug = ?", slug);
    this.#sql.exec("DELETE FROM article WHERE slug = ?", slug);
    this.#refer(`article:${slug}`, undefined);
  }

  // Records the media files `article`'s lead image names as `owner`'s, in place of those it named before.
  #refer(owner: string, article: Article | undefined): void {
    this.#sql.exec("DELETE FROM media_ref WHERE owner = ?", owner);
    const site = article?.image && this.site();
    if (!site) return;
    for (const name of leadMedia(site, article.image)) {
      this.#sql.exec("INSERT OR IGNORE INTO media_ref (name, owner) VALUES (?, ?)", name, owner);
    }
  }

  /** Records the media files every article held names (see `#refer`): once, for storage from before `media_ref`. */
  indexMediaRefs(): void {
    const site = this.site();
    if (!site) return;
    const images = this.#sql
      .exec<{ owner: string; large: string; small: string }>(
        `SELECT 'article:' || slug AS owner, json_extract(data, '$.image.large.url') AS large,
           json_extract(data, '$.image.small.url') AS small FROM article WHERE json_extract(data, '$.image') IS NOT NULL
         UNION ALL SELECT 'embargo:' || slug, json_extract(data, '$.image.large.url'),
           json_extract(data, '$.image.small.url') FROM embargo WHERE json_extract(data, '$.image') IS NOT NULL`,
      )
      .toArray();
    for (const { owner, large, small } of images) {
      for (const name of leadMedia(site, { large: { url: large }, small: { url: small } })) {
        this.#sql.exec("INSERT OR IGNORE INTO media_ref (name, owner) VALUES (?, ?)", name, owner);
      }
    }
  }

  /** The media files the lead image of the article `slug`, published or held, names. */
  mediaOf(slug: string): string[] {
    return this.#sql
      .exec<{ name: string }>(
        "SELECT DISTINCT name FROM media_ref WHERE owner IN (?, ?)",
        `article:${slug}`,
        `embargo:${slug}`,
      )
      .toArray()
      .map((row) => row.name);
  }

  feed(dir: string): FeedRow | undefined {
    return this.#sql.exec<FeedRow>("SELECT dir, kind, name, count FROM feed WHERE dir = ?", dir).toArray()[0];
  }

  /** Every feed that lists an article. */
  feeds(): FeedRow[] {
    return this.#sql.exec<FeedRow>("SELECT dir, kind, name, count FROM feed WHERE count > 0").toArray();
  }

  /** How many of a feed's members are newer than `rank`: its position, newest first. */
  newerThan(dir: string, rank: string): number {
    return this.#sql
      .exec<{ n: number }>("SELECT count(*) AS n FROM member WHERE feed = ? AND rank < ?", dir, rank)
      .one().n;
  }

  /** The rank of an article in a feed, if it is listed there. */
  rankIn(dir: string, slug: string): string | undefined {
    return this.#sql
      .exec<{ rank: string }>("SELECT rank FROM member WHERE feed = ? AND slug = ?", dir, slug)
      .toArray()[0]?.rank;
  }

  /** `limit` of a feed's articles from position `offset`, newest first. */
  members(dir: string, offset: number, limit: number): IndexedArticle[] {
    if (limit <= 0) return [];
    return this.#sql
      .exec<{ data: string; hash: string }>(
        "SELECT a.data, a.hash FROM member m JOIN article a ON a.slug = m.slug WHERE m.feed = ? ORDER BY m.rank LIMIT ? OFFSET ?",
        dir,
        limit,
        offset,
      )
      .toArray()
      .map(indexed);
  }

  /**
   * The `limit` largest of a feed's articles by the bytes each adds to a page (`articleBytes`),
   * largest first, found through `member_bytes` without reading the articles.
   */
  largestMembers(dir: string, limit: number): SizedMember[] {
    return this.#sql
      .exec<SizedMember>(
        "SELECT slug, updated, bytes FROM member WHERE feed = ? ORDER BY bytes DESC LIMIT ?",
        dir,
        limit,
      )
      .toArray();
  }

  /** The articles held until their time, each with the feeds it will enter and the bytes it will add to their pages. */
  heldSizes(): (SizedMember & { feeds: Omit<FeedRow, "count">[] })[] {
    return this.#sql
      .exec<{ data: string }>("SELECT data FROM embargo")
      .toArray()
      .map((row) => {
        const article = JSON.parse(row.data) as Article;
        const { slug, updated } = article;
        return { slug, updated, bytes: articleBytes(article), feeds: feedsOf(article) };
      });
  }

  /**
   * Fills `bytes` of every feed membership from its article's JSON, as `articleBytes` counts it (its
   * UTF-8 bytes, which `octet_length` reads from the row's header, and a comma): for storage made
   * before the column.
   */
  indexSizes(): void {
    this.#sql.exec(
      "UPDATE member SET bytes = octet_length(article.data) + 1 FROM article WHERE article.slug = member.slug",
    );
  }

  /**
   * Each feed that lists an article, with the latest `updated` of its newest `limit` articles (the
   * time its subscription document shows). What one feed comes to is kept (`feed_lastmod`, with
   * `limit`) until an article enters or leaves it, so that a change reads the members of the feeds
   * it touched only, not of every feed.
   */
  feedLastmods(limit: number): { dir: string; lastmod: string }[] {
    const rows = this.#sql
      .exec<{ dir: string; lastmod: string | null }>(
        `SELECT f.dir, l.lastmod FROM feed f LEFT JOIN feed_lastmod l ON l.dir = f.dir AND l.items = ?
         WHERE f.count > 0`,
        limit,
      )
      .toArray();
    return rows.map(({ dir, lastmod }) => {
      if (lastmod !== null) return { dir, lastmod };
      const latest = this.#sql
        .exec<{ updated: string }>("SELECT updated FROM member WHERE feed = ? ORDER BY rank LIMIT ?", dir, limit)
        .toArray()
        .map((row) => row.updated)
        .reduce(later);
      this.#sql.exec("INSERT OR REPLACE INTO feed_lastmod (dir, items, lastmod) VALUES (?, ?, ?)", dir, limit, latest);
      return { dir, lastmod: latest };
    });
  }

  /** What the news sitemap shows of the newest `limit` articles of the whole site, without reading the rest of each. */
  newest(limit: number): NewsSource[] {
    return this.#sql
      .exec<{ slug: string; updated: string; news: string }>(
        "SELECT slug, updated, news FROM article ORDER BY rank LIMIT ?",
        limit,
      )
      .toArray()
      .map(({ slug, updated, news }) => {
        const { title, published, image } = JSON.parse(news) as NewsFields;
        return { slug, title, published, updated, ...(image === null ? {} : { image: { large: { url: image } } }) };
      });
  }

  /** Fills `news` of every article from its data: for storage made before the column. */
  indexNews(): void {
    this.#sql.exec(
      `UPDATE article SET news = json_object('title', json_extract(data, '$.title'),
         'published', json_extract(data, '$.published'), 'image', json_extract(data, '$.image.large.url'))`,
    );
  }

  /** Slugs and `updated` times of the articles published in `month` (`2019-11`), oldest first. */
  month(month: string): { slug: string; updated: string }[] {
    return this.#sql
      .exec<{ slug: string; updated: string }>(
        "SELECT slug, updated FROM article WHERE month = ? ORDER BY rank DESC",
        month,
      )
      .toArray();
  }

  /** Every month that has an article. */
  months(): string[] {
    return this.#sql
      .exec<{ month: string }>("SELECT DISTINCT month FROM article ORDER BY month")
      .toArray()
      .map((row) => row.month);
  }

  /** How many sitemaps of `name` (`pages`, `articles-2019-11`) were last built. */
  sitemapParts(name: string): number {
    return this.#sql.exec<{ n: number }>("SELECT count(*) AS n FROM sitemap WHERE name = ?", name).one().n;
  }

  /** A media file the writer holds. */
  media(name: string): { type: string; bytes: number } | undefined {
    return this.#sql
      .exec<{ type: string; bytes: number }>("SELECT type, bytes FROM media WHERE name = ?", name)
      .toArray()[0];
  }

  putMedia(name: string, type: string, bytes: number): void {
    this.#sql.exec("INSERT OR REPLACE INTO media (name, type, bytes) VALUES (?, ?, ?)", name, type, bytes);
  }

  deleteMedia(name: string): void {
    this.#sql.exec("DELETE FROM media WHERE name = ?", name);
  }

  /**
   * Whether an article (published or held) names the media file `name` as its lead image (see
   * `media_ref`), or the site or an author names it.
   */
  names(name: string): boolean {
    return (
      this.#sql
        .exec(
          `SELECT 1 FROM media_ref WHERE name = ?1
           UNION ALL SELECT 1 FROM author WHERE instr(data, ?2) > 0
           UNION ALL SELECT 1 FROM setting WHERE name = 'site' AND instr(value, ?2) > 0 LIMIT 1`,
          name,
          `/${name}"`,
        )
        .toArray().length > 0
    );
  }

  /** Media names and sizes after `after` in name order, at most `limit`. */
  mediaList(after: string, limit: number): { name: string; bytes: number }[] {
    return this.#sql
      .exec<{ name: string; bytes: number }>(
        "SELECT name, bytes FROM media WHERE name > ? ORDER BY name LIMIT ?",
        after,
        limit,
      )
      .toArray();
  }
}

// What the news sitemap shows of an article besides its slug and `updated`, as `article.news` holds it.
interface NewsFields {
  title: string;
  published: string;
  image: string | null;
}

function newsFields(article: Article): NewsFields {
  return { title: article.title, published: article.published, image: article.image?.large.url ?? null };
}

// An article as a row of `article` or `embargo` holds it.
function indexed(row: { data: string; hash: string; input?: string }): IndexedArticle {
  return { article: JSON.parse(row.data) as Article, hash: row.hash, ...(row.input ? { input: row.input } : {}) };
}
