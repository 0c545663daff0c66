import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import type { FeedPage } from "../src/content/model.ts";
import { buildKvEntries } from "../src/write/build/entries.ts";
import { startAnchors } from "./bench/anchors.ts";
import { type LoadResult, load, type Target } from "./bench/load.ts";
import { cpuMillis } from "./bench/proc.ts";
import { renderBenchmark } from "./bench/render.ts";
import {
  ANCHORS,
  type Anchor,
  FEED_ROUTES,
  printReport,
  type Results,
  ROUTES,
  type Route,
  targetsMissed,
} from "./bench/report.ts";
import { scaleBench } from "./bench/scale.ts";
import { STORE_ARTICLES, withServedStore } from "./bench/served-store.ts";
import { loadContent } from "./lib/content/content.ts";

const PORT = 8790;
const ANCHOR_PORTS: [number, number] = [8792, 8793];
const REPETITIONS = 5;
const SLICES = 3;
const SLICE_SECONDS = 1;
const CONNECTIONS = 16;
const MAX_REQUESTS = 200_000;
const GZIP = { "Accept-Encoding": "gzip" };
// Node's fetch asks for gzip unless told otherwise; autocannon sends no Accept-Encoding at all.
const PLAIN = { "Accept-Encoding": "identity" };

type Run = "floor" | Anchor | Route;
// Each run is compared with an anchor measured in the same seconds: a group holds the runs compared
// with one anchor, and its members take turns in slices of a second, so that load from elsewhere
// on the machine falls on the anchor and on the runs alike. Groups take turns going first.
const GROUPS: Run[][] = [
  ["floor", "rss_304", "hello", "hello_gzip", "article_200"],
  ["rss_200", "atom_200", "static", "json_200", "tag_200"],
  ["rss_200_gzip", "atom_200_gzip", "static_gzip", "json_200_gzip", "tag_200_gzip"],
];
interface Measured {
  rps: number;
  p50: number;
  p99: number;
  /** CPU of Patrika's workerd per request, in ms (Patrika's runs only). */
  cpuPerRequest: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const log = (line: string) => process.stderr.write(`${line}\n`);

const { values } = (() => {
  try {
    return parseArgs({ options: { scale: { type: "string" }, store: { type: "string" } } });
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run bench [-- --scale N [--store DIR]]`);
    process.exit(2);
  }
})();
if (values.scale !== undefined) {
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 100) {
    console.error("--scale takes a number of articles, at least 100: npm run bench -- --scale 100000");
    process.exit(2);
  }
  await scaleBench(scale, PORT, values.store);
  process.exit(0);
}

const started = performance.now();
await withServedStore("bench", PORT, async (store, worker, dir) => {
  log(
    `Published in ${store.publishSeconds.toFixed(1)} s (client peak ${store.publishPeak.publisher.toFixed(0)} MiB, the service's workerd ${store.publishPeak.localRuntime.toFixed(0)} MiB); one changed article: ${store.republishOneSeconds.toFixed(1)} s, ${store.republishOneKvWrites} keys; nothing changed took ${store.republishUnchangedSeconds.toFixed(1)} s.`,
  );
  const render = await renderMicroBenchmark(join(dir, "render"));
  const routes = await routeTargets(worker.origin, store.sampleSlug, store.sampleTag);
  const coldReads = await kvReads(worker.origin, routes);
  const rss = await fetch(`${worker.origin}/rss.xml`, { headers: PLAIN });
  const rssBytes = new Uint8Array(await rss.arrayBuffer());
  const rssGzipBytes = Number(
    (await fetch(`${worker.origin}/rss.xml`, { headers: GZIP })).headers.get("Content-Length"),
  );
  const anchors = await startAnchors(join(dir, "anchors"), rssBytes, ANCHOR_PORTS);
  try {
    const targets: Record<Run, { origin: string; target: Target; pid?: number }> = {
      floor: { origin: worker.origin, target: { name: "floor", path: "/healthz" }, pid: worker.workerdPid },
      hello: { origin: anchors.hello.origin, target: { name: "hello", path: "/" } },
      hello_gzip: { origin: anchors.hello.origin, target: { name: "hello_gzip", path: "/", headers: GZIP } },
      static: { origin: anchors.static.origin, target: { name: "static", path: "/rss.xml" } },
      static_gzip: { origin: anchors.static.origin, target: { name: "static_gzip", path: "/rss.xml", headers: GZIP } },
      ...(Object.fromEntries(
        ROUTES.map((r) => [r, { origin: worker.origin, target: routes[r], pid: worker.workerdPid }]),
      ) as Record<Route, { origin: string; target: Target; pid: number }>),
    };
    for (const { origin, target } of Object.values(targets))
      await load(origin, [target], { seconds: 1, connections: 4, maxRequests: 5000 });
    const steadyReads = await kvReads(worker.origin, routes);

    const runs = {} as Record<Run, Measured[]>;
    for (let rep = 0; rep < REPETITIONS; rep++) {
      for (const group of [...GROUPS.slice(rep % GROUPS.length), ...GROUPS.slice(0, rep % GROUPS.length)]) {
        const slices = new Map(group.map((name) => [name, [] as (LoadResult & { cpu: number })[]]));
        for (let slice = 0; slice < SLICES; slice++) {
          for (const name of [...group.slice(slice), ...group.slice(0, slice)]) {
            const { origin, target, pid } = targets[name];
            const before = pid === undefined ? 0 : cpuMillis(pid);
            const result = await load(origin, [target], {
              seconds: SLICE_SECONDS,
              connections: CONNECTIONS,
              maxRequests: MAX_REQUESTS,
            });
            const cpu = pid === undefined ? 0 : cpuMillis(pid) - before;
            if (result.errors > 0 || result.statuses["5xx"] > 0 || result.statuses["4xx"] > 0) {
              throw new Error(`${name}: ${result.errors} transport errors, ${JSON.stringify(result.statuses)}`);
            }
            slices.get(name)?.push({ ...result, cpu });
          }
        }
        for (const [name, results] of slices) {
          const requests = results.reduce((sum, r) => sum + r.requests, 0);
          const measured = {
            rps: requests / results.reduce((sum, r) => sum + r.seconds, 0),
            p50: median(results.map((r) => r.p50)),
            p99: median(results.map((r) => r.p99)),
            cpuPerRequest: results.reduce((sum, r) => sum + r.cpu, 0) / requests,
          };
          runs[name] = [...(runs[name] ?? []), measured];
          log(
            `  rep ${rep + 1} ${name.padEnd(14)} ${measured.rps.toFixed(0).padStart(6)} req/s  p50 ${measured.p50} ms  p99 ${measured.p99} ms`,
          );
        }
      }
    }

    const of = (name: Run, f: (run: Measured) => number) => median(runs[name].map(f));
    const paired = (name: Run, base: Run, f: (run: Measured, baseRun: Measured) => number) =>
      median(runs[name].map((run, i) => f(run, runs[base][i] as Measured)));
    const vs = (name: Run, base: Run) => round(paired(name, base, (run, b) => run.rps / b.rps));
    const perRoute = <T>(f: (route: Route) => T) =>
      Object.fromEntries(ROUTES.map((r) => [r, f(r)])) as Record<Route, T>;
    const measured = {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
      date: new Date().toISOString(),
      articles: STORE_ARTICLES,
      repetitions: REPETITIONS,
      seconds_per_run: SLICES * SLICE_SECONDS,
      connections: CONNECTIONS,
      floor_requests_per_second: round(
        of("floor", (r) => r.rps),
        0,
      ),
      requests_per_second: perRoute((r) =>
        round(
          of(r, (run) => run.rps),
          0,
        ),
      ),
      latency_ms: Object.fromEntries(
        [...ANCHORS, ...ROUTES].map((r) => [r, { p50: of(r, (run) => run.p50), p99: of(r, (run) => run.p99) }]),
      ) as Results["latency_ms"],
      ratios: perRoute((r) => vs(r, "floor")),
      anchors_rps: Object.fromEntries(
        ANCHORS.map((a) => [
          a,
          round(
            of(a, (r) => r.rps),
            0,
          ),
        ]),
      ) as Record<Anchor, number>,
      ratios_vs_static: Object.fromEntries(
        FEED_ROUTES.map((r) => [r, vs(r, r.endsWith("_gzip") ? "static_gzip" : "static")]),
      ),
      ratios_vs_hello: { healthz: vs("floor", "hello"), rss_304: vs("rss_304", "hello") },
      cpu_ms_above_floor: perRoute((r) => round(paired(r, "floor", (run, f) => run.cpuPerRequest - f.cpuPerRequest))),
      kv_reads_per_request: steadyReads,
      kv_reads_first_request: coldReads,
      rss_bytes: { identity: rssBytes.byteLength, gzip: rssGzipBytes },
      publish_seconds_10k: round(store.publishSeconds, 1),
      publish_peak_rss_mb: round(store.publishPeak.publisher, 0),
      publish_peak_rss_bound_mb: round(store.publishPeak.publisherBound, 0),
      publish_local_runtime_peak_rss_mb: round(store.publishPeak.localRuntime, 0),
      republish_one_seconds: round(store.republishOneSeconds, 1),
      republish_one_kv_writes: store.republishOneKvWrites,
      republish_unchanged_seconds: round(store.republishUnchangedSeconds, 1),
      republish_unchanged_kv_writes: store.republishUnchangedKvWrites,
      render_us_50_items: Object.fromEntries(Object.entries(render).map(([f, v]) => [f, round(v.us, 0)])),
      render_ratio_vs_template: Object.fromEntries(Object.entries(render).map(([f, v]) => [f, round(v.ratio, 1)])),
    };
    const results: Results = {
      ...measured,
      targets_missed: targetsMissed(measured),
      total_seconds: round((performance.now() - started) / 1000, 0),
    };
    await writeResults(results);
    printReport(results);
  } finally {
    await anchors.hello.stop();
    await anchors.static.stop();
  }
});

async function routeTargets(origin: string, slug: string, tag: string): Promise<Record<Route, Target>> {
  const rssEtag = (await fetch(`${origin}/rss.xml`, { method: "HEAD", headers: PLAIN })).headers.get("ETag") ?? "";
  const tagRss = `/tags/${encodeURIComponent(tag)}/rss.xml`;
  return {
    rss_200: { name: "rss_200", path: "/rss.xml" },
    rss_200_gzip: { name: "rss_200_gzip", path: "/rss.xml", headers: GZIP },
    atom_200: { name: "atom_200", path: "/atom.xml" },
    atom_200_gzip: { name: "atom_200_gzip", path: "/atom.xml", headers: GZIP },
    json_200: { name: "json_200", path: "/feed.json" },
    json_200_gzip: { name: "json_200_gzip", path: "/feed.json", headers: GZIP },
    tag_200: { name: "tag_200", path: tagRss },
    tag_200_gzip: { name: "tag_200_gzip", path: tagRss, headers: GZIP },
    article_200: { name: "article_200", path: `/articles/${slug}` },
    rss_304: { name: "rss_304", path: "/rss.xml", headers: { "If-None-Match": rssEtag } },
  };
}

// KV reads of one request per route, as the Worker counts them in its bench-only X-KV-Reads header;
// also checks that each route answers as the load runs expect it to.
async function kvReads(origin: string, targets: Record<Route, Target>): Promise<Record<Route, number>> {
  const reads = {} as Record<Route, number>;
  for (const route of ROUTES) {
    const target = targets[route];
    const res = await fetch(`${origin}${target.path}`, { headers: { ...PLAIN, ...target.headers } });
    await res.arrayBuffer();
    const expected = route === "rss_304" ? 304 : 200;
    if (res.status !== expected) throw new Error(`${route}: expected ${expected}, got ${res.status}`);
    const coding = res.headers.get("Content-Encoding");
    if (res.status === 200 && (coding === "gzip") !== route.endsWith("_gzip"))
      throw new Error(`${route}: answered with Content-Encoding ${coding}`);
    reads[route] = Number(res.headers.get("X-KV-Reads"));
  }
  return reads;
}

// Renders the main feed page of 50 synthetic articles, the size a feed carries.
async function renderMicroBenchmark(dir: string) {
  await promisify(execFile)(process.execPath, ["scripts/synthetic-content.ts", "--count", "50", "--out", dir]);
  const loaded = await loadContent(dir, { baseUrl: "http://127.0.0.1", whole: true });
  if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
  const { site, whole: articles = [], authors } = loaded.content;
  const entries = await buildKvEntries(site, articles, authors);
  const page = JSON.parse(entries.find((e) => e.key === "feed:/")?.value ?? "{}") as FeedPage;
  return renderBenchmark(page);
}

async function writeResults(results: Results): Promise<void> {
  const folder = join("bench", "results");
  await mkdir(folder, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  await writeFile(join(folder, "latest.json"), json);
  await writeFile(join(folder, `${results.date.replace(/[:.]/g, "-")}.json`), json);
}
