import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FeedPage } from "../src/content/model.ts";
import { buildKvEntries } from "../src/kv/entries.ts";
import { load, type Target } from "./bench/load.ts";
import { renderBenchmark } from "./bench/render.ts";
import { STORE_ARTICLES, withServedStore } from "./bench/served-store.ts";
import { cpuMillis } from "./bench/worker-process.ts";
import { loadContent } from "./lib/content.ts";

const PORT = 8790;
const REPETITIONS = 3;
const SECONDS = 5;
const CONNECTIONS = 16;
const MAX_REQUESTS = 200_000;
const ROUTES = ["rss_200", "atom_200", "json_200", "tag_200", "article_200", "rss_304"] as const;
type Route = (typeof ROUTES)[number];
const TARGETS = {
  rss_200: 0.6,
  atom_200: undefined,
  json_200: undefined,
  tag_200: 0.6,
  article_200: undefined,
  rss_304: 0.9,
} satisfies Record<Route, number | undefined>;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const log = (line: string) => process.stderr.write(`${line}\n`);

const started = performance.now();
await withServedStore("bench", PORT, async (store, worker, dir) => {
  log(
    `Published in ${store.publishSeconds.toFixed(1)} s; republishing one changed article wrote ${store.republishOneKvWrites} keys.`,
  );
  const render = await renderMicroBenchmark(join(dir, "render"));
  const targets = await routeTargets(worker.origin, store.sampleSlug, store.sampleTag);
  const coldReads = await kvReads(worker.origin, targets);
  for (const target of Object.values(targets))
    await load(worker.origin, [target], { seconds: 1, connections: 4, maxRequests: 5000 });
  const steadyReads = await kvReads(worker.origin, targets);

  const runs: Record<string, { rps: number; p50: number; p99: number; cpuPerRequest: number }[]> = {};
  const names = ["floor", ...ROUTES];
  for (let rep = 0; rep < REPETITIONS; rep++) {
    const order = [...names.slice(rep % names.length), ...names.slice(0, rep % names.length)];
    for (const name of order) {
      const target = name === "floor" ? { name, path: "/healthz" } : targets[name as Route];
      const before = cpuMillis(worker.workerdPid);
      const result = await load(worker.origin, [target], {
        seconds: SECONDS,
        connections: CONNECTIONS,
        maxRequests: MAX_REQUESTS,
      });
      const cpu = cpuMillis(worker.workerdPid) - before;
      if (result.errors > 0 || result.statuses["5xx"] > 0 || result.statuses["4xx"] > 0) {
        throw new Error(`${name}: ${result.errors} transport errors, ${JSON.stringify(result.statuses)}`);
      }
      runs[name] = runs[name] ?? [];
      runs[name].push({
        rps: result.requestsPerSecond,
        p50: result.p50,
        p99: result.p99,
        cpuPerRequest: cpu / result.requests,
      });
      log(
        `  rep ${rep + 1} ${name.padEnd(12)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms`,
      );
    }
  }

  const floor = runs.floor ?? [];
  const perRoute = (route: Route, f: (run: (typeof floor)[number], i: number) => number) =>
    median((runs[route] ?? []).map(f));
  const results = {
    machine: `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    date: new Date().toISOString(),
    articles: STORE_ARTICLES,
    repetitions: REPETITIONS,
    seconds_per_run: SECONDS,
    connections: CONNECTIONS,
    floor_requests_per_second: round(median(floor.map((r) => r.rps)), 0),
    requests_per_second: Object.fromEntries(
      ROUTES.map((r) => [
        r,
        round(
          perRoute(r, (run) => run.rps),
          0,
        ),
      ]),
    ),
    latency_ms: Object.fromEntries(
      ROUTES.map((r) => [r, { p50: perRoute(r, (run) => run.p50), p99: perRoute(r, (run) => run.p99) }]),
    ),
    ratios: Object.fromEntries(
      ROUTES.map((r) => [r, round(perRoute(r, (run, i) => run.rps / (floor[i]?.rps ?? Number.NaN)))]),
    ),
    cpu_ms_above_floor: Object.fromEntries(
      ROUTES.map((r) => [
        r,
        round(perRoute(r, (run, i) => run.cpuPerRequest - (floor[i]?.cpuPerRequest ?? Number.NaN))),
      ]),
    ),
    kv_reads_per_request: steadyReads,
    kv_reads_first_request: coldReads,
    publish_seconds_10k: round(store.publishSeconds, 1),
    republish_one_kv_writes: store.republishOneKvWrites,
    render_us_50_items: Object.fromEntries(Object.entries(render).map(([f, v]) => [f, round(v.us, 0)])),
    render_ratio_vs_template: Object.fromEntries(Object.entries(render).map(([f, v]) => [f, round(v.ratio, 1)])),
    total_seconds: 0,
  };
  results.total_seconds = round((performance.now() - started) / 1000, 0);
  await writeResults(results);
  printTable(results);
});

async function routeTargets(origin: string, slug: string, tag: string): Promise<Record<Route, Target>> {
  const rssEtag = (await fetch(`${origin}/rss.xml`, { method: "HEAD" })).headers.get("ETag") ?? "";
  return {
    rss_200: { name: "rss_200", path: "/rss.xml" },
    atom_200: { name: "atom_200", path: "/atom.xml" },
    json_200: { name: "json_200", path: "/feed.json" },
    tag_200: { name: "tag_200", path: `/tags/${encodeURIComponent(tag)}/rss.xml` },
    article_200: { name: "article_200", path: `/articles/${slug}` },
    rss_304: { name: "rss_304", path: "/rss.xml", headers: { "If-None-Match": rssEtag } },
  };
}

// KV reads of one request per route, as the Worker counts them in its bench-only X-KV-Reads header.
async function kvReads(origin: string, targets: Record<Route, Target>): Promise<Record<Route, number>> {
  const reads = {} as Record<Route, number>;
  for (const route of ROUTES) {
    const target = targets[route];
    const res = await fetch(`${origin}${target.path}`, { headers: target.headers });
    await res.arrayBuffer();
    const expected = route === "rss_304" ? 304 : 200;
    if (res.status !== expected) throw new Error(`${route}: expected ${expected}, got ${res.status}`);
    reads[route] = Number(res.headers.get("X-KV-Reads"));
  }
  return reads;
}

// Renders the main feed page of 50 synthetic articles, the size a feed carries.
async function renderMicroBenchmark(dir: string) {
  await promisify(execFile)(process.execPath, ["scripts/synthetic-content.ts", "--count", "50", "--out", dir]);
  const loaded = await loadContent(dir, { baseUrl: "http://127.0.0.1" });
  if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
  const { site, articles, authors } = loaded.content;
  const entries = await buildKvEntries(site, articles, authors);
  const page = JSON.parse(entries.find((e) => e.key === "feed:/")?.value ?? "{}") as FeedPage;
  return renderBenchmark(page);
}

async function writeResults(results: { date: string }): Promise<void> {
  const folder = join("bench", "results");
  await mkdir(folder, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  await writeFile(join(folder, "latest.json"), json);
  await writeFile(join(folder, `${results.date.replace(/[:.]/g, "-")}.json`), json);
}

function printTable(r: {
  floor_requests_per_second: number;
  requests_per_second: Record<string, number>;
  latency_ms: Record<string, { p50: number; p99: number }>;
  ratios: Record<string, number>;
  cpu_ms_above_floor: Record<string, number>;
  kv_reads_per_request: Record<string, number>;
  kv_reads_first_request: Record<string, number>;
  publish_seconds_10k: number;
  republish_one_kv_writes: number;
  render_us_50_items: Record<string, number>;
  render_ratio_vs_template: Record<string, number>;
  total_seconds: number;
}): void {
  const rows = [
    "| route | req/s | p50 ms | p99 ms | ratio to floor | CPU ms above floor | KV reads (first) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| healthz (floor) | ${r.floor_requests_per_second} | | | 1 | 0 | 0 |`,
    ...ROUTES.map(
      (route) =>
        `| ${route} | ${r.requests_per_second[route]} | ${r.latency_ms[route]?.p50} | ${r.latency_ms[route]?.p99} | ${r.ratios[route]} | ${r.cpu_ms_above_floor[route]} | ${r.kv_reads_per_request[route]} (${r.kv_reads_first_request[route]}) |`,
    ),
  ];
  console.log(rows.join("\n"));
  console.log(
    `\nrender 50 items: ${Object.entries(r.render_us_50_items)
      .map(([f, us]) => `${f} ${us} µs (${r.render_ratio_vs_template[f]}× template)`)
      .join(", ")}`,
  );
  const misses = [
    ...ROUTES.flatMap((route) => {
      const target = TARGETS[route];
      return target !== undefined && (r.ratios[route] ?? 0) < target
        ? [`${route} ratio ${r.ratios[route]} < ${target}`]
        : [];
    }),
    ...ROUTES.flatMap((route) => {
      const limit = route === "rss_304" ? 0.3 : 1.5;
      return (r.cpu_ms_above_floor[route] ?? 0) > limit
        ? [`${route} CPU ${r.cpu_ms_above_floor[route]} ms > ${limit}`]
        : [];
    }),
    ...ROUTES.flatMap((route) => {
      const limit = route === "rss_304" ? 1 : 2;
      return (r.kv_reads_first_request[route] ?? 0) > limit
        ? [`${route} ${r.kv_reads_first_request[route]} KV reads > ${limit}`]
        : [];
    }),
    ...(r.publish_seconds_10k > 60 ? [`publish ${r.publish_seconds_10k} s > 60`] : []),
    ...(r.republish_one_kv_writes > 20 ? [`republish ${r.republish_one_kv_writes} writes > 20`] : []),
  ];
  console.log(misses.length > 0 ? `\nTargets missed: ${misses.join("; ")}` : "\nAll targets met.");
  console.log(
    `bench: publish 10k ${r.publish_seconds_10k} s, republish-one ${r.republish_one_kv_writes} writes, rss_200 ratio ${r.ratios.rss_200}, rss_304 ratio ${r.ratios.rss_304}, ${misses.length} target(s) missed, ${r.total_seconds} s`,
  );
}
