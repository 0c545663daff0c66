import { unstable_dev } from "wrangler";

// The process that runs the local writer Worker for a publish (see local-target.ts): it starts
// wrangler's local runtime with the project's bindings and storage, tells the publish where the
// writer answers, and stops the runtime once the publish is gone, however it ended.
const [writer = "", config = "", persistTo = ""] = process.argv.slice(2);
const worker = await unstable_dev(writer, {
  config,
  persistTo,
  ip: "127.0.0.1",
  logLevel: "warn",
  experimental: { disableExperimentalWarning: true },
});
// How long stopping the runtime may take before the host exits anyway (its workerd then ends with it).
const STOP_TIMEOUT_MS = 10_000;

async function stop(): Promise<never> {
  setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
  try {
    await worker.stop();
  } finally {
    process.exit();
  }
}
// Once the publish has gone, its end of the pipe is closed: nothing more to say.
process.stderr.on("error", () => {});
// A publish killed while the runtime was starting has already gone.
if (!process.connected) await stop();
process.on("disconnect", stop);
process.send?.({ origin: `http://${worker.address}:${worker.port}` });
