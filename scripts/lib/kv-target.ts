import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** Where a publish writes: the local KV of `wrangler dev`, or the Cloudflare namespace. */
export interface KvTarget {
  readonly name: string;
  read(key: string): Promise<string | null>;
  /** Writes the pairs (in any order), reporting each one written. */
  write(pairs: readonly { key: string; value: string }[], onWritten?: (count: number) => void): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

const BINDING = "CONTENT";
// Local writes in flight at once: enough to keep workerd busy without queueing thousands.
const LOCAL_CONCURRENCY = 32;
// `wrangler kv bulk put` takes at most 10,000 pairs and 100 MB per call; stay under both.
const BULK_MAX_PAIRS = 10_000;
const BULK_MAX_BYTES = 90 * 1024 * 1024;

// The part of the KV binding the publisher uses (Node has no Workers types).
interface KvBinding {
  get(key: string, type: "text"): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * The KV namespace `wrangler dev` uses, through wrangler's own platform proxy, so that it is the
 * same storage (by default `.wrangler/state/v3`, or `persistTo` when given).
 */
export async function localTarget(persistTo?: string): Promise<KvTarget> {
  const { getPlatformProxy } = await import("wrangler");
  const proxy = await getPlatformProxy<{ [BINDING]: KvBinding }>({
    persist: persistTo ? { path: join(persistTo, "v3") } : true,
    remoteBindings: false,
  });
  const kv = proxy.env[BINDING];
  return {
    name: `local KV (${persistTo ?? ".wrangler/state"})`,
    read: (key) => kv.get(key, "text"),
    write: (pairs, onWritten) =>
      inParallel(pairs, LOCAL_CONCURRENCY, async ({ key, value }) => {
        await kv.put(key, value);
        onWritten?.(1);
      }),
    remove: (keys) => inParallel(keys, LOCAL_CONCURRENCY, (key) => kv.delete(key)),
    close: () => proxy.dispose(),
  };
}

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
    async read(key) {
      try {
        return (await wrangler("key", "get", key, "--text")).stdout;
      } catch (error) {
        if (/not found|404/i.test(String((error as { stderr?: string }).stderr))) return null;
        throw error;
      }
    },
    async write(pairs, onWritten) {
      for (const batch of bulkBatches(pairs)) {
        await withFile("put.json", batch, (file) => wrangler("bulk", "put", file));
        onWritten?.(batch.length);
      }
    },
    async remove(keys) {
      for (let i = 0; i < keys.length; i += BULK_MAX_PAIRS) {
        const batch = keys.slice(i, i + BULK_MAX_PAIRS);
        await withFile("delete.json", batch, (file) => wrangler("bulk", "delete", file, "--force"));
      }
    },
    async close() {},
  };
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
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
