import { type ChildProcess, fork } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { MARKDOWN_MEMORY_LIMIT_MIB, MARKDOWN_TIME_LIMIT_MS } from "../../../src/content/limits.ts";
import type { Converted } from "../../../src/content/markdown.ts";
import { batchesOf } from "../parallel.ts";

/** How long converting one article may take, and how much heap it may use. */
export interface MarkdownLimits {
  timeMs: number;
  memoryMib: number;
}

/** One body to convert, as the converter process takes it. */
export interface MarkdownJob {
  markdown: string;
  pageUrl: string;
}

// A converter process, what it wrote to stderr (V8 reports running out of memory there), and
// when it has exited.
interface Converter {
  process: ChildProcess;
  stderr: string[];
  closed: Promise<void>;
  /** Whether it started and is ready for a batch (false when it exited first). */
  ready: Promise<boolean>;
}

// Bodies sent to the converter in one message: enough that a message costs little per body,
// few enough that a batch stays far below the time and memory limits.
const BATCH_JOBS = 64;
const BATCH_CHARS = 2_000_000;
// The converter's young generation (MiB a semi-space): nearly all it allocates dies with its batch,
// and with V8's default it held 237 MB converting 20,000 synthetic articles, with 8 MiB 106 MB.
const SEMI_SPACE_MIB = 8;
// How long a converter may take to start (a loaded machine takes a second or two).
const STARTUP_MS = 60_000;

/**
 * Runs `markdownToHtml` in a child process with a time and a memory limit per article, by
 * default `MARKDOWN_TIME_LIMIT_MS` and `MARKDOWN_MEMORY_LIMIT_MIB`. Some Markdown takes marked
 * quadratic time or memory (a long run of `_a_a_a…`, lists nested hundreds deep), so an article
 * that exceeds the limits becomes a problem like any other instead of stalling or killing the
 * publish. A process, not a worker thread: a worker's heap limit is best effort, and some
 * allocations that exceed it abort the whole process. Bodies asked for together travel in
 * batches; a batch that fails is converted again one body at a time, so the limits still name
 * the one article that exceeds them.
 */
export class MarkdownSandbox {
  readonly #limits: MarkdownLimits;
  readonly #queue: { job: MarkdownJob; resolve: (converted: Converted) => void }[] = [];
  readonly #stopping: Promise<void>[] = [];
  #child: Converter | undefined;
  #draining: Promise<void> | undefined;

  constructor(limits: MarkdownLimits = { timeMs: MARKDOWN_TIME_LIMIT_MS, memoryMib: MARKDOWN_MEMORY_LIMIT_MIB }) {
    this.#limits = limits;
  }

  /** Converts one article's body; see `markdownToHtml`. */
  convert(markdown: string, pageUrl: string): Promise<Converted> {
    return new Promise((resolve) => {
      this.#queue.push({ job: { markdown, pageUrl }, resolve });
      this.#draining ??= this.#drain();
    });
  }

  /** Stops the converter and waits until every converter process has exited. */
  async close(): Promise<void> {
    await this.#draining;
    this.#stop();
    await Promise.all(this.#stopping);
  }

  // Sends what is queued, batch after batch, until nothing is; a convert() after that starts anew.
  async #drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      const batch = this.#take();
      const converted = await this.#run(batch.map(({ job }) => job));
      for (const [i, { job, resolve }] of batch.entries()) {
        if (Array.isArray(converted)) resolve(converted[i] as Converted);
        else resolve(batch.length === 1 ? converted : await this.#one(job));
      }
    }
    this.#draining = undefined;
  }

  async #one(job: MarkdownJob): Promise<Converted> {
    const converted = await this.#run([job]);
    return Array.isArray(converted) ? (converted[0] as Converted) : converted;
  }

  // The next batch: at least one body, then as many as fit.
  #take(): { job: MarkdownJob; resolve: (converted: Converted) => void }[] {
    const first = batchesOf(this.#queue, BATCH_JOBS, BATCH_CHARS, ({ job }) => job.markdown.length).next();
    return this.#queue.splice(0, first.done ? 0 : first.value.length);
  }

  // Converts a batch, or says why the converter could not (and stops it).
  // The time limit counts from when the converter is ready, not from when it was started.
  async #run(jobs: MarkdownJob[]): Promise<Converted[] | { problem: string }> {
    const { process: child, stderr, ready } = this.#start();
    const stopped = () => {
      const reason = /out of memory/i.test(stderr.join(""))
        ? `needed more than ${this.#limits.memoryMib} MiB of memory`
        : "the converter stopped";
      return { problem: `could not be converted from Markdown (${reason}); simplify or split it` };
    };
    if (!(await ready)) {
      this.#stop();
      return stopped();
    }
    return new Promise((resolve) => {
      const onMessage = (results: Converted[]) => finish(results, true);
      const onClose = () => finish(stopped(), false);
      const timer = setTimeout(() => {
        const seconds = this.#limits.timeMs / 1000;
        finish({ problem: `took more than ${seconds} s to convert from Markdown; simplify or split it` }, false);
      }, this.#limits.timeMs);
      const finish = (result: Converted[] | { problem: string }, healthy: boolean) => {
        clearTimeout(timer);
        child.off("message", onMessage).off("close", onClose);
        if (!healthy) this.#stop();
        resolve(result);
      };
      child.on("message", onMessage).on("close", onClose);
      child.send(jobs);
    });
  }

  #start(): Converter {
    if (this.#child) return this.#child;
    const child = fork(new URL("./markdown-worker.ts", import.meta.url), {
      execArgv: [`--max-old-space-size=${this.#limits.memoryMib}`, `--max-semi-space-size=${SEMI_SPACE_MIB}`],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    const stderr: string[] = [];
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
    const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
    const ready = Promise.race([
      new Promise<boolean>((resolve) => child.once("message", () => resolve(true))),
      closed.then(() => false),
      sleep(STARTUP_MS, false, { ref: false }),
    ]);
    this.#child = { process: child, stderr, closed, ready };
    return this.#child;
  }

  #stop(): void {
    if (!this.#child) return;
    this.#child.process.kill("SIGKILL");
    this.#stopping.push(this.#child.closed);
    this.#child = undefined;
  }
}
