import type { KvEntry } from "../../src/kv/entries.ts";
import type { KvMetadata } from "../../src/kv/keys.ts";
import { inParallel } from "./parallel.ts";

/** Every key of a namespace, with the SHA-256 its metadata records (`undefined` when it has none). */
export type Listing = Map<string, string | undefined>;

/**
 * Where a publish writes articles and feeds: the local KV of `wrangler dev`, or the Cloudflare
 * namespace. What it holds is the publisher's only record of what was published: every value
 * carries its SHA-256 as metadata, so one listing tells what differs from content without
 * reading any value.
 */
export interface KvTarget {
  /**
   * How long its listing may take to show a write or a deletion (Cloudflare's is eventually
   * consistent); a publish lists again until it does, so that the next publish starts from it.
   */
  readonly listingLagMs?: number;
  /** Every key with the hash its metadata records. */
  list(): Promise<Listing>;
  /** One value as text, or `null` when the key does not exist. */
  get(key: string): Promise<string | null>;
  /** Writes every entry with `{ sha256: hash }` as its metadata, in any order, reporting each one done. */
  put(entries: readonly KvEntry[], onDone?: (count: number) => void): Promise<void>;
  /** Deletes the keys, in any order, reporting each one done. */
  remove(keys: readonly string[], onDone?: (count: number) => void): Promise<void>;
}

/** The part of a Workers KV binding a target needs: the real one in tests, wrangler's proxy locally. */
export interface KvBinding {
  get(key: string, type: "text"): Promise<string | null>;
  put(key: string, value: string, options: { metadata: KvMetadata }): Promise<void>;
  delete(key: string): Promise<void>;
  list(options: { cursor?: string }): Promise<{
    keys: { name: string; metadata?: unknown }[];
    list_complete: boolean;
    cursor?: string;
  }>;
}

// Operations in flight at once against a binding: enough to keep workerd busy without queueing thousands.
const BINDING_CONCURRENCY = 32;

/** A target over a KV binding, with bounded parallel writes and deletions. */
export function bindingTarget(kv: KvBinding): KvTarget {
  return {
    async list() {
      const listing: Listing = new Map();
      let cursor: string | undefined;
      do {
        const page = await kv.list(cursor === undefined ? {} : { cursor });
        for (const { name, metadata } of page.keys) listing.set(name, storedHash(metadata));
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
      return listing;
    },
    get: (key) => kv.get(key, "text"),
    put: (entries, onDone) =>
      inParallel(entries, BINDING_CONCURRENCY, async (entry) => {
        await kv.put(entry.key, entry.value, { metadata: { sha256: entry.hash } });
        onDone?.(1);
      }),
    remove: (keys, onDone) =>
      inParallel(keys, BINDING_CONCURRENCY, async (key) => {
        await kv.delete(key);
        onDone?.(1);
      }),
  };
}

/** The hash recorded in a key's metadata, or `undefined` when the metadata is not the publisher's. */
export function storedHash(metadata: unknown): string | undefined {
  const sha256 = (metadata as Partial<KvMetadata> | null | undefined)?.sha256;
  return typeof sha256 === "string" && /^[0-9a-f]{64}$/.test(sha256) ? sha256 : undefined;
}
