import { fileURLToPath } from "node:url";
import type { KvEntry } from "../../src/kv/entries.ts";
import { type KvTarget, storedHash } from "./kv-target.ts";

const WRITER = fileURLToPath(new URL("./local-writer/worker.ts", import.meta.url));
// What one request to the writer carries at most: enough to amortise a round trip, small enough to stream.
const BATCH_ENTRIES = 256;
const BATCH_BYTES = 16 * 1024 * 1024;

/**
 * The KV namespace `wrangler dev` uses (by default `.wrangler/state`, or `persistTo` when given),
 * with the bindings of wrangler.toml or of `configPath`. Writes go through a small Worker run by
 * wrangler's local runtime with those bindings and that storage, in batches, which is several
 * times faster than one proxied call per key.
 */
export async function localTarget(persistTo?: string, configPath = "wrangler.toml"): Promise<KvTarget> {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
  const { unstable_dev } = await import("wrangler");
  const writer = await unstable_dev(WRITER, {
    config: configPath,
    persistTo: persistTo ?? ".wrangler/state",
    ip: "127.0.0.1",
    logLevel: "warn",
    experimental: { disableExperimentalWarning: true },
  });
  const origin = `http://${writer.address}:${writer.port}`;
  const call = async (path: string, body?: unknown): Promise<Response> => {
    const init = body === undefined ? {} : { method: "POST", body: JSON.stringify(body) };
    const res = await fetch(`${origin}${path}`, init);
    if (!res.ok && res.status !== 404) throw new Error(`local KV: ${path} answered ${res.status}`);
    return res;
  };
  return {
    name: `local KV (${persistTo ?? ".wrangler/state"})`,
    async list() {
      const keys = (await (await call("/kv/list")).json()) as { name: string; metadata?: unknown }[];
      return new Map(keys.map(({ name, metadata }) => [name, storedHash(metadata)]));
    },
    async get(key) {
      const res = await call(`/kv/get?key=${encodeURIComponent(key)}`);
      return res.status === 404 ? null : res.text();
    },
    async put(entries, onDone) {
      for (const batch of batches(entries)) {
        await call(
          "/kv/put",
          batch.map((e) => ({ key: e.key, value: e.value, metadata: { sha256: e.hash } })),
        );
        onDone?.(batch.length);
      }
    },
    async remove(keys, onDone) {
      for (let i = 0; i < keys.length; i += BATCH_ENTRIES) {
        const batch = keys.slice(i, i + BATCH_ENTRIES);
        await call("/kv/delete", batch);
        onDone?.(batch.length);
      }
    },
    close: () => writer.stop(),
  };
}

// Entries in batches bounded by count and by the characters of their values.
function* batches(entries: readonly KvEntry[]): Generator<KvEntry[]> {
  let batch: KvEntry[] = [];
  let size = 0;
  for (const entry of entries) {
    const length = entry.value.length;
    if (batch.length > 0 && (batch.length >= BATCH_ENTRIES || size + length > BATCH_BYTES)) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(entry);
    size += length;
  }
  if (batch.length > 0) yield batch;
}
