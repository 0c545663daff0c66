import { fileURLToPath } from "node:url";
import type { KvEntry } from "../../src/kv/entries.ts";
import { type KvTarget, storedHash } from "./kv-target.ts";
import type { MediaTarget } from "./media-target.ts";
import type { Target } from "./target.ts";

const WRITER = fileURLToPath(new URL("./local-writer/worker.ts", import.meta.url));
// What one request to the writer carries at most: enough to amortise a round trip, small enough to stream.
const BATCH_ENTRIES = 256;
const BATCH_BYTES = 16 * 1024 * 1024;

/**
 * The KV namespace and R2 bucket `wrangler dev` uses (by default in `.wrangler/state`, or in
 * `persistTo` when given), with the bindings of wrangler.toml or of `configPath`. Writes go
 * through a small Worker run by wrangler's local runtime with those bindings and that storage:
 * KV and media files in batches, which is several times faster than one proxied call each.
 */
export async function localTarget(persistTo?: string, configPath = "wrangler.toml"): Promise<Target> {
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
  const send = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetch(`${origin}${path}`, init);
    if (!res.ok && res.status !== 404) throw new Error(`local storage: ${path} answered ${res.status}`);
    return res;
  };
  const call = (path: string, body?: unknown) =>
    send(path, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  const kv: KvTarget = {
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
    remove: (keys, onDone) => removeInBatches(call, "/kv/delete", keys, onDone),
  };
  const media: MediaTarget = {
    async list() {
      const objects = (await (await call("/r2/list")).json()) as { name: string; size: number }[];
      return new Map(objects.map(({ name, size }) => [name, size]));
    },
    async put(files) {
      const manifest = files.map(({ name, type, body }) => ({ name, type, bytes: body.length }));
      await send("/r2/put", {
        method: "POST",
        body: new Blob(files.map((file) => file.body)),
        headers: { "X-Media-Files": JSON.stringify(manifest) },
      });
    },
    remove: (names, onDone) => removeInBatches(call, "/r2/delete", names, onDone),
  };
  const where = persistTo ?? ".wrangler/state";
  return { name: `local KV and R2 (${where})`, kv, media, close: () => writer.stop() };
}

async function removeInBatches(
  call: (path: string, body: unknown) => Promise<Response>,
  path: string,
  names: readonly string[],
  onDone?: (count: number) => void,
): Promise<void> {
  for (let i = 0; i < names.length; i += BATCH_ENTRIES) {
    const batch = names.slice(i, i + BATCH_ENTRIES);
    await call(path, batch);
    onDone?.(batch.length);
  }
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
