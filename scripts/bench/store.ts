import { spawn } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type PublishPeak, residentPeakMiB, watchPublishPeak } from "./proc.ts";
import { type RunningWorker, startWorker } from "./worker-process.ts";

/** The publish token of the services the bench starts. */
export const BENCH_TOKEN = "bench-publish-token-0123456789";

/** A synthetic store published into its own local service, and what publishing it cost. */
export interface Store {
  contentDir: string;
  persistDir: string;
  /** Seconds of the first publish (the import), command start to every page current. */
  publishSeconds: number;
  /** Peak resident memory of the import's client, and of the service's workerd until then. */
  publishPeak: PublishPeak;
  /** One changed article: seconds from command start until every page it touches is current, and the keys written. */
  republishOneSeconds: number;
  /** Of those seconds, how many the command took to read and check content, before it sent anything. */
  republishOneCheckedSeconds: number;
  republishOneKvWrites: number;
  /** Seconds to publish again with nothing changed, and the keys that wrote (0 expected). */
  republishUnchangedSeconds: number;
  republishUnchangedKvWrites: number;
  /** Slug of an article, and a tag, that exist in the store. */
  sampleSlug: string;
  sampleTag: string;
}

/**
 * Generates `count` synthetic articles under `dir` (unless `content` holds them already), starts the service (`wrangler dev` with its
 * writer) on `port` with its store in `dir` (never the developer's `.wrangler/state`) and `vars`,
 * and publishes them into it with the real publish command; then changes one article and
 * publishes again, and publishes once more with nothing changed. The service keeps running for
 * the caller, who stops it.
 */
export async function prepareStore(
  dir: string,
  count: number,
  port: number,
  vars: string[] = [],
  content?: string,
): Promise<{ store: Store; worker: RunningWorker }> {
  const contentDir = content ?? join(dir, "content");
  const persistDir = join(dir, "state");
  if (!content) await run(["scripts/synthetic-content.ts", "--count", String(count), "--out", contentDir]);
  const worker = await startWorker({
    port,
    inspectorPort: port + 1000,
    persistDir,
    vars: [`PUBLISH_TOKEN:${BENCH_TOKEN}`, ...vars],
    readyPath: "/healthz",
  });
  try {
    const args = ["scripts/publish.ts", "--local", "--api", worker.origin, "--content", contentDir];
    const publish = async (watch = false) => {
      const { stdout, peak } = await run([...args, "--base-url", worker.origin], watch);
      return {
        seconds: Number(/every page current after ([\d.]+) s/.exec(stdout)?.[1]),
        checked: Number(/content read and checked in ([\d.]+) s/.exec(stdout)?.[1]),
        written: Number(/(\d+) key\(s\) written/.exec(stdout)?.[1]),
        peak,
      };
    };
    // The first publish alone is watched for memory: watching costs a process listing every 100 ms.
    const first = await publish(true);
    const files = (await readdir(join(contentDir, "articles"))).sort();
    const changed = join(contentDir, "articles", files[Math.floor(files.length / 2)] ?? "");
    const source = await readFile(changed, "utf8");
    await writeFile(changed, source.replace(/\n\n(\S)/, "\n\nसंशोधित: $1"));
    const second = await publish();
    const unchanged = await publish();
    const store: Store = {
      contentDir,
      persistDir,
      publishSeconds: first.seconds,
      publishPeak: {
        publisher: first.peak?.publisher ?? 0,
        publisherBound: first.peak?.publisherBound ?? 0,
        localRuntime: residentPeakMiB(worker.workerdPid),
      },
      republishOneSeconds: second.seconds,
      republishOneCheckedSeconds: second.checked,
      republishOneKvWrites: second.written,
      republishUnchangedSeconds: unchanged.seconds,
      republishUnchangedKvWrites: unchanged.written,
      sampleSlug: (files[0] ?? "").replace(/\.md$/, ""),
      sampleTag: /^ {2}- "(.+)"$/m.exec(source)?.[1] ?? "",
    };
    return { store, worker };
  } catch (error) {
    await worker.stop();
    throw error;
  }
}

// Runs a Node script of the project as a child process, watching its peak memory when asked.
async function run(
  args: string[],
  watch = false,
): Promise<{ stdout: string; peak?: Pick<PublishPeak, "publisher" | "publisherBound"> }> {
  // As `npm run publish:local` runs it: glibc's malloc with two arenas rather than one for each of
  // sharp's threads, which holds about 130 MB less of freed memory.
  const env = { ...process.env, MALLOC_ARENA_MAX: "2", PUBLISH_TOKEN: BENCH_TOKEN };
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env });
  const peak = watch ? watchPublishPeak(child) : undefined;
  const output = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output.stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output.stderr += chunk;
    if (watch) process.stderr.write(chunk);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`${args[0]} exited with ${code}:\n${output.stderr.slice(-2000)}`);
  return { stdout: output.stdout, ...(peak && { peak: await peak }) };
}
