import type { FeedHead, FeedPage } from "../content/model.ts";
import { asFeedHead, asFeedPage, ShapeError } from "../content/shape.ts";
import { feedHeadKey, feedPageKey } from "./keys.ts";

/** KV holds no usable value for a key the Worker needs: missing, not JSON, or the wrong shape. */
export class ContentUnavailable extends Error {
  override name = "ContentUnavailable";
  readonly key: string;

  constructor(key: string, problem: string) {
    super(`KV key "${key}": ${problem}`);
    this.key = key;
  }
}

/** Reads and checks the page a feed renders from (one KV read). */
export function readFeedPage(kv: KVNamespace, feed: string): Promise<FeedPage> {
  return readJson(kv, feedPageKey(feed), asFeedPage);
}

/** Reads and checks the small head of a feed (one KV read). */
export function readFeedHead(kv: KVNamespace, feed: string): Promise<FeedHead> {
  return readJson(kv, feedHeadKey(feed), asFeedHead);
}

async function readJson<T>(kv: KVNamespace, key: string, check: (value: unknown) => T): Promise<T> {
  let text: string | null;
  try {
    text = await kv.get(key, "text");
  } catch (error) {
    throw new ContentUnavailable(key, `the KV read failed: ${(error as Error).message}`);
  }
  if (text === null) throw new ContentUnavailable(key, "missing (has content been published?)");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ContentUnavailable(key, "not valid JSON");
  }
  try {
    return check(value);
  } catch (error) {
    if (error instanceof ShapeError) throw new ContentUnavailable(key, error.message);
    throw error;
  }
}
