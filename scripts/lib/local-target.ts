import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { KvEntry } from "../../src/kv/entries.ts";
import { sha256 } from "../../src/kv/hash.ts";
import type { KvMetadata } from "../../src/kv/keys.ts";
import { type KvTarget, storedHash } from "./kv-target.ts";
import { localRequests } from "./local-requests.ts";
import type { MediaTarget } from "./media-target.ts";
import { batchesOf } from "./parallel.ts";
import type { Target, WriterTarget } from "./target.ts";

const WRITER = fileURLToPath(new URL("./local-writer/worker.ts", import.meta.url));
const HOST = new URL("./local-writer/host.ts", import.meta.url);
// What one request to the writer carries at most: enough to amortise a round trip, small enough to stream.
const BATCH_ENTRIES = 256;
const BATCH_CHARS = 16 * 1024 * 1024;
// Articles and KV keys handed to the writer in one request (see `WriterTarget.adopt`).
const ADOPT_ARTICLES = 256;
const ADOPT_KEYS = 4096;
// How long the host may take to stop the runtime (it gives up itself after 10 s).
const HOST_STOP_TIMEOUT_MS = 15_000;

/**
 * The KV namespace and R2 bucket `wrangler dev` uses (by default in `.wrangler/state`, or in
 * `persistTo` when given), with the bindings of wrangler.toml or of `configPath`. Writes go
 * through a small Worker run by wrangler's local runtime with those bindings and that storage:
 * KV and media files in batches, which is several times faster than one proxied call each. The
 * runtime starts in a process of its own, on the other core while content is read, and stops
 * with the publish, even one that is killed.
 */
export async function localTarget(persistTo?: string, configPath = "wrangler.toml"): Promise<Target> {
  const where = persistTo ?? ".wrangler/state";
  const { host, origin } = await startHost(configPath, where);
  const send = localRequests(origin);
  const call = (path: string, body?: unknown[], what?: string) =>
    send(path, body === undefined ? {} : { method: "POST", body: JSON.stringify(body), what });
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
        await call("/kv/put", batch, `${batch.length} entries`);
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
        what: `${files.length} files`,
        body: new Blob(files.map((file) => file.body)),
        headers: { "X-Media-Files": JSON.stringify(manifest) },
      });
    },
    remove: (names) => removeInBatches(call, "/r2/delete", names),
  };
  const writer: WriterTarget = {
    async adopt({ site, authors, articles, gone }, entries) {
      const stored = entries.map((e): [string, string] => [e.key, e.hash]);
      // What KV holds, and the articles held until their time, which KV does not.
      const keys = new Set(entries.map((e) => e.key));
      const held = articles.filter((a) => !keys.has(`article:${a.slug}`));
      const digest = await sha256(JSON.stringify([site, authors, stored, gone, held]));
      if ((await (await send("/writer/adopted")).text()) === digest) return;
      const parts = Math.max(1, Math.ceil(articles.length / ADOPT_ARTICLES), Math.ceil(stored.length / ADOPT_KEYS));
      for (let i = 0; i < parts; i++) {
        const part = {
          first: i === 0,
          last: i === parts - 1,
          who: "publish:local",
          ...(i === 0 ? { site, authors, gone } : {}),
          articles: articles.slice(i * ADOPT_ARTICLES, (i + 1) * ADOPT_ARTICLES),
          stored: stored.slice(i * ADOPT_KEYS, (i + 1) * ADOPT_KEYS),
          digest,
        };
        await send("/writer/adopt", { method: "POST", body: JSON.stringify(part), what: `part ${i + 1} of ${parts}` });
      }
    },
  };
  return { name: `local KV and R2 (${where})`, kv, media, writer, close: () => stopHost(host) };
}

// Starts the writer's host process and waits until the writer answers, or says why it did not start.
async function startHost(configPath: string, persistTo: string): Promise<{ host: ChildProcess; origin: string }> {
  const host = fork(HOST, [WRITER, configPath, persistTo], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  });
  const stderr: string[] = [];
  host.stderr?.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
  const origin = await new Promise<string>((resolve, reject) => {
    host.once("message", (message: { origin: string }) => resolve(message.origin));
    host.once("error", reject);
    host.once("exit", (code) => {
      const said = stderr.join("").trim().split("\n").at(-1) ?? "";
      reject(new Error(`wrangler's local runtime did not start (exit ${code})${said ? `: ${said}` : ""}`));
    });
  });
  return { host, origin };
}

// Asks the host to stop its runtime (by closing the channel it watches), and kills it if it has not
// exited in time.
function stopHost(host: ChildProcess): Promise<void> {
  if (host.exitCode !== null || host.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => host.once("exit", () => resolve()));
  const timer = setTimeout(() => host.kill("SIGKILL"), HOST_STOP_TIMEOUT_MS);
  if (host.connected) host.disconnect();
  return exited.finally(() => clearTimeout(timer));
}

async function removeInBatches(
  call: (path: string, body: unknown[], what: string) => Promise<Response>,
  path: string,
  names: readonly string[],
  onDone?: (count: number) => void,
): Promise<void> {
  for (const batch of batchesOf(names, BATCH_ENTRIES)) {
    await call(path, batch, `${batch.length} names`);
    onDone?.(batch.length);
  }
}

// The entries as the writer takes them, each value made once, in batches bounded by count and characters.
function batches(entries: readonly KvEntry[]): Generator<{ key: string; value: string; metadata: KvMetadata }[]> {
  return batchesOf(writerEntries(entries), BATCH_ENTRIES, BATCH_CHARS, (e) => e.value.length);
}

function* writerEntries(entries: readonly KvEntry[]): Generator<{ key: string; value: string; metadata: KvMetadata }> {
  for (const entry of entries) yield { key: entry.key, value: entry.value, metadata: { sha256: entry.hash } };
}
