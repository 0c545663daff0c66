import { NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH } from "../../content/sitemaps.ts";
import { NEWS_HEAD_KEY, sitemapKey, WRITE_STAGES } from "../../kv/keys.ts";

const LAST_WRITE_STAGE = WRITE_STAGES.length - 1;
const SITEMAPS_STAGE = 4;
const INDEX_KEY = sitemapKey(SITEMAP_INDEX_PATH);
// Stages whose keys link to keys of earlier stages by URL: subscription pages, sitemaps, the index.
const LINKING_STAGES = new Set([2, SITEMAPS_STAGE, LAST_WRITE_STAGE]);
// Dirty keys of earlier stages looked at one by one; beyond that many, a linking key waits for them all.
const NEW_KEYS_LOOKED_AT = 64;

/**
 * Which dirty keys may be written now, so that no key is readable before what it points at,
 * without waiting for every earlier stage: a head (`head:`, the news sitemap's head) waits while
 * its page is still to write; the sitemap index while any sitemap is; a subscription page while
 * an archive page of its chain is (so no story leaves the chain while it moves); and a key that
 * links by URL (a subscription page, a sitemap, the index) while a key of an earlier stage that
 * KV does not hold yet is still to write (a new story, a new archive page or feed). Articles and
 * archive pages wait for nothing. Answers are memoised for one round of writes.
 */
export class WriteOrder {
  readonly #sql: SqlStorage;
  readonly #newBefore = new Map<number, boolean>();

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** Whether `key`, dirty at write stage `stage`, may be written now. */
  ready(key: string, stage: number): boolean {
    const page = pageOf(key);
    if (page !== undefined && this.#dirty(page)) return false;
    if (key === INDEX_KEY && this.#stageDirty(SITEMAPS_STAGE)) return false;
    const chain = archivePrefixOf(key, stage);
    if (chain !== undefined && this.#prefixDirty(chain)) return false;
    return !LINKING_STAGES.has(stage) || !this.#newKeyBefore(stage);
  }

  #dirty(key: string): boolean {
    return (
      this.#sql.exec("SELECT 1 FROM dirty WHERE key = ? AND stage <= ?", key, LAST_WRITE_STAGE).toArray().length > 0
    );
  }

  #stageDirty(stage: number): boolean {
    return this.#sql.exec("SELECT 1 FROM dirty WHERE stage = ? LIMIT 1", stage).toArray().length > 0;
  }

  #prefixDirty(prefix: string): boolean {
    return (
      this.#sql
        .exec("SELECT 1 FROM dirty WHERE key >= ? AND key < ? AND stage = 0 LIMIT 1", prefix, `${prefix}\uffff`)
        .toArray().length > 0
    );
  }

  #newKeyBefore(stage: number): boolean {
    const known = this.#newBefore.get(stage);
    if (known !== undefined) return known;
    const rows = this.#sql
      .exec<{ stored: number }>(
        "SELECT s.key IS NOT NULL AS stored FROM dirty d LEFT JOIN stored s ON s.key = d.key WHERE d.stage < ? LIMIT ?",
        stage,
        NEW_KEYS_LOOKED_AT + 1,
      )
      .toArray();
    const waits = rows.length > NEW_KEYS_LOOKED_AT || rows.some((r) => !r.stored);
    this.#newBefore.set(stage, waits);
    return waits;
  }
}

// The page a head names, for a feed document's head and the news sitemap's.
function pageOf(key: string): string | undefined {
  if (key === NEWS_HEAD_KEY) return sitemapKey(NEWS_SITEMAP_PATH);
  return key.startsWith("head:") ? `feed:${key.slice("head:".length)}` : undefined;
}

// The key prefix of the archive pages of a subscription page's chain (`feed:/` is the main feed's).
function archivePrefixOf(key: string, stage: number): string | undefined {
  if (stage !== 2 || !key.startsWith("feed:")) return undefined;
  const dir = key.slice("feed:".length);
  return `feed:${dir === "/" ? "" : dir}/archive/`;
}
