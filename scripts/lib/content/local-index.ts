import { createHash } from "node:crypto";
import { existsSync, realpathSync, type Stats } from "node:fs";
import { resolve } from "node:path";
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import type { Author, Site } from "../../../src/content/model.ts";
import { type FeedKey, feedsOf } from "../../../src/write/build/feed-sources.ts";
import type { SizedArticle } from "../../../src/write/build/page-bound.ts";
import type { Input } from "../client/inputs.ts";
import type { Rendition, SourceImage } from "../media/renditions.ts";
import { forgetOldest, indexFile, memoryDatabase, openDatabase, reason } from "./index-database.ts";

/** What loading an article file came to: all a publish needs of it until it is sent. */
export interface ArticleEntry {
  /** The file's `stampOf` when it was loaded. */
  stamp: string;
  /** The lead image under content/media/ it names, if any, as written and by its bytes' SHA-256: the file is loaded again when that changes. */
  image?: { src: string; sha256: string };
  /** The article without its body, with the bytes it adds to a feed page; of a withdrawn one, its slug and id count. */
  summary: ArticleSummary;
  /** Why it was withdrawn, when it was. */
  withdrawn?: string;
  /** The SHA-256 and UTF-8 bytes of what the ingest API is sent for it, its time (for the order of sending) and its image's fields. */
  input: { hash: string; bytes: number; at: number; image?: Input };
  renditions: Omit<Rendition, "source">[];
  /** Its warnings, as field and message. */
  warnings: [string, string][];
}

/** An article as the checks across files need it: how it is listed and how large it is, not its body. */
export type ArticleSummary = SizedArticle;

/**
 * An article file as a load needs it when the index knows it unchanged: its lead image, to tell
 * whether that changed, and its warnings. The rest (what it is sent as, how it is listed, the
 * media files made from its image) stays in the index.
 */
export type KnownArticle = Pick<ArticleEntry, "image" | "warnings">;

/** A media file an article needs, as the index keeps it: made from the image of the file at `path` (below articles/), named `src` there. */
export type IndexedRendition = { path: string; src: string; rendition: Omit<Rendition, "source"> };

/**
 * What reading an article file again to send it needs: its input's hash and image (see
 * `ArticleEntry.input`), its slug, its path below articles/ and why it was withdrawn, when it was.
 */
export type IndexedInput = Pick<ArticleEntry["input"], "hash" | "image"> & {
  slug: string;
  path: string;
  withdrawn?: string;
};

/** A source image as read, without its path. */
export type ImageEntry = { stamp: string; image: Omit<SourceImage, "origin" | "file"> };

/**
 * What the service held after a publish whose client counted every change of the service
 * between two of its revisions as its own: the service still holds exactly that while its revision
 * is the same.
 */
export interface Held {
  store: string;
  revision: number;
  /** The name of the service's last change then (see `WriterStatus.revision`). */
  change: string;
  /** Slug → SHA-256 of what was sent for it (see `GET /api/v1/articles`). */
  articles: ReadonlyMap<string, string>;
  /** Media file name → bytes. */
  media: ReadonlyMap<string, number>;
}

/** An article of a feed as its page bound needs it. */
export type FeedMember = { path: string; slug: string; bytes: number };

// A file changed this close to the start of loading may change again within its file system's
// timestamp resolution without its stamp changing ("racy" in git's words): what it came to is
// remembered, but the file is read again next time, whatever its stamp says.
const RACY_MS = 3_000;
// Changes made in one transaction: a publish killed half-way keeps what it committed.
const COMMIT_EVERY = 2_000;

/** The identity of a file's contents as the file system tells it: size, times and inode. */
export function stampOf(stats: Stats): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
}

/**
 * The publish command's local index of one content folder (an SQLite database in
 * `~/.cache/patrika`): what each article file and image came to when it was last loaded, by path
 * and `stampOf`, so that a file whose stamp, image, site settings, authors and loading code are
 * unchanged is not read and converted again; each article's feeds and size, so that the checks
 * across files look at what changed, not at the whole archive; and, for each service, what it held
 * after the last publish into it. Nothing but the light part of each article is read into memory.
 * Files not seen by a load are forgotten (`forgetUnseen`). One process at a time holds it (`open`).
 * An index that cannot be opened is kept in memory, and `save` says why; one that cannot be read or
 * written stops the publish (`IndexFailure`).
 */
