import { DurableObject } from "cloudflare:workers";
import { epochMillis } from "../../content/dates.ts";
import { MEDIA_TYPES, parseMediaName } from "../../content/media.ts";
import type { Article, Author, Site, Takedown } from "../../content/model.ts";
import { authorDir } from "../../content/urls.ts";
import { sha256 } from "../../kv/hash.ts";
import type { KvMetadata } from "../../kv/keys.ts";
import { articleHash } from "../build/entries.ts";
import { changedFeedUrls, notifyHub } from "../websub.ts";
import { Announcements } from "./announcements.ts";
import { Catalogue, type IndexedArticle } from "./catalogue.ts";
import { DirtyKeys } from "./dirty.ts";
import { type FlushResult, flush } from "./flush.ts";
import { type IngestBatch, readBatch } from "./input/ingest.ts";
import { mediaBytesProblem } from "./input/media-bytes.ts";
import { prepareStorage } from "./migrate.ts";
import { NameLocks } from "./name-locks.ts";
import { Orphans } from "./orphans.ts";
import { PageLimits } from "./page-limits.ts";
import type { WriterStatus } from "./status.ts";
import { changeArticle, changeAuthor, changeEverything, takeDown } from "./touched.ts";

/** Who asked for a change, as the audit record names them: the name of their token. */
export type Writer = string;

/** What a batch from the ingest API came to: every problem, or the change made. */
export type IngestResult = { problems: readonly string[] } | { status: WriterStatus };

// Within Cloudflare's 1,000 KV and R2 operations an invocation, with room for the caller's own.
const OPERATIONS_PER_INVOCATION = 900;
// Wall time one invocation spends writing before it leaves the rest to an alarm.
const FLUSH_MS = 10_000;
// Wall time a client's request spends writing: short, so that a large change answers within
// seconds (its client then follows the rest in the status) and no request is held long.
const REQUEST_FLUSH_MS = 2_000;
// KV listing pages (1,000 keys each) one rebuild call reads, within the operations of an invocation.
const REBUILD_LIST_PAGES = 400;
// When the alarm set with a change runs, should the invocation that made the change end first.
const RESUME_AFTER_MS = 2_000;
// A batch of at least this many articles is part of a bulk import: its keys are written once batches
// stop coming for `BULK_SETTLE_MS`, so that a key every batch touches (a feed's newest page, a tag
// page, a sitemap) is written once rather than once a batch.
const BULK_ARTICLES = 100;
const BULK_SETTLE_MS = 1_500;
// However fast batches come, what they marked is written this long after the first of them at most.
const BULK_SETTLE_MAX_MS = 10_000;
// How long the media files of a story taken down stay in R2 before the alarm deletes those nothing names.
const MEDIA_GRACE_MS = 30_000;
// Media files of stories taken down one alarm deletes at most.
const ORPHANS_PER_RUN = 100;
const NO_SITE = "the writer has no site settings yet: send them first (PUT /api/v1/site)";
// Feed URLs one attempt at the WebSub hub names (in requests of 100); the alarm comes back for the rest.
const URLS_PER_ATTEMPT = 1_000;

/**
 * The one writer of the publication: a Durable Object (one instance, `main`) whose SQLite storage
 * holds the index (site, authors, articles, feeds) and what KV holds. Every change goes through
 * it, one at a time (media files of different names are stored at once); each marks the keys it touches, and a flush writes them to KV in stages
 * within the platform's limits, continuing in alarms until KV equals what the index produces —
 * after a crash or an eviction too, since the marks are stored with the change. The feeds a
 * flush wrote are announced to the site's WebSub hub; what the hub has not accepted stays
 * recorded and is announced again in alarms, backing off while the hub fails.
 */
