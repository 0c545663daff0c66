import { Worker } from "node:worker_threads";
import { MARKDOWN_MEMORY_LIMIT_MIB, MARKDOWN_TIME_LIMIT_MS } from "../../src/content/limits.ts";
import type { Converted } from "./markdown.ts";

/**
 * Runs `markdownToHtml` in a worker thread limited to `MARKDOWN_TIME_LIMIT_MS` and
 * `MARKDOWN_MEMORY_LIMIT_MIB` per article. Some Markdown takes marked quadratic time or memory
 * (a long run of `_a_a_a…`, lists nested hundreds deep), so an article that exceeds the limits
 * becomes a problem like any other instead of stalling or killing the publish.
 */
export class MarkdownSandbox {
  #worker: Worker | undefined;
  readonly #stopping: Promise<number>[] = [];

  /** Converts one article's body; see `markdownToHtml`. */
  convert(markdown: string, pageUrl: string): Promise<Converted> {
    const worker = this.#start();
    return new Promise((resolve) => {
      const onMessage = (result: Converted) => finish(result, true);
      const onError = (error: Error & { code?: string }) => {
        const reason =
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `needed more than ${MARKDOWN_MEMORY_LIMIT_MIB} MiB of memory`
            : error.message.split("\n")[0];
        finish({ problem: `could not be converted from Markdown (${reason}); simplify or split it` }, false);
      };
      const onExit = () => finish({ problem: "could not be converted from Markdown (the converter stopped)" }, false);
      const timer = setTimeout(() => {
        const seconds = MARKDOWN_TIME_LIMIT_MS / 1000;
        finish({ problem: `took more than ${seconds} s to convert from Markdown; simplify or split it` }, false);
      }, MARKDOWN_TIME_LIMIT_MS);
      const finish = (result: Converted, healthy: boolean) => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        if (!healthy) this.#stop();
        resolve(result);
      };
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage({ markdown, pageUrl });
    });
  }

  /** Stops the worker thread and waits until every worker has exited. */
  async close(): Promise<void> {
    this.#stop();
    await Promise.all(this.#stopping);
  }

  #start(): Worker {
    this.#worker ??= new Worker(new URL("./markdown-worker.ts", import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: MARKDOWN_MEMORY_LIMIT_MIB },
    });
    return this.#worker;
  }

  #stop(): void {
    if (this.#worker) this.#stopping.push(this.#worker.terminate());
    this.#worker = undefined;
  }
}