export class LocalIndex {
  readonly #path: string | undefined;
  readonly #since = Date.now() - RACY_MS;
  #db: DatabaseSync;
  // Why the index is kept in memory only, when it could not be opened.
  #failure: string | undefined;
  #statements = new Map<string, StatementSync>();
  #writes = 0;
  #inTransaction = false;
  // What the last load came to, by path; entries are taken out as this load looks them up.
  #known: Map<string, KnownRow> | undefined;
  #images: Map<string, { stamp: string; image: string }> | undefined;
  // Images not looked up yet by this load.
  #unseenImages: Set<string> | undefined;
  #checkAll: boolean;
  // Feeds an article entered, left or changed its size in since the checks last passed.
  readonly #feeds = new Set<string>();
  #changed = false;
  readonly #held = new Map<string, Held>();

  /**
   * The index of `contentDir`, held by this process alone until `close` (another publish of the
   * folder waits, and `onWait` is called when that takes more than a few seconds); empty when there
   * is none, it cannot be read, or `fresh` asks to load everything.
   */
  static open(contentDir: string, options: { fresh?: boolean; onWait?: () => void } = {}): LocalIndex {
    const folder = existsSync(contentDir) ? realpathSync(contentDir) : resolve(contentDir);
    return new LocalIndex(indexFile(folder), options.fresh, options.onWait);
  }

  /** An index kept in memory only, for a load that remembers nothing. */
  static memory(): LocalIndex {
    return new LocalIndex(undefined, true);
  }

  private constructor(path: string | undefined, fresh = false, onWait?: () => void) {
    this.#path = path;
    let db: DatabaseSync | undefined;
    try {
      if (path) db = openDatabase(path, fresh, onWait);
    } catch (error) {
      this.#failure = `the local index ${path} could not be opened (${reason(error)}); every file is read`;
    }
    this.#db = db ?? memoryDatabase();
    this.#checkAll = this.#meta("checked") !== 1;
  }

