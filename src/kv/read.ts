import type { ArticleDocument, FeedHead, FeedPage, GoneDocument } from "../content/model.ts";
import { asArticleValue, asFeedHead, asFeedPage, ShapeError } from "../content/shape.ts";
import { sha256 } from "./hash.ts";
import { articleKey, feedHeadKey, feedPageKey } from "./keys.ts";

/**
 * Storage holds no usable value for a key the Worker needs (missing, not JSON, or the wrong
 * shape), or could not be read: a KV key, or an object in the media bucket.
 */
export class ContentUnavailable extends Error {
  override name = "ContentUnavailable";
  readonly key: string;

  constructor(key: string, problem: string, store: "KV key" | "R2 object" = "KV key") {
    super(`${store} "${key}": ${problem}`);
    this.key = key;
  }
}

/** Reads and checks the page a feed document renders from (one KV read); it must exist. */
export async function readFeedPage(kv: KVNamespace, documentDir: string): Promise<FeedPage> {
  const key = feedPageKey(documentDir);
  const page = await readJson(kv, key, asFeedPage);
  if (page === null) throw new ContentUnavailable(key, "missing, though its head exists");
  return page;
}

/** Reads and checks the small head of a feed document (one KV read); `null` if there is none. */
export function readFeedHead(kv: KVNamespace, documentDir: string): Promise<FeedHead | null> {
  return readJson(kv, feedHeadKey(documentDir), asFeedHead);
}

/**
 * Reads and checks an article, or the tombstone of one taken down, and the hash of what was stored
 * (one KV read); `null` if there is none.
 */
export async function readArticle(
  kv: KVNamespace,
  slug: string,
): Promise<{ document: ArticleDocument | GoneDocument; hash: string } | null> {
  const key = articleKey(slug);
  const text = await readText(kv, key);
  if (text === null) return null;
  return { document: check(key, text, asArticleValue), hash: await sha256(text) };
}

/** Reads a JSON value and checks its shape (one KV read); `null` if there is none. */
export async function readJson<T>(kv: KVNamespace, key: string, shape: (value: unknown) => T): Promise<T | null> {
  const text = await readText(kv, key);
  return text === null ? null : check(key, text, shape);
}

async function readText(kv: KVNamespace, key: string): Promise<string | null> {
  try {
    return await kv.get(key, "text");
  } catch (error) {
    throw new ContentUnavailable(key, `the KV read failed: ${(error as Error).message}`);
  }
}

function check<T>(key: string, text: string, shape: (value: unknown) => T): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ContentUnavailable(key, "not valid JSON");
  }
  try {
    return shape(value);
  } catch (error) {
    if (error instanceof ShapeError) throw new ContentUnavailable(key, error.message);
    throw error;
  }
}
