import { execFile } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { getPlatformProxy } from "wrangler";

/** A fresh folder under the system temp dir, removed by the returned cleanup. */
export async function tempDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), "patrika-test-"));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** A copy of the project's `content/` in `dir`, for tests that change it. */
export async function copyContent(dir: string): Promise<string> {
  const target = join(dir, "content");
  await cp("content", target, { recursive: true });
  return target;
}

/** Runs the publish CLI as editors do; resolves with its exit code and output. */
export async function runPublish(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["scripts/publish.ts", ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every key and value in the local KV persisted under `persistTo`. */
export async function readLocalKv(persistTo: string): Promise<Map<string, string>> {
  const proxy = await getPlatformProxy<{ CONTENT: KvForTests }>({
    persist: { path: join(persistTo, "v3") },
    remoteBindings: false,
  });
  try {
    const kv = proxy.env.CONTENT;
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await kv.list({ cursor });
      names.push(...page.keys.map((k) => k.name));
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
    const values = await Promise.all(names.map(async (name) => [name, (await kv.get(name, "text")) ?? ""] as const));
    return new Map(values);
  } finally {
    await proxy.dispose();
  }
}

interface KvForTests {
  list(options: { cursor?: string }): Promise<{ keys: { name: string }[]; list_complete: boolean; cursor?: string }>;
  get(key: string, type: "text"): Promise<string | null>;
}
