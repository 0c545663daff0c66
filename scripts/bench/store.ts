import { execFile } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A synthetic store published into its own local KV, and what publishing it cost. */
export interface Store {
  contentDir: string;
  persistDir: string;
  publishSeconds: number;
  republishOneKvWrites: number;
  /** Slug of an article, and a tag, that exist in the store. */
  sampleSlug: string;
  sampleTag: string;
}

/**
 * Generates `count` synthetic articles under `dir`, publishes them with the real publish command
 * into a local KV persisted in `dir` (never the developer's `.wrangler/state`), then changes one
 * article and publishes again, counting the KV writes that costs.
 */
export async function prepareStore(dir: string, count: number, baseUrl: string): Promise<Store> {
  const contentDir = join(dir, "content");
  const persistDir = join(dir, "state");
  await run(process.execPath, ["scripts/synthetic-content.ts", "--count", String(count), "--out", contentDir]);
  const publish = async () => {
    const started = performance.now();
    const { stdout } = await run(
      process.execPath,
      ["scripts/publish.ts", "--local", "--persist-to", persistDir, "--content", contentDir, "--base-url", baseUrl],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return {
      seconds: (performance.now() - started) / 1000,
      written: Number(/(\d+) key\(s\) written/.exec(stdout)?.[1]),
    };
  };
  const first = await publish();
  const files = (await readdir(join(contentDir, "articles"))).sort();
  const changed = join(contentDir, "articles", files[Math.floor(files.length / 2)] ?? "");
  const source = await readFile(changed, "utf8");
  await writeFile(changed, source.replace(/\n\n(\S)/, "\n\nसंशोधित: $1"));
  const second = await publish();
  const sampleTag = /^ {2}- "(.+)"$/m.exec(source)?.[1] ?? "";
  return {
    contentDir,
    persistDir,
    publishSeconds: first.seconds,
    republishOneKvWrites: second.written,
    sampleSlug: (files[0] ?? "").replace(/\.md$/, ""),
    sampleTag,
  };
}
