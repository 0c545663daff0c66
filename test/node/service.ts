import { type Unstable_DevWorker, unstable_dev } from "wrangler";

/** The publish token of the services the tests start. */
export const TEST_TOKEN = "node-test-publish-token-0123456789";

// The service running on each store, by the folder it persists to.
const running = new Map<string, Promise<Unstable_DevWorker>>();

/**
 * The origin of the local service (the Worker with its writer, as `npm start` runs it) that serves
 * the store persisted under `persistTo`, started when none does. Its writer writes each key as soon
 * as it can and its Worker reads KV afresh on every request, so a test sees a publish at once.
 */
export async function serviceFor(persistTo: string): Promise<string> {
  let worker = running.get(persistTo);
  if (!worker) {
    worker = unstable_dev("src/index.ts", {
      config: "wrangler.toml",
      persistTo,
      ip: "127.0.0.1",
      logLevel: "error",
      vars: {
        PUBLISH_TOKEN: TEST_TOKEN,
        KEY_WRITE_INTERVAL_MS: "0",
        HEAD_CACHE_SECONDS: "0",
        ANNOUNCE_RETRY_MS: "200",
      },
      experimental: { disableExperimentalWarning: true },
    });
    running.set(persistTo, worker);
  }
  const started = await worker;
  return `http://${started.address}:${started.port}`;
}

/** Stops the service of the store under `persistTo`, if one runs. */
export async function stopService(persistTo: string): Promise<void> {
  const worker = running.get(persistTo);
  running.delete(persistTo);
  await (await worker?.catch(() => undefined))?.stop();
}
