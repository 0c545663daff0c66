import { spawn } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type PublishPeak, watchPublishPeak } from "./proc.ts";

// What the command line of the local writer's host process names (see scripts/lib/local-target.ts).
const LOCAL_RUNTIME_MARKER = "local-writer/host.ts";

/** A synthetic store published into its own local KV, and what publishing it cost. */
export interface Store {
  contentDir: string;
  persistDir: string;
  publishSeconds: number;
  /** Peak resident memory of the first publish (see `watchPublishPeak`). */
  publishPeak: PublishPeak;
  republishOneKvWrites: number;
  /** Seconds to publish again with nothing changed, and the keys that wrote (0 expected). */
  republishUnchangedSeconds: number;
  republishUnchangedKvWrites: number;
  /** Slug of an article, and a tag, that exist in the store. */
  sampleSlug: string;
  sampleTag: string;
}

/**
 * Generates `count` synthetic articles under `dir`, publishes them with the real publish command
 * into a local KV persisted in `dir` (never the developer's `.wrangler/state`), then changes one
 * article and publishes again, counting the KV writes that costs, and publishes once more with
 * nothing changed.
 */
export async function prepareStore(dir: string, count: number, baseUrl: string): Promise<Store> {
  const contentDir = join(dir, "content");
  const persistDir = join(dir, "state");
  await run(["scripts/synthetic-content.ts", "--count", String(count), "--out", contentDir]);
  const publishArgs = [
    "scripts/publish.ts",
    "--local",
    "--persist-to",
    persistDir,
    "--content",
    contentDir,
    "--base-url",
    baseUrl,
  ];
  const publish = async () => {
    const started = performance.now();
    const { stdout } = await run(publishArgs);
    return {
      seconds: (performance.now() - started) / 1000,
      written: Number(/(\d+) key\(s\) written/.exec(stdout)?.[1]),
    };
  };
  // The first publish alone is watched for memory: watching costs a process listing every 100 ms.
  const started = performance.now();
  const { peak } = await run(publishArgs, true);
  const firstSeconds = (performance.now() - started) / 1000;
  const files = (await readdir(join(contentDir, "articles"))).sort();
  const changed = join(contentDir, "articles", files[Math.floor(files.length / 2)] ?? "");
  const source = await readFile(changed, "utf8");
  await writeFile(changed, source.replace(/\n\n(\S)/, "\n\nसंशोधित: $1"));
  const second = await publish();
  const unchanged = await publish();
  const sampleTag = /^ {2}- "(.+)"$/m.exec(source)?.[1] ?? "";
  return {
    contentDir,
    persistDir,
    publishSeconds: firstSeconds,
    publishPeak: peak,
    republishOneKvWrites: second.written,
    republishUnchangedSeconds: unchanged.seconds,
    republishUnchangedKvWrites: unchanged.written,
    sampleSlug: (files[0] ?? "").replace(/\.md$/, ""),
    sampleTag,
  };
}

// Runs a Node script of the project as a child process, watching its peak memory when asked.
function run(args: string[], watch: true): Promise<{ stdout: string; peak: PublishPeak }>;
function run(args: string[]): Promise<{ stdout: string }>;
async function run(args: string[], watch = false): Promise<{ stdout: string; peak?: PublishPeak }> {
  // As `npm run publish:local` runs it: glibc's malloc with two arenas rather than one for each of
  // sharp's threads, which holds about 130 MB less of freed memory in a 10,000-article publish.
  const env = { ...process.env, MALLOC_ARENA_MAX: "2" };
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env });
  const peak = watch ? watchPublishPeak(child, LOCAL_RUNTIME_MARKER) : undefined;
  const output = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output.stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output.stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`${args[0]} exited with ${code}:\n${output.stderr.slice(-2000)}`);
  return { stdout: output.stdout, ...(peak && { peak: await peak }) };
}
