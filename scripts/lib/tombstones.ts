import type { Site } from "../../src/content/model.ts";
import { asArticleValue } from "../../src/content/shape.ts";
import { isSlug } from "../../src/content/urls.ts";
import { type KvEntry, tombstoneEntry } from "../../src/kv/entries.ts";
import { articleKey } from "../../src/kv/keys.ts";
import type { KvTarget } from "./kv-target.ts";

/**
 * What a publish holds under a listed key that content no longer produces (see
 * `PublishOptions.instead`): for an article's key — a story whose file was deleted, or one already
 * taken down — its tombstone, so that its URL answers 410 rather than 404; `undefined` (delete it)
 * for any other key. A tombstone keeps the reason it was given (`withdrawn:`), read from KV only
 * when the listing's hash is not that of a tombstone without one.
 */
export function tombstones(
  kv: Pick<KvTarget, "get">,
  site: Site,
): (key: string, listed: string | undefined) => Promise<KvEntry | undefined> {
  return async (key, listed) => {
    const slug = key.slice(articleKey("").length);
    if (key !== articleKey(slug) || !isSlug(slug)) return undefined;
    const plain = await tombstoneEntry(site, { slug });
    if (listed === plain.hash) return plain;
    const reason = await storedReason(kv, key);
    return reason === undefined ? plain : tombstoneEntry(site, { slug, reason });
  };
}

// The reason of the tombstone KV holds under `key`, if it holds one with a reason.
async function storedReason(kv: Pick<KvTarget, "get">, key: string): Promise<string | undefined> {
  const text = await kv.get(key);
  if (text === null) return undefined;
  try {
    const value = asArticleValue(JSON.parse(text));
    return "gone" in value ? value.gone.reason : undefined;
  } catch {
    return undefined;
  }
}
