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
async function stop(): Promise<never> {
  await worker.stop();
  process.exit();
}
// A publish killed while the runtime was starting has already gone.
if (!process.connected) await stop();
process.on("disconnect", stop);
process.send?.({ origin: `http://${worker.address}:${worker.port}` });
