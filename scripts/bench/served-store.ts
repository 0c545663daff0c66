import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareStore, type Store } from "./store.ts";
import type { RunningWorker } from "./worker-process.ts";

/** Articles in the store the benchmark and the load test run against. */
export const STORE_ARTICLES = 10_000;

/**
 * Generates the 10,000-article store in a temporary folder and publishes it into `wrangler dev` on
 * `port` (its inspector on `port` + 1000), which serves it with KV reads counted in a response
 * header; runs `work`, and always stops the Worker and removes the folder.
 */
export async function withServedStore<T>(
  name: string,
  port: number,
  work: (store: Store, worker: RunningWorker, dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `patrika-${name}-`));
  try {
    process.stderr.write(`Generating and publishing ${STORE_ARTICLES} synthetic articles into an isolated local KV…\n`);
    const { store, worker } = await prepareStore(dir, STORE_ARTICLES, port, ["KV_READS_HEADER:on"]);
    try {
      return await work(store, worker, dir);
    } finally {
      await worker.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
