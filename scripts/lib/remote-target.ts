import type { KvEntry } from "../../src/kv/entries.ts";
import { type CloudflareApi, CloudflareApiError } from "./cloudflare-api.ts";
import { connectCloudflare } from "./cloudflare-connect.ts";
import { type R2BucketApi, r2Bucket } from "./cloudflare-r2.ts";
import { type KvTarget, type Listing, storedHash } from "./kv-target.ts";
import type { MediaTarget } from "./media-target.ts";
import { batchesOf, inParallel } from "./parallel.ts";
import type { Target } from "./target.ts";
import { readRemoteBindings } from "./wrangler-config.ts";

const BINDING = "CONTENT";
// Cloudflare's KV listing shows a write or a deletion within about a minute.
const LISTING_LAG_MS = 90_000;
const MEDIA_BINDING = "MEDIA";
// Media files written or deleted at once: R2's API takes one request per object.
const OBJECT_CONCURRENCY = 4;
// Cloudflare's limits for the KV REST API: keys per list page, keys per bulk write or delete,
// and bytes per bulk write request ("100 megabytes or less"; read as decimal, the smaller).
const LIST_PAGE_KEYS = 1000;
const BULK_MAX_KEYS = 10_000;
const BULK_MAX_BYTES = 100_000_000;
// A bulk write answers which keys it could not write, to be sent again: this many rounds in all.
const BULK_WRITE_ROUNDS = 3;

/**
 * The Cloudflare KV namespace bound as `CONTENT` and the R2 bucket bound as `MEDIA` in the
 * wrangler config (`configPath`, or wrangler.toml), through Cloudflare's REST API with the
 * credentials wrangler would use.
 */
export async function remoteTarget(configPath?: string): Promise<Target> {
  const bindings = await readRemoteBindings(configPath);
  const namespaceId = bindings.kvNamespaceId(BINDING);
  const bucket = bindings.r2BucketName(MEDIA_BINDING);
  const { api, accountId } = await connectCloudflare(bindings.accountId);
  return {
    name: `remote KV (Cloudflare namespace ${namespaceId}) and R2 bucket ${bucket}`,
    kv: kvNamespaceTarget(api, accountId, namespaceId),
    media: bucketTarget(r2Bucket(api, accountId, bucket)),
    async close() {},
  };
}

/**
 * A target over one KV namespace: listed a page at a time, written and deleted in bulk requests
 * within Cloudflare's limits on keys and on bytes, each value with `{ sha256 }` as its metadata.
 */
export function kvNamespaceTarget(api: CloudflareApi, accountId: string, namespaceId: string): KvTarget {
  const path = `/accounts/${accountId}/storage/kv/namespaces/${namespaceId}`;
  const where = `KV namespace ${namespaceId}`;
  const writeBatch = async (batch: readonly BulkPair[]) => {
    let unwritten = batch;
    for (let round = 1; unwritten.length > 0; round++) {
      if (round > BULK_WRITE_ROUNDS)
        throw new CloudflareApiError(
          `Could not write ${unwritten.length} key(s) to ${where}: Cloudflare answered them unsuccessful ` +
            `${BULK_WRITE_ROUNDS} times (${unwritten[0]?.key}${unwritten.length > 1 ? ", …" : ""}).`,
        );
      const { result } = await api.json<{ unsuccessful_keys?: string[] } | null>(
        `write ${unwritten.length} key(s) to ${where}`,
        `${path}/bulk`,
        { method: "PUT", body: `[${unwritten.map((p) => p.json).join(",")}]`, contentType: "application/json" },
      );
      const failed = new Set(result?.unsuccessful_keys ?? []);
      unwritten = unwritten.filter((pair) => failed.has(pair.key));
    }
  };
  return {
    listingLagMs: LISTING_LAG_MS,
    async list() {
      const listing: Listing = new Map();
      let cursor: string | undefined;
      do {
        const page = await api.json<{ name: string; metadata?: unknown }[]>(
          `list the keys of ${where}`,
          `${path}/keys`,
          {
            query: { limit: String(LIST_PAGE_KEYS), cursor },
          },
        );
        for (const { name, metadata } of page.result) listing.set(name, storedHash(metadata));
        cursor = page.cursor;
      } while (cursor);
      return listing;
    },
    async get(key) {
      const value = await api.bytes(`read the key ${key} of ${where}`, `${path}/values/${encodeURIComponent(key)}`);
      return value && new TextDecoder().decode(value);
    },
    async put(entries, onDone) {
      for (const batch of bulkBatches(entries)) {
        await writeBatch(batch);
        onDone?.(batch.length);
      }
    },
    async remove(keys, onDone) {
      for (const batch of batchesOf(keys, BULK_MAX_KEYS)) {
        await api.json(`delete ${batch.length} key(s) from ${where}`, `${path}/bulk/delete`, {
          method: "POST",
          body: JSON.stringify(batch),
          contentType: "application/json",
        });
        onDone?.(batch.length);
      }
    },
  };
}

/** A key and its pair as the JSON a bulk write sends. */
interface BulkPair {
  key: string;
  json: string;
}

// The entries as bulk pairs, each made when its batch is, grouped so that each request body,
// `[pair,pair,…]` in UTF-8, is within both bulk limits (a pair takes its bytes and a comma or a
// bracket, the body one bracket more): a publish holds one batch of values at a time.
function bulkBatches(entries: readonly KvEntry[]): Generator<BulkPair[]> {
  return batchesOf(bulkPairs(entries), BULK_MAX_KEYS, BULK_MAX_BYTES - 1, (pair) => Buffer.byteLength(pair.json) + 1);
}

function* bulkPairs(entries: readonly KvEntry[]): Generator<BulkPair> {
  for (const { key, value, hash } of entries) {
    yield { key, json: JSON.stringify({ key, value, metadata: { sha256: hash } }) };
  }
}

// A media target over an R2 bucket's API: a few objects written or deleted at a time.
function bucketTarget(bucket: R2BucketApi): MediaTarget {
  return {
    async list() {
      return new Map((await bucket.list()).map(({ key, size }) => [key, size]));
    },
    put: (files) => inParallel(files, OBJECT_CONCURRENCY, ({ name, body, type }) => bucket.put(name, body, type)),
    remove: (names) => inParallel(names, OBJECT_CONCURRENCY, (name) => bucket.remove([name])),
  };
}