  /**
   * Sets what articles are loaded with: `site` and `authors`. Articles loaded with anything else
   * are loaded again.
   */
  setContext(site: Site, authors: readonly Author[]): void {
    const context = createHash("sha256")
      .update(JSON.stringify([site, authors]))
      .digest("hex");
    if (context === this.#meta("context")) return;
    this.#write(() => {
      this.#articlesChanged();
      for (const table of ["article", "member", "rendition"]) this.#run(`DELETE FROM ${table}`);
      this.#setMeta("context", context);
    });
    this.#known = new Map();
    this.#checkAll = true;
  }

  /**
   * What the file at `path` (relative to content/) came to, if its stamp is `stamp`, nothing it
   * depends on changed, and it had not changed too recently to trust its stamp. Each path is
   * looked up once a load: what was not looked up is forgotten by `forgetUnseen`.
   */
  article(path: string, stamp: string): KnownArticle | undefined {
    const known = this.#knownRows();
    const row = known.get(path);
    known.delete(path);
    if (!row || row[0] !== stamp || row[1]) return undefined;
    const [, , src, sha256, warnings] = row;
    return {
      ...(src !== null && sha256 !== null && { image: { src, sha256 } }),
      warnings: warnings === null ? [] : (JSON.parse(warnings) as [string, string][]),
    };
  }

  /**
   * Remembers what a file came to, as one changed too recently to trust its stamp when it did
   * (the file is then read again next time). A file read again that came to what it came to
   * before, but for its stamp, counts as known unchanged.
   */
  keepArticle(path: string, entry: ArticleEntry, stats: Stats): void {
    const { summary, stamp, input, withdrawn, image, renditions } = entry;
    const warnings = entry.warnings.length > 0 ? JSON.stringify(entry.warnings) : null;
    const summaryJson = JSON.stringify(summary);
    const inputImage = input.image ? JSON.stringify(input.image) : null;
    const racy = this.#settled(stats) ? 0 : 1;
    this.#write(() => {
      const before = this.#get<
        Record<"src" | "sha256" | "warnings" | "summary" | "stamp" | "hash", string | null> & { racy: number }
      >(
        "SELECT image_src AS src, image_sha AS sha256, warnings, summary, stamp, racy, hash FROM article WHERE path = ?",
        path,
      );
      // Its media files are made from its image's bytes (and the code, which the index is made again for).
      const same =
        before &&
        before.src === (image?.src ?? null) &&
        before.sha256 === (image?.sha256 ?? null) &&
        before.warnings === warnings &&
        before.summary === summaryJson &&
        before.hash === input.hash;
      if (same) {
        if (before.stamp !== stamp || before.racy !== racy) {
          this.#run("UPDATE article SET stamp = ?, racy = ? WHERE path = ?", stamp, racy, path);
        }
        return;
      }
      this.#articlesChanged();
      this.#leave(path);
      this.#run(
        "INSERT OR REPLACE INTO article (path, stamp, racy, slug, id, hash, bytes, at, withdrawn, input_image, image_src, image_sha, warnings, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        path,
        stamp,
        racy,
        summary.slug,
        summary.id,
        input.hash,
        input.bytes,
        input.at,
        withdrawn ?? null,
        inputImage,
        image?.src ?? null,
        image?.sha256 ?? null,
        warnings,
        summaryJson,
      );
      for (const rendition of renditions) {
        this.#run(
          "INSERT OR REPLACE INTO rendition (path, name, rendition) VALUES (?, ?, ?)",
          path,
          rendition.name,
          JSON.stringify(rendition),
        );
      }
      if (withdrawn !== undefined) return;
      for (const feed of feedsOf(summary)) {
        this.#feeds.add(feed.dir);
        this.#run(
          "INSERT INTO member (feed, kind, name, path, bytes, updated) VALUES (?, ?, ?, ?, ?, ?)",
          feed.dir,
          feed.kind,
          feed.name,
          path,
          summary.bytes,
          summary.updated,
        );
      }
    });
  }

  /** Forgets the file at `path`: it was read again and has a problem of its own. */
  dropArticle(path: string): void {
    this.#write(() => {
      if (this.#leave(path)) this.#articlesChanged();
    });
  }

  /** Forgets every article file and image this load did not look up: they were deleted, or nothing names them. */
  forgetUnseen(): void {
    const unseen = [...this.#knownRows().keys()];
    this.#imageRows();
    const images = [...(this.#unseenImages ?? [])];
    if (unseen.length > 0 || images.length > 0) {
      this.#write(() => {
        if (unseen.length > 0) this.#articlesChanged();
        for (const path of unseen) this.#leave(path);
        for (const src of images) this.#run("DELETE FROM image WHERE src = ?", src);
      });
    }
    this.#known = new Map();
    this.#unseenImages = new Set();
  }

  /**
   * Whether no article file came to anything else (none new, changed or deleted) under the same
   * context since a load that passed every check: the checks across files then need not run again.
   */
  allKnown(): boolean {
    return !this.#checkAll && !this.#changed;
  }

  /**
   * Whether the page bound of the feed in folder `feed` must be checked again: of every feed when
   * the last load did not pass every check or the context changed, else of those an article
   * entered, left or changed in.
   */
  mustCheck(feed: string): boolean {
    return this.#checkAll || this.#feeds.has(feed);
  }

  /** Every feed by folder, with its count of articles (published and held), as the main feed lists them. */
  feedCounts(): (FeedKey & { feed: string; count: number })[] {
    return this.#all("SELECT feed, kind, name, count(*) AS count FROM member GROUP BY feed ORDER BY feed");
  }

  /** The `count` largest articles of the feed in folder `feed`, largest first (of equal sizes, by path). */
  largest(feed: string, count: number): FeedMember[] {
    return this.#all(
      "SELECT m.path, a.slug, m.bytes FROM member m JOIN article a USING (path) WHERE m.feed = ? ORDER BY m.bytes DESC, m.path LIMIT ?",
      feed,
      count,
    );
  }

  /** The longest `updated` of the articles of the feed in folder `feed`, which dates its documents. */
  longestUpdated(feed: string): string {
    return (
      this.#get<{ updated: string }>(
        "SELECT updated FROM member WHERE feed = ? ORDER BY length(updated) DESC LIMIT 1",
        feed,
      )?.updated ?? ""
    );
  }

  /** Values of `what` that more than one remembered file uses, with those files' paths. */
  shared(what: "slug" | "id"): Map<string, string[]> {
    const rows = this.#all<{ value: string; path: string }>(
      `SELECT ${what} AS value, path FROM article WHERE ${what} IN (SELECT ${what} FROM article GROUP BY ${what} HAVING count(*) > 1)`,
    );
    return groupPaths(rows);
  }

  /** The remembered files that use `value` as their `what`. */
  using(what: "slug" | "id", value: string): string[] {
    return this.#all<{ path: string }>(`SELECT path FROM article WHERE ${what} = ?`, value).map((r) => r.path);
  }

  /** How many articles are remembered, withdrawn ones included or not. */
  count(withdrawn: boolean): number {
    const where = withdrawn ? "" : " WHERE withdrawn IS NULL";
    return Number(this.#get<{ n: number }>(`SELECT count(*) AS n FROM article${where}`)?.n);
  }

  /** Slug → input hash of every article remembered. */
  hashes(): Map<string, string> {
    return new Map(this.#arrays<[string, string]>("SELECT slug, hash FROM article"));
  }

  /** The slug, input hash, bytes and publication time of every article remembered. */
  list(): [string, string, number, number][] {
    return this.#arrays("SELECT slug, hash, bytes, at FROM article");
  }

  /** The names of the media files the articles remembered need (not withdrawn ones: nothing shows their images). */
  mediaNames(): string[] {
    return this.#arrays<[string]>("SELECT DISTINCT name FROM rendition").map(([name]) => name);
  }

  /** The media file named `name` that an article remembered needs, if one does. */
  rendition(name: string): IndexedRendition | undefined {
    const row = this.#get<{ path: string; src: string; rendition: string }>(
      "SELECT r.path, a.image_src AS src, r.rendition FROM rendition r JOIN article a USING (path) WHERE r.name = ? ORDER BY r.path LIMIT 1",
      name,
    );
    return row && { path: row.path, src: row.src, rendition: JSON.parse(row.rendition) };
  }

  /** The input of the article remembered at `slug`. */
  input(slug: string): IndexedInput | undefined {
    const row = this.#get<Record<"path" | "hash", string> & Record<"withdrawn" | "image", string | null>>(
      "SELECT path, hash, withdrawn, input_image AS image FROM article WHERE slug = ?",
      slug,
    );
    if (!row) return undefined;
    const { path, hash, withdrawn, image } = row;
    return {
      slug,
      path,
      hash,
      ...(withdrawn !== null && { withdrawn }),
      ...(image !== null && { image: JSON.parse(image) as Input }),
    };
  }

  /** The articles remembered (not withdrawn) whose publication time is after `now`: held until then. */
  scheduled(now: number): ArticleSummary[] {
    return this.#all<{ summary: string }>(
      "SELECT summary FROM article WHERE withdrawn IS NULL AND at > ? ORDER BY at",
      now,
    ).map((row) => JSON.parse(row.summary) as ArticleSummary);
  }

  /** Records whether this load passed every check. */
  setChecked(checked: boolean): void {
    if (checked === (this.#meta("checked") === 1)) return;
    this.#write(() => this.#setMeta("checked", checked ? 1 : 0));
  }

  /** The image `src` names as read before, if its stamp is `stamp`. */
  image(src: string, stamp: string): ImageEntry | undefined {
    const images = this.#imageRows();
    this.#unseenImages?.delete(src);
    const row = images.get(src);
    return row?.stamp === stamp ? { stamp, image: JSON.parse(row.image) } : undefined;
  }

  /** Remembers what an image came to, unless it changed too recently to trust its stamp. */
  keepImage(src: string, entry: ImageEntry, stats: Stats): void {
    const image = JSON.stringify(entry.image);
    const before = this.#images?.get(src);
    if (before?.stamp === entry.stamp && before.image === image) return;
    const settled = this.#settled(stats);
    this.#write(() => {
      if (settled) {
        this.#run("INSERT OR REPLACE INTO image (src, stamp, image) VALUES (?, ?, ?)", src, entry.stamp, image);
      } else this.#run("DELETE FROM image WHERE src = ?", src);
    });
    if (settled) this.#images?.set(src, { stamp: entry.stamp, image });
    else this.#images?.delete(src);
  }

  #imageRows(): Map<string, { stamp: string; image: string }> {
    if (!this.#images) {
      const rows = this.#arrays<[string, string, string]>("SELECT src, stamp, image FROM image");
      this.#images = new Map(rows.map(([src, stamp, image]) => [src, { stamp, image }]));
      this.#unseenImages = new Set(this.#images.keys());
    }
    return this.#images;
  }

  // Whether a file last changed long enough before this load for its stamp to tell any later change.
  #settled(stats: Stats): boolean {
    return stats.mtimeMs < this.#since && stats.ctimeMs < this.#since;
  }

  /** What the service at `origin` held after the last publish into it, if it was recorded. */
  held(origin: string): Held | undefined {
    const cached = this.#held.get(origin);
    if (cached) return cached;
    const row = this.#get<Omit<Held, "articles" | "media">>(
      "SELECT store, revision, change FROM held WHERE origin = ?",
      origin,
    );
    if (!row) return undefined;
    const articles = new Map(
      this.#arrays<[string, string]>("SELECT slug, hash FROM held_article WHERE origin = ?", origin),
    );
    const media = new Map(
      this.#arrays<[string, number]>("SELECT name, bytes FROM held_media WHERE origin = ?", origin),
    );
    const held = { store: row.store, revision: row.revision, change: row.change, articles, media };
    this.#held.set(origin, held);
    return held;
  }

  /** Records what the service at `origin` holds now, or forgets it (`undefined`), writing only what differs. */
  setHeld(origin: string, held: Held | undefined): void {
    const before = this.held(origin);
    // The same revision of the same storage holds the same: nothing to write.
    if (held === before || (held && before && sameRevision(held, before))) return;
    this.#write(() => {
      if (!held) {
        for (const table of ["held", "held_article", "held_media"])
          this.#run(`DELETE FROM ${table} WHERE origin = ?`, origin);
        return;
      }
      this.#run(
        "INSERT OR REPLACE INTO held (origin, store, revision, change) VALUES (?, ?, ?, ?)",
        origin,
        held.store,
        held.revision,
        held.change,
      );
      this.#replaceNames("held_article", "slug", "hash", origin, before?.articles, held.articles);
      this.#replaceNames("held_media", "name", "bytes", origin, before?.media, held.media);
    });
    if (held) this.#held.set(origin, held);
    else this.#held.delete(origin);
  }

  /**
   * Commits what this run changed (an `IndexFailure` when it cannot), and deletes the indexes of
   * folders published longest ago; gives why the index could not be opened, if it could not
   * (everything was then kept in memory, and the next publish reads every file again).
   */
  save(): string | undefined {
    try {
      this.#commit();
    } catch (error) {
      throw this.#failed(error);
    }
    if (this.#path && !this.#failure) forgetOldest(this.#path);
    return this.#failure;
  }

  /** Saves the index (see `save`) and lets another publish of the folder have it. */
  close(): string | undefined {
    if (!this.#db.isOpen) return this.#failure;
    try {
      return this.save();
    } finally {
      this.#db.close();
    }
  }

  // Writes the rows of `names` in `table` that differ from `before`, and deletes those it lacks.
  #replaceNames<V extends SQLInputValue>(
    table: string,
    key: string,
    value: string,
    origin: string,
    before: ReadonlyMap<string, V> | undefined,
    after: ReadonlyMap<string, V>,
  ): void {
    for (const name of before?.keys() ?? []) {
      if (!after.has(name)) this.#run(`DELETE FROM ${table} WHERE origin = ? AND ${key} = ?`, origin, name);
    }
    for (const [name, v] of after) {
      if (before?.get(name) !== v) {
        this.#run(`INSERT OR REPLACE INTO ${table} (origin, ${key}, ${value}) VALUES (?, ?, ?)`, origin, name, v);
      }
    }
  }

  // Takes the file at `path` out of its feeds and forgets it; whether it was remembered.
  #leave(path: string): boolean {
    for (const { feed } of this.#all<{ feed: string }>("SELECT feed FROM member WHERE path = ?", path)) {
      this.#feeds.add(feed);
    }
    this.#run("DELETE FROM member WHERE path = ?", path);
    this.#run("DELETE FROM rendition WHERE path = ?", path);
    return Number(this.#run("DELETE FROM article WHERE path = ?", path).changes) > 0;
  }

  #knownRows(): Map<string, KnownRow> {
    this.#known ??= new Map(
      this.#arrays<[string, ...KnownRow]>("SELECT path, stamp, racy, image_src, image_sha, warnings FROM article").map(
        ([path, ...row]) => [path, row],
      ),
    );
    return this.#known;
  }

  // Runs `change` in the open transaction (opening one if none is), committing every `COMMIT_EVERY`
  // changes; a change that fails is rolled back with what the transaction held, and stops the load.
  #write(change: () => void): void {
    try {
      if (!this.#inTransaction) {
        this.#db.exec("BEGIN IMMEDIATE");
        this.#inTransaction = true;
      }
      change();
      if (++this.#writes % COMMIT_EVERY === 0) this.#commit();
    } catch (error) {
      if (this.#inTransaction) {
        this.#inTransaction = false;
        try {
          this.#db.exec("ROLLBACK");
        } catch {
          // SQLite rolled it back itself.
        }
      }
      throw this.#failed(error);
    }
  }

  // The first change of an article marks the checks across files as not passed, until `setChecked`
  // says otherwise: a load killed before it ends leaves the next one to check everything.
  #articlesChanged(): void {
    if (this.#changed) return;
    this.#changed = true;
    this.#setMeta("checked", 0);
  }

  #commit(): void {
    if (!this.#inTransaction) return;
    this.#db.exec("COMMIT");
    this.#inTransaction = false;
  }

  #failed(error: unknown): IndexFailure {
    if (error instanceof IndexFailure) return error;
    return new IndexFailure(`the local index ${this.#path} failed (${reason(error)}); delete it if this persists`);
  }

  #meta(key: string): SQLInputValue | undefined {
    return this.#get<{ value: SQLInputValue }>("SELECT value FROM meta WHERE key = ?", key)?.value;
  }

  #setMeta(key: string, value: SQLInputValue): void {
    this.#run("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value);
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #run(sql: string, ...values: SQLInputValue[]) {
    return this.#statement(sql).run(...values);
  }

  #get<T>(sql: string, ...values: SQLInputValue[]): T | undefined {
    return this.#read(() => this.#statement(sql).get(...values) as T | undefined);
  }

  #all<T>(sql: string, ...values: SQLInputValue[]): T[] {
    return this.#read(() => this.#statement(sql).all(...values) as T[]);
  }

  // Rows as arrays, which take less to make than objects.
  #arrays<T>(sql: string, ...values: SQLInputValue[]): T[] {
    return this.#read(() => {
      const statement = this.#statement(`${sql} -- arrays`);
      statement.setReturnArrays(true);
      return statement.all(...values) as T[];
    });
  }

  #read<T>(query: () => T): T {
    try {
      return query();
    } catch (error) {
      throw this.#failed(error);
    }
  }
}

/**
 * The local index could not be written: what this load found may be lost from it, and what the
 * content holds is then unknown, so nothing is sent.
 */
export class IndexFailure extends Error {}

/** Whether two records of a service are of one revision of it, which holds one thing. */
export function sameRevision(a: Omit<Held, "articles" | "media">, b: Omit<Held, "articles" | "media">): boolean {
  return a.store === b.store && a.revision === b.revision && a.change === b.change;
}

// An article's row as a load looks it up: its stamp, whether it was racy, its image's path and
// SHA-256, and its warnings as JSON (none when it has none).
type KnownRow = [string, number, string | null, string | null, string | null];

function groupPaths(rows: readonly { value: string; path: string }[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { value, path } of rows) groups.set(value, [...(groups.get(value) ?? []), path]);
  return groups;
}