export class PublicationWriter extends DurableObject<Env> {
  readonly #catalogue: Catalogue;
  readonly #dirty: DirtyKeys;
  readonly #announcements: Announcements;
  readonly #orphans: Orphans;
  #flushing: Promise<FlushResult> | undefined;
  // When the last flush wants to run again, if it left keys to write.
  #again: number | undefined;
  #announcing: Promise<void> | undefined;
  #changes: Promise<unknown> = Promise.resolve();
  // Until when a bulk import's batches hold back the flush (see `BULK_ARTICLES`), and since when.
  #settleUntil = 0;
  #settleSince = 0;
  // Media files are put outside the changes' turn, many at once; one name's puts and deletions, one at a time.
  readonly #media = new NameLocks();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    prepareStorage(ctx.storage);
    this.#catalogue = new Catalogue(ctx.storage.sql);
    this.#orphans = new Orphans(ctx.storage.sql);
    this.#dirty = new DirtyKeys(ctx.storage.sql);
    this.#announcements = new Announcements(ctx.storage.sql, this.#catalogue, Number(env.ANNOUNCE_RETRY_MS));
  }

  /**
   * Replaces the site settings, unchecked (the API's changes go through `ingest`); every key is
   * then built again (in steps, within seconds to minutes).
   */
  async putSite(site: Site, who: Writer): Promise<WriterStatus> {
    return this.#serial(() => this.#putSite(site, who));
  }

  async #putSite(site: Site, who: Writer): Promise<WriterStatus> {
    this.ctx.storage.transactionSync(() => {
      this.#catalogue.setSite(site);
      changeEverything(this.#catalogue, this.#dirty, site);
      this.#audit(who, "put", "site");
      this.#catalogue.countChange();
    });
    return this.#afterChange();
  }

  /** Replaces the list of authors, unchecked; the feeds that show a changed author are built again. */
  async putAuthors(authors: Author[], who: Writer): Promise<WriterStatus> {
    return this.#serial(() => this.#putAuthors(authors, who));
  }

  async #putAuthors(authors: Author[], who: Writer): Promise<WriterStatus> {
    const before = new Map(this.#catalogue.authors().map((a) => [a.key, JSON.stringify(a)]));
    this.ctx.storage.transactionSync(() => {
      this.#replaceAuthors(authors, before, who);
      this.#catalogue.countChange();
    });
    return this.#afterChange();
  }

  /** Adds or replaces articles, unchecked (no page bound either); refuses all when there are no site settings yet. */
  async putArticles(articles: Article[], who: Writer): Promise<WriterStatus> {
    return this.#serial(() => this.#putArticles(articles, who));
  }

  async #putArticles(articles: Article[], who: Writer): Promise<WriterStatus> {
    const site = this.#requireSite();
    const indexed = await Promise.all(articles.map(async (article) => ({ article, hash: await articleHash(article) })));
    this.ctx.storage.transactionSync(() => {
      for (const next of indexed) this.#put(site, next, who);
      this.#catalogue.countChange();
    });
    return this.#afterChange();
  }

  /**
   * Removes articles by slug: a published one is taken down, leaving a tombstone; a held one is
   * cancelled; slugs the writer does not hold are ignored.
   */
  async deleteArticles(slugs: string[], who: Writer): Promise<WriterStatus> {
    return this.#serial(() => this.#deleteArticles(slugs, who));
  }

  async #deleteArticles(slugs: string[], who: Writer): Promise<WriterStatus> {
    const site = this.#requireSite();
    this.ctx.storage.transactionSync(() => {
      for (const slug of slugs) this.#delete(site, slug, who);
      this.#catalogue.countChange();
    });
    return this.#afterChange();
  }

  /**
   * Checks a batch from the ingest API and, when it has no problem, applies all of it (site
   * settings, authors, articles put and deleted) as one change; otherwise changes nothing and
   * gives every problem.
   */
  async ingest(batch: IngestBatch, who: Writer): Promise<IngestResult> {
    return this.#serial(() => this.#ingest(batch, who));
  }

  // One change at a time, from its check to its commit, so that no other change lands in between.
  #serial<T>(change: () => Promise<T>): Promise<T> {
    const turn = this.#changes.then(change);
    this.#changes = turn.catch(() => undefined);
    return turn;
  }

  // Runs `change` as one transaction, and rolls all of it back when it gives problems.
  #applyUnless(change: () => readonly string[]): readonly string[] {
    try {
      this.ctx.storage.transactionSync(() => {
        const problems = change();
        if (problems.length > 0) throw new Refusal(problems);
      });
      return [];
    } catch (error) {
      if (error instanceof Refusal) return error.problems;
      throw error;
    }
  }

  async #ingest(batch: IngestBatch, who: Writer): Promise<IngestResult> {
    const read = await readBatch(batch, {
      site: this.#catalogue.site(),
      authors: this.#catalogue.authors(),
      media: (name) => this.#catalogue.media(name),
      slugOfId: (id) => this.#catalogue.slugOfId(id),
    });
    if ("problems" in read) return read;
    const { plan } = read;
    const indexed = await Promise.all(
      plan.articles.map(async ({ article, input, withdrawn }) => ({
        article,
        hash: await articleHash(article),
        input: await sha256(input),
        withdrawn,
      })),
    );
    const inputs = {
      site: plan.site && (await sha256(JSON.stringify(batch.site))),
      authors: plan.authors && (await sha256(JSON.stringify(batch.authors))),
    };
    const before = new Map(this.#catalogue.authors().map((a) => [a.key, JSON.stringify(a)]));
    const takenDown = [
      ...plan.delete,
      ...plan.articles.filter((a) => a.withdrawn !== undefined).map((a) => a.article.slug),
    ];
    const theirMedia = takenDown.flatMap((slug) => this.#catalogue.mediaOf(slug));
    // Applied, then checked as the index then stands: a refusal rolls all of it back.
    const refused = this.#applyUnless(() => {
      const limits = new PageLimits(this.#catalogue, plan);
      this.#catalogue.countChange();
      if (plan.site) {
        const changed = JSON.stringify(this.#catalogue.site()) !== JSON.stringify(plan.site);
        this.#catalogue.setSite(plan.site, inputs.site);
        if (changed) this.#catalogue.forgetInputs();
        changeEverything(this.#catalogue, this.#dirty, plan.site);
        this.#audit(who, "put", "site");
      }
      if (plan.authors) this.#replaceAuthors(plan.authors, before, who, inputs.authors);
      const site = this.#catalogue.site();
      if (!site) return [];
      for (const slug of plan.delete) this.#delete(site, slug, who);
      for (const { withdrawn, ...next } of indexed) {
        if (withdrawn !== undefined)
          this.#withdraw(site, { slug: next.article.slug, reason: withdrawn }, next.input, who);
        else this.#put(site, next, who);
      }
      return limits.problems(batch.slug !== undefined);
    });
    if (refused.length > 0) return { problems: refused };
    this.#deleteUnnamed(theirMedia);
    if (plan.articles.length + plan.delete.length < BULK_ARTICLES) return { status: await this.#afterChange() };
    this.#settleSince ||= Date.now();
    this.#settleUntil = Math.min(Date.now() + BULK_SETTLE_MS, this.#settleSince + BULK_SETTLE_MAX_MS);
    await this.#wake();
    return { status: this.#status(0, 0) };
  }

  // A takedown removes a story's images too, whoever asked for it: the alarm deletes from R2 the media
  // files of stories taken down once their grace has passed, if nothing the index holds names them then.
  #deleteUnnamed(names: readonly string[]): void {
    this.#orphans.add(names, Date.now() + MEDIA_GRACE_MS);
  }

  // The media files of stories taken down whose grace has passed: deleted, or kept when named again.
  async #deleteOrphans(): Promise<void> {
    for (const name of this.#orphans.due(Date.now(), ORPHANS_PER_RUN)) {
      if (!(await this.#deleteMedia(name, "writer"))) this.#orphans.remove(name);
    }
  }

  /**
   * Stores a media file in R2 after checking that its bytes are what its name says; a file the
   * writer already holds under that name is left as it is. Files of other names are stored
   * meanwhile, and other changes made: only the media files an article names must be held.
   */
  async putMedia(name: string, bytes: Uint8Array, who: Writer): Promise<{ problem: string } | { stored: boolean }> {
    const problem = mediaBytesProblem(name, bytes);
    if (problem) return { problem };
    return this.#media.run(name, () => this.#putMedia(name, bytes, who));
  }

  async #putMedia(name: string, bytes: Uint8Array, who: Writer): Promise<{ stored: boolean }> {
    const held = this.#catalogue.media(name)?.bytes === bytes.byteLength;
    if (!held) {
      const type = MEDIA_TYPES[parseMediaName(name)?.extension ?? "jpeg"];
      await this.env.MEDIA.put(name, bytes, { httpMetadata: { contentType: type } });
      this.#catalogue.putMedia(name, type, bytes.byteLength);
      this.#audit(who, "put", `media ${name}`);
    }
    this.#catalogue.countChange();
    return { stored: !held };
  }

  /**
   * Deletes a media file from R2, unless the index still names it (an article, the site or an
   * author): `false` then, and nothing is deleted.
   */
  async deleteMedia(name: string, who: Writer): Promise<boolean> {
    return this.#serial(() => this.#deleteMedia(name, who));
  }

  // In a change's turn, so that no article comes to name the file meanwhile; after the puts of its name asked before.
  #deleteMedia(name: string, who: Writer): Promise<boolean> {
    return this.#media.run(name, async () => {
      if (this.#catalogue.names(name)) return false;
      await this.env.MEDIA.delete(name);
      this.#catalogue.deleteMedia(name);
      this.#orphans.remove(name);
      this.#audit(who, "delete", `media ${name}`);
      this.#catalogue.countChange();
      return true;
    });
  }

  /**
   * Learns what KV and R2 hold from themselves rather than from its own record, and writes every
   * document again that differs: how a client repairs storage changed behind the writer's back
   * (a hand edit, a key without its hash, a stray key, a media file replaced or lost). KV is
   * listed a bounded number of pages a call (`listing`), into a scratch table, so a client calls
   * again while `done` is false; the last call makes the listing the writer's record of KV, marks
   * every key, and forgets the media files R2 does not hold at the size recorded, so that a client
   * sends them again. A rebuild left part-way changes nothing.
   */
  async rebuild(
    who: Writer,
    listing = { pages: REBUILD_LIST_PAGES, keys: 1000 },
  ): Promise<{ problem: string } | { done: boolean; listed: number; status: WriterStatus }> {
    return this.#serial(() => this.#rebuild(who, listing));
  }

  async #rebuild(
    who: Writer,
    listing: { pages: number; keys: number },
  ): Promise<{ problem: string } | { done: boolean; listed: number; status: WriterStatus }> {
    const site = this.#catalogue.site();
    if (!site) return { problem: `site: ${NO_SITE}` };
    const sql = this.ctx.storage.sql;
    let cursor = this.#catalogue.setting("rebuild_cursor");
    if (cursor === undefined) sql.exec("DELETE FROM listed");
    let listed = 0;
    let pages = 0;
    while (pages < listing.pages) {
      const keys = await this.env.CONTENT.list<KvMetadata>({ limit: listing.keys, ...(cursor ? { cursor } : {}) });
      pages++;
      const now = Date.now();
      for (const key of keys.keys) {
        sql.exec(
          "INSERT OR REPLACE INTO listed (key, hash, written_ms) VALUES (?, ?, ?)",
          key.name,
          key.metadata?.sha256 ?? "",
          now,
        );
      }
      listed += keys.keys.length;
      cursor = keys.list_complete ? undefined : keys.cursor;
      if (!cursor) break;
    }
    this.#catalogue.countChange();
    if (cursor) {
      this.#catalogue.setSetting("rebuild_cursor", cursor);
      return { done: false, listed, status: this.#status(0, 0) };
    }
    // No media file is put or deleted between R2's listing and the record made of it.
    const mediaPages = await this.#media.alone(async () => {
      const media = await this.#mediaSizes();
      this.ctx.storage.transactionSync(() => {
        this.#catalogue.setSetting("rebuild_cursor", undefined);
        sql.exec(
          `INSERT OR REPLACE INTO listed (key, hash, written_ms)
         SELECT s.key, s.hash, s.written_ms FROM stored s LEFT JOIN listed l ON l.key = s.key
         WHERE s.written_ms > coalesce(l.written_ms, (SELECT min(written_ms) FROM listed))`,
        );
        sql.exec("DELETE FROM stored");
        sql.exec("INSERT INTO stored (key, hash, written_ms) SELECT key, hash, written_ms FROM listed");
        sql.exec("DELETE FROM listed");
        for (const { name, bytes } of this.#catalogue.mediaList("", Number.MAX_SAFE_INTEGER)) {
          if (media.sizes.get(name) !== bytes) this.#catalogue.deleteMedia(name);
        }
        changeEverything(this.#catalogue, this.#dirty, site);
        this.#audit(who, "rebuild", "every document");
      });
      return media.pages;
    });
    const operations = OPERATIONS_PER_INVOCATION - pages - mediaPages;
    return { done: true, listed, status: await this.#afterChange(operations) };
  }

  // Every object of the media bucket, with its size in bytes, and the pages listed.
  async #mediaSizes(): Promise<{ sizes: Map<string, number>; pages: number }> {
    const sizes = new Map<string, number>();
    let pages = 0;
    let cursor: string | undefined;
    do {
      const page = await this.env.MEDIA.list(cursor === undefined ? {} : { cursor });
      pages++;
      for (const object of page.objects) sizes.set(object.key, object.size);
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    return { sizes, pages };
  }

  /** Media files the writer holds, after `after` in name order, at most `limit`. */
  listMedia(after: string, limit: number): { name: string; bytes: number }[] {
    return this.#catalogue.mediaList(after, limit);
  }

  /** Slugs and item hashes after `after` in slug order, at most `limit`: what a client compares its content with. */
  listArticles(after: string, limit: number): { slug: string; hash: string }[] {
    return this.#catalogue.hashes(after, limit);
  }

  /** How much is held and still to write or announce, once an attempt at the hub under way has ended. */
  async status(): Promise<WriterStatus> {
    await this.#announcing;
    return this.#status(0, 0);
  }

  /** The articles held until their time, soonest first. */
  embargoes(): { slug: string; published: string }[] {
    return this.#catalogue.scheduled();
  }

  /**
   * Releases the held articles whose time has come, deletes the media files of stories taken down
   * whose grace has passed, writes what is left, tells the hub what it has not accepted yet, and
   * comes back while anything is left, held, unannounced or to delete.
   */
  override async alarm(): Promise<void> {
    const site = this.#catalogue.site();
    const due = site ? this.#catalogue.due(Date.now()) : [];
    if (site && due.length > 0) {
      this.ctx.storage.transactionSync(() => {
        for (const next of due) {
          this.#catalogue.unembargo(next.article.slug);
          changeArticle(this.#catalogue, this.#dirty, site, next.article.slug, next);
          this.#audit("writer", "release", `article ${next.article.slug}`);
        }
      });
    }
    await this.#serial(() => this.#deleteOrphans());
    // A story released at its time is written at once, a bulk import or not.
    if (due.length > 0 || Date.now() >= this.#settleUntil) {
      this.#settleSince = 0;
      await this.#flush();
    } else await this.#wake();
    await this.#announce();
  }

  // The change is committed: a flush that fails (KV unavailable) is left to the alarm, which retries it.
  async #afterChange(operations = OPERATIONS_PER_INVOCATION): Promise<WriterStatus> {
    // Should this invocation end before its flush does, the alarm finishes the work.
    await this.ctx.storage.setAlarm(Date.now() + RESUME_AFTER_MS);
    try {
      const result = await this.#flush(REQUEST_FLUSH_MS, operations);
      return this.#status(result.written.length, result.deleted.length);
    } catch (error) {
      console.error("the writer's flush failed; its alarm will retry:", error);
      return this.#status(0, 0);
    }
  }

  #status(written: number, deleted: number): WriterStatus {
    return {
      articles: this.#catalogue.articleCount(),
      scheduled: this.#catalogue.scheduledCount(),
      pending: this.#dirty.count(),
      announcing: this.#announcements.count(),
      written,
      deleted,
      inputs: this.#catalogue.inputs(),
      revision: this.#catalogue.revision(),
      totals: this.#catalogue.totals(),
    };
  }

  // One flush at a time: a call that finds one running waits for it, then runs its own.
  async #flush(budgetMs = FLUSH_MS, operations = OPERATIONS_PER_INVOCATION): Promise<FlushResult> {
    while (this.#flushing) await this.#flushing.catch(() => undefined);
    this.#flushing = flush(this.ctx.storage.sql, this.env.CONTENT, this.#catalogue, this.#dirty, {
      operations,
      untilMs: Date.now() + budgetMs,
      keyIntervalMs: Number(this.env.KEY_WRITE_INTERVAL_MS),
    });
    try {
      const result = await this.#flushing;
      this.#catalogue.addTotals(result.written.length, result.deleted.length);
      const site = this.#catalogue.site();
      if (site?.websubHub) this.#announcements.add(changedFeedUrls(site.baseUrl, result.written));
      this.#again = result.again;
      await this.#wake();
      return result;
    } catch (error) {
      await this.ctx.storage.setAlarm(Date.now() + 5_000);
      throw error;
    } finally {
      this.#flushing = undefined;
    }
  }

  // An article put: held until its time when that is still to come (leaving the feeds if it was in
  // them: an embargo moved later), else into the index (an embargo moved earlier, or cancelled).
  #put(site: Site, next: IndexedArticle, who: Writer): void {
    const { slug } = next.article;
    const published = this.#catalogue.article(slug);
    if (epochMillis(next.article.published) > Date.now()) {
      const held = this.#catalogue.embargoed(slug);
      if (held?.hash === next.hash && held.input === (next.input ?? next.hash)) return;
      if (published) changeArticle(this.#catalogue, this.#dirty, site, slug, undefined);
      this.#catalogue.embargo(next);
      this.#audit(who, "schedule", `article ${slug} for ${next.article.published}`);
      return;
    }
    this.#catalogue.unembargo(slug);
    if (published?.hash === next.hash && published.input === (next.input ?? next.hash)) return;
    changeArticle(this.#catalogue, this.#dirty, site, slug, next);
    this.#audit(who, "put", `article ${slug}`);
  }

  #replaceAuthors(
    authors: Author[],
    before: ReadonlyMap<string | undefined, string>,
    who: Writer,
    input?: string,
  ): void {
    this.#catalogue.setAuthors(authors, input);
    const keys = new Set([...before.keys(), ...authors.map((a) => a.key)]);
    const now = new Map(authors.map((a) => [a.key, JSON.stringify(a)]));
    for (const key of keys) {
      if (!key || before.get(key) === now.get(key)) continue;
      changeAuthor(this.#dirty, authorDir(key));
      this.#catalogue.forgetInputs(authorDir(key));
    }
    this.#audit(who, "put", `authors (${authors.length})`);
  }

  // A deletion takes a published article down (its URL then answers 410), and cancels a held one
  // (which was never visible, so its URL stays unknown); any other slug is left as it is.
  #delete(site: Site, slug: string, who: Writer): void {
    const held = this.#catalogue.embargoed(slug);
    const gone = this.#catalogue.gone(slug);
    this.#catalogue.unembargo(slug);
    if (this.#catalogue.article(slug)) takeDown(this.#catalogue, this.#dirty, site, { slug });
    else if (gone) this.#catalogue.setGone(gone);
    else if (!held) return;
    this.#audit(who, "delete", `article ${slug}`);
  }

  // An article put as withdrawn: taken down with its reason, unless it already is with that reason.
  #withdraw(site: Site, takedown: Takedown, input: string | undefined, who: Writer): void {
    this.#catalogue.unembargo(takedown.slug);
    const gone = this.#catalogue.gone(takedown.slug);
    if (gone?.reason === takedown.reason && !this.#catalogue.article(takedown.slug)) {
      if (input) this.#catalogue.setGone(takedown, input);
      return;
    }
    takeDown(this.#catalogue, this.#dirty, site, takedown, input);
    this.#audit(who, "withdraw", `article ${takedown.slug}`);
  }

  // Sets the alarm to the soonest of: the last flush's continuation, the next embargo, the next
  // attempt at the hub (unless one is under way: it sets the alarm when it ends) and the next media
  // file of a story taken down to delete.
  async #wake(): Promise<void> {
    const retry = this.#announcing ? undefined : this.#announcements.nextAt(Date.now());
    // Keys left to write always have an alarm: the last flush's continuation, or a bulk import's settle.
    const dirty = this.#catalogue.site() !== undefined && this.#dirty.count() > 0;
    const again = dirty ? Math.max(this.#again ?? Date.now(), this.#settleUntil) : this.#again;
    const wake = [again, this.#catalogue.nextEmbargo(), retry, this.#orphans.next()].filter((at) => at !== undefined);
    if (wake.length > 0) await this.ctx.storage.setAlarm(Math.min(...wake));
    else await this.ctx.storage.deleteAlarm();
  }

  // Tells the site's WebSub hub about the feeds whose pages were written and it has not accepted
  // yet (a story released from its embargo, taken down, or sent through the API), one attempt at a
  // time, none while a failure's wait runs; a failure is logged and the alarm tries again later.
  async #announce(): Promise<void> {
    if (this.#announcing) return;
    const hub = this.#catalogue.site()?.websubHub;
    if (!hub) return this.#announcements.clear();
    const due = this.#announcements.due(Date.now(), URLS_PER_ATTEMPT);
    if (due.length === 0) return;
    this.#announcing = notifyHub(
      hub,
      due.map((d) => d.url),
    ).then(
      () => this.#announcements.accepted(due),
      (error: Error) => {
        this.#announcements.failed(Date.now());
        console.error(`the writer could not tell the WebSub hub, and tries again later: ${error.message}`);
      },
    );
    try {
      await this.#announcing;
    } finally {
      this.#announcing = undefined;
    }
    await this.#wake();
  }

  #requireSite(): Site {
    const site = this.#catalogue.site();
    if (!site) throw new Error(NO_SITE);
    return site;
  }

  #audit(who: Writer, action: string, target: string): void {
    this.ctx.storage.sql.exec(
      "INSERT INTO audit (at, who, action, target) VALUES (?, ?, ?, ?)",
      new Date().toISOString(),
      who,
      action,
      target,
    );
  }
}

// What rolls back a change that the index, with it applied, shows to be wrong.
class Refusal extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super("refused");
    this.problems = problems;
  }
}
