import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { load, type Target } from "./bench/load.ts";
import { residentMiB } from "./bench/proc.ts";
import { withServedStore } from "./bench/served-store.ts";

const PORT = 8791;
const REQUESTS = 50_000;
const CONNECTIONS = 64;
// Warm-up rounds at full concurrency until memory settles: workerd under wrangler dev grows its
// memory for tens of thousands of requests even for /healthz alone (320 → 567 MiB over 30,000
// requests), so a baseline taken earlier would measure the runtime, not the Worker.
const WARM_UP_ROUND = 10_000;
const WARM_UP_ROUNDS = 6;
const SETTLED = 0.05;
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

await withServedStore("load", PORT, async (store, worker) => {
  const targets = await mix(worker.origin, store.contentDir);
  const warm = await warmUp(worker.origin, targets, worker.workerdPid);
  const result = await load(worker.origin, targets, {
    seconds: 300,
    connections: CONNECTIONS,
    maxRequests: REQUESTS,
  });
  const after = await settledMiB(worker.workerdPid);
  const growth = (after - warm) / warm;
  const failures = [
    ...(result.errors > 0 ? [`${result.errors} transport errors`] : []),
    ...(result.statuses["5xx"] > 0 ? [`${result.statuses["5xx"]} responses were 5xx`] : []),
    ...(result.requests < REQUESTS ? [`only ${result.requests} of ${REQUESTS} requests completed`] : []),
    ...(growth > 0.2 ? [`memory grew ${(growth * 100).toFixed(0)}%`] : []),
  ];
  console.log(
    `load: ${result.requests} requests at ${CONNECTIONS} connections, ${result.requestsPerSecond.toFixed(0)} req/s, ` +
      `p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors, statuses ${JSON.stringify(result.statuses)}, ` +
      `workerd memory ${warm.toFixed(0)} → ${after.toFixed(0)} MiB (${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)}%)`,
  );
  console.log(failures.length === 0 ? "load test passed" : `load test FAILED: ${failures.join("; ")}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
});

async function warmUp(origin: string, targets: Target[], pid: number): Promise<number> {
  let before = await settledMiB(pid);
  for (let round = 1; round <= WARM_UP_ROUNDS; round++) {
    await load(origin, targets, { seconds: 120, connections: CONNECTIONS, maxRequests: WARM_UP_ROUND });
    const after = await settledMiB(pid);
    process.stderr.write(`warm-up round ${round}: ${before.toFixed(0)} → ${after.toFixed(0)} MiB\n`);
    if ((after - before) / before < SETTLED) return after;
    before = after;
  }
  return before;
}

// Resident memory two seconds after a run, once in-flight requests have finished.
async function settledMiB(pid: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return residentMiB(pid);
}

// Every kind of route, several instances each: feeds, tags, archives, articles, pages, 304s, 404s;
// each once asking for identity and once for gzip, so half the requests ask for gzip.
async function mix(origin: string, contentDir: string): Promise<Target[]> {
  const slugs = (await readdir(join(contentDir, "articles"))).slice(0, 20).map((f) => f.replace(/\.md$/, ""));
  const tags = ["राजनीति", "दिल्ली", "क्रिकेट", "ISRO", "पटना शिक्षा"].map(encodeURIComponent);
  const paths = [
    "/healthz",
    "/",
    "/feeds.opml",
    "/rss.xml",
    "/atom.xml",
    "/feed.json",
    "/archive/1/rss.xml",
    "/archive/50/atom.xml",
    "/feed",
    "/nope",
    ...tags.flatMap((t) => [
      `/tags/${t}`,
      `/tags/${t}/rss.xml`,
      `/tags/${t}/feed.json`,
      `/tags/${t}/archive/1/atom.xml`,
    ]),
    ...slugs.map((s) => `/articles/${s}`),
  ];
  const codings = [
    { name: "", headers: { "Accept-Encoding": "identity" } },
    { name: " gzip", headers: { "Accept-Encoding": "gzip" } },
  ];
  const targets = await Promise.all(
    codings.map(async ({ name, headers }) => {
      const etag = (await fetch(`${origin}/atom.xml`, { headers })).headers.get("ETag") ?? "";
      return [
        ...paths.map((path) => ({ name: `${path}${name}`, path, headers })),
        { name: `atom 304${name}`, path: "/atom.xml", headers: { ...headers, "If-None-Match": etag } },
        { name: `rss preview${name}`, path: "/rss.xml", headers: { ...headers, Accept: BROWSER } },
      ];
    }),
  );
  return targets.flat();
}
