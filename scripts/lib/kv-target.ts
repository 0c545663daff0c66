import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** Where a publish writes: the local KV of `wrangler dev`, or the Cloudflare namespace. */
export interface KvTarget {
  readonly name: string;
  read(key: string): Promise<string | null>;
  /** Writes the pairs in order. */
  write(pairs: readonly { key: string; value: string }[]): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

const BINDING = "CONTENT";

/** The part of the KV binding the publisher uses (Node has no Workers types). */
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
    async write(pairs) {
      for (const { key, value } of pairs) await kv.put(key, value);
    },
    async remove(keys) {
      for (const key of keys) await kv.delete(key);
    },
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
    write: (pairs) => withFile("put.json", pairs, (file) => wrangler("bulk", "put", file)),
    remove: (keys) => withFile("delete.json", keys, (file) => wrangler("bulk", "delete", file, "--force")),
    async close() {},
  };
}
