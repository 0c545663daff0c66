import { type ChildProcess, fork } from "node:child_process";
import { MARKDOWN_MEMORY_LIMIT_MIB, MARKDOWN_TIME_LIMIT_MS } from "../../src/content/limits.ts";
import type { Converted } from "./markdown.ts";

/** How long converting one article may take, and how much heap it may use. */
export interface MarkdownLimits {
  timeMs: number;
  memoryMib: number;
}

// A converter process, what it wrote to stderr (V8 reports running out of memory there), and
// when it has exited.
interface Converter {
  process: ChildProcess;
  stderr: string[];
  closed: Promise<void>;
}

/**
 * Runs `markdownToHtml` in a child process with a time and a memory limit per article, by
 * default `MARKDOWN_TIME_LIMIT_MS` and `MARKDOWN_MEMORY_LIMIT_MIB`. Some Markdown takes marked
 * quadratic time or memory (a long run of `_a_a_a…`, lists nested hundreds deep), so an article
 * that exceeds the limits becomes a problem like any other instead of stalling or killing the
 * publish. A process, not a worker thread: a worker's heap limit is best effort, and some
 * allocations that exceed it abort the whole process.
 */
export class MarkdownSandbox {
  readonly #limits: MarkdownLimits;
  #child: Converter | undefined;
  readonly #stopping: Promise<void>[] = [];

  constructor(limits: MarkdownLimits = { timeMs: MARKDOWN_TIME_LIMIT_MS, memoryMib: MARKDOWN_MEMORY_LIMIT_MIB }) {
    this.#limits = limits;
  }

  /** Converts one article's body; see `markdownToHtml`. */
  convert(markdown: string, pageUrl: string): Promise<Converted> {
    const { process: child, stderr } = this.#start();
    return new Promise((resolve) => {
      const onMessage = (result: Converted) => finish(result, true);
      const onClose = () => {
        const reason = /out of memory/i.test(stderr.join(""))
          ? `needed more than ${this.#limits.memoryMib} MiB of memory`
          : "the converter stopped";
        finish({ problem: `could not be converted from Markdown (${reason}); simplify or split it` }, false);
      };
      const timer = setTimeout(() => {
        const seconds = this.#limits.timeMs / 1000;
        finish({ problem: `took more than ${seconds} s to convert from Markdown; simplify or split it` }, false);
      }, this.#limits.timeMs);
      const finish = (result: Converted, healthy: boolean) => {
        clearTimeout(timer);
        child.off("message", onMessage).off("close", onClose);
        if (!healthy) this.#stop();
        resolve(result);
      };
      child.on("message", onMessage).on("close", onClose);
      child.send({ markdown, pageUrl });
    });
  }

  /** Stops the converter and waits until every converter process has exited. */
  async close(): Promise<void> {
    this.#stop();
    await Promise.all(this.#stopping);
  }

  #start(): Converter {
    if (this.#child) return this.#child;
    const child = fork(new URL("./markdown-worker.ts", import.meta.url), {
      execArgv: [`--max-old-space-size=${this.#limits.memoryMib}`],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    const stderr: string[] = [];
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
    const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
    this.#child = { process: child, stderr, closed };
    return this.#child;
  }

  #stop(): void {
    if (!this.#child) return;
    this.#child.process.kill("SIGKILL");
    this.#stopping.push(this.#child.closed);
    this.#child = undefined;
  }
}
