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

async function readJson<T>(kv: KVNamespace, key: string, check: (value: unknown) => T): Promise<T | null> {
  let text: string | null;
  try {
    text = await kv.get(key, "text");
  } catch (error) {
    throw new ContentUnavailable(key, `the KV read failed: ${(error as Error).message}`);
  }
  if (text === null) return null;
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
