import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type KvTarget, type Listing, storedHash } from "./kv-target.ts";

const BINDING = "CONTENT";
// `wrangler kv bulk put` takes at most 10,000 pairs and 100 MB per call; stay under both.
const BULK_MAX_PAIRS = 10_000;
const BULK_MAX_BYTES = 90 * 1024 * 1024;

/** The Cloudflare KV namespace bound as `CONTENT` in wrangler.toml, through the wrangler CLI. */
export function remoteTarget(): KvTarget {
  const run = promisify(execFile);
  const wrangler = (...args: string[]) =>
    run("wrangler", ["kv", ...args, "--binding", BINDING, "--remote"], { maxBuffer: 256 * 1024 * 1024 });
  const withFile = async (name: string, data: unknown, use: (file: string) => Promise<unknown>) => {
    const dir = await mkdtemp(join(tmpdir(), "patrika-"));
    try {
      await writeFile(join(dir, name), JSON.stringify(data));
      await use(join(dir, name));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  return {
    name: "remote KV (Cloudflare)",
    async list() {
      const keys = JSON.parse((await wrangler("key", "list")).stdout) as { name: string; metadata?: unknown }[];
      return new Map(keys.map(({ name, metadata }) => [name, storedHash(metadata)])) as Listing;
    },
    async get(key) {
      try {
        return (await wrangler("key", "get", key, "--text")).stdout;
      } catch (error) {
        if (/not found|404/i.test(String((error as { stderr?: string }).stderr))) return null;
        throw error;
      }
    },
    async put(entries, onDone) {
      const pairs = entries.map((e) => ({ key: e.key, value: e.value, metadata: { sha256: e.hash } }));
      for (const batch of bulkBatches(pairs)) {
        await withFile("put.json", batch, (file) => wrangler("bulk", "put", file));
        onDone?.(batch.length);
      }
    },
    async remove(keys, onDone) {
      for (let i = 0; i < keys.length; i += BULK_MAX_PAIRS) {
        const batch = keys.slice(i, i + BULK_MAX_PAIRS);
        await withFile("delete.json", batch, (file) => wrangler("bulk", "delete", file, "--force"));
        onDone?.(batch.length);
      }
    },
    async close() {},
  };
}

function bulkBatches<T extends { key: string; value: string }>(pairs: readonly T[]): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const pair of pairs) {
    const size = pair.key.length + pair.value.length * 3;
    if (batch.length > 0 && (batch.length >= BULK_MAX_PAIRS || bytes + size > BULK_MAX_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(pair);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
