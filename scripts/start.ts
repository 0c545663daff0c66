import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { ensureDevToken } from "./lib/client/dev-vars.ts";

// `npm start`: runs the site locally as it runs on Cloudflare, and publishes content/ into it.
// One `wrangler dev` (the Worker, its Durable Object writer, local KV and R2 in .wrangler/state)
// serves at ORIGIN; once it answers, the publish command sends content/ through its ingest API,
// the one way content gets in. The service keeps running, and `npm run publish:local` publishes
// into it again after an edit; Ctrl-C stops it. The environment variable PORT (default 8787) serves
// on another port, beside a service already running (the tests do), with a state folder of its own
// (.wrangler/state-{PORT}: never two runtimes on one store); content is then published for that
// origin, and the command to publish again is printed in full.

const PORT = process.env.PORT || "8787";
const ORIGIN = `http://127.0.0.1:${PORT}`;
const REPUBLISH =
  PORT === "8787"
    ? "npm run publish:local"
    : `npx node scripts/publish.ts --local --api ${ORIGIN} --base-url ${ORIGIN}`;
const READY_TIMEOUT_MS = 120_000;

const token = ensureDevToken();
const STATE = PORT === "8787" ? [] : ["--persist-to", `.wrangler/state-${PORT}`];
const wrangler = spawn(
  resolve("node_modules", ".bin", "wrangler"),
  // No feed head kept in an isolate: a local service shows every change at once.
  ["dev", "--ip", "127.0.0.1", "--port", PORT, "--var", "HEAD_CACHE_SECONDS:0", ...STATE],
  {
    stdio: "inherit",
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  },
);
const ended = new Promise<number>((done) => wrangler.once("exit", (code, signal) => done(code ?? (signal ? 1 : 0))));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => wrangler.kill(signal));

if (await answers()) {
  const publish = spawn(
    process.execPath,
    [resolve("scripts", "publish.ts"), "--local", "--api", ORIGIN, "--base-url", ORIGIN, ...process.argv.slice(2)],
    { stdio: "inherit", env: { ...process.env, MALLOC_ARENA_MAX: "2", PUBLISH_TOKEN: token } },
  );
  const code = await new Promise<number | null>((done) => publish.once("exit", done));
  console.log(
    code === 0
      ? `\nPatrika serves content/ at ${ORIGIN}/ — after an edit, \`${REPUBLISH}\`; the ingest API is ${ORIGIN}/api/v1 (docs/api.md).`
      : `\ncontent/ was not published (see above); the site at ${ORIGIN}/ serves what it held. Fix it and \`${REPUBLISH}\`.`,
  );
}
process.exitCode = await ended;

// Waits until the Worker answers, or wrangler has exited (it then said why) or took too long.
async function answers(): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (wrangler.exitCode === null && wrangler.signalCode === null) {
    try {
      if ((await fetch(`${ORIGIN}/healthz`)).ok) return true;
    } catch {}
    if (Date.now() > deadline) {
      console.error(`wrangler dev did not answer at ${ORIGIN} within ${READY_TIMEOUT_MS / 1000} s; stopping it.`);
      wrangler.kill("SIGTERM");
      return false;
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  return false;
}
