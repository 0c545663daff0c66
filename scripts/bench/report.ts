/** Anchor runs: the bench-only Workers, with and without `Accept-Encoding: gzip`. */
export const ANCHORS = ["hello", "hello_gzip", "static", "static_gzip"] as const;
export type Anchor = (typeof ANCHORS)[number];

/** Patrika's measured routes besides `/healthz` (the floor); `_gzip` ones ask for gzip. */
export const ROUTES = [
  "rss_200",
  "rss_200_gzip",
  "atom_200",
  "atom_200_gzip",
  "json_200",
  "json_200_gzip",
  "tag_200",
  "tag_200_gzip",
  "article_200",
  "rss_304",
] as const;
export type Route = (typeof ROUTES)[number];

/** Feed routes: each is compared with the static file in the same coding. */
export const FEED_ROUTES = ROUTES.filter((r) => r !== "article_200" && r !== "rss_304");

/** What `npm run bench` writes to `bench/results/latest.json`. */
export interface Results {
  machine: string;
  date: string;
  articles: number;
  repetitions: number;
  seconds_per_run: number;
  connections: number;
  floor_requests_per_second: number;
  requests_per_second: Record<Route, number>;
  latency_ms: Record<Route | Anchor, { p50: number; p99: number }>;
  ratios: Record<Route, number>;
  anchors_rps: Record<Anchor, number>;
  ratios_vs_static: Record<string, number>;
  ratios_vs_hello: { healthz: number; rss_304: number };
  cpu_ms_above_floor: Record<Route, number>;
  kv_reads_per_request: Record<Route, number>;
  kv_reads_first_request: Record<Route, number>;
  rss_bytes: { identity: number; gzip: number };
  publish_seconds_10k: number;
  /** The publish command's own processes (it and its Markdown sandbox). */
  publish_peak_rss_mb: number;
  /** Each client process's own peak added up, whenever it came: an upper bound of `publish_peak_rss_mb`. */
  publish_peak_rss_bound_mb: number;
  /** The service's workerd (Worker, writer, local KV and R2) it published into, from its start. */
  publish_local_runtime_peak_rss_mb: number;
  /** One changed article, from command start to every page it touches current. */
  republish_one_seconds: number;
  republish_one_kv_writes: number;
  republish_unchanged_seconds: number;
  republish_unchanged_kv_writes: number;
  render_us_50_items: Record<string, number>;
  render_ratio_vs_template: Record<string, number>;
  targets_missed: string[];
  total_seconds: number;
}

// The issue's targets; each is checked on every run and reported when missed.
const VS_STATIC: Partial<Record<Route, number>> = { rss_200: 0.7, rss_200_gzip: 1.5, tag_200_gzip: 1.5 };
const VS_HELLO = { healthz: 0.95, rss_304: 0.9 };
const CPU_MS = { ok: 1.5, notModified: 0.3 };
const KV_READS = { ok: 2, notModified: 1 };
const PUBLISH_SECONDS = 30;
const PUBLISH_PEAK_MB = 1024;
const REPUBLISH_UNCHANGED_SECONDS = 5;
const REPUBLISH_ONE_WRITES = 20;

/** Every target the results miss, in words. */
export function targetsMissed(r: Omit<Results, "targets_missed" | "total_seconds">): string[] {
  const below = (name: string, value: number | undefined, target: number) =>
    value === undefined || !(value >= target) ? [`${name} ${value} < ${target}`] : [];
  const above = (name: string, value: number | undefined, limit: number) =>
    value === undefined || !(value <= limit) ? [`${name} ${value} > ${limit}`] : [];
  return [
    ...Object.entries(VS_STATIC).flatMap(([route, t]) => below(`${route} vs static`, r.ratios_vs_static[route], t)),
    ...Object.entries(VS_HELLO).flatMap(([name, t]) =>
      below(`${name} vs hello`, r.ratios_vs_hello[name as keyof typeof VS_HELLO], t),
    ),
    ...ROUTES.flatMap((route) => {
      const limits =
        route === "rss_304"
          ? { cpu: CPU_MS.notModified, kv: KV_READS.notModified }
          : { cpu: CPU_MS.ok, kv: KV_READS.ok };
      return [
        ...above(`${route} CPU ms above floor`, r.cpu_ms_above_floor[route], limits.cpu),
        ...above(`${route} KV reads`, r.kv_reads_first_request[route], limits.kv),
      ];
    }),
    ...above("publish s", r.publish_seconds_10k, PUBLISH_SECONDS),
    ...above("publish peak MB", r.publish_peak_rss_mb, PUBLISH_PEAK_MB),
    ...above("republish unchanged s", r.republish_unchanged_seconds, REPUBLISH_UNCHANGED_SECONDS),
    ...above("republish unchanged writes", r.republish_unchanged_kv_writes, 0),
    ...above("republish one writes", r.republish_one_kv_writes, REPUBLISH_ONE_WRITES),
  ];
}

/** Prints the results as a Markdown table and one summary line. */
export function printReport(r: Results): void {
  const anchorFor = (route: Route) => (route.endsWith("_gzip") ? "static_gzip" : "static");
  const rows = [
    "| run | req/s | p50 ms | p99 ms | × hello | × static file (same coding) | CPU ms above floor | KV reads steady (first) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...ANCHORS.map(
      (a) => `| ${a} (anchor) | ${r.anchors_rps[a]} | ${r.latency_ms[a].p50} | ${r.latency_ms[a].p99} | | | | |`,
    ),
    `| healthz (floor) | ${r.floor_requests_per_second} | | | ${r.ratios_vs_hello.healthz} | | 0 | 0 |`,
    ...ROUTES.map((route) => {
      const vsHello = route === "rss_304" ? r.ratios_vs_hello.rss_304 : "";
      const vsStatic = r.ratios_vs_static[route] ?? "";
      return `| ${route} | ${r.requests_per_second[route]} | ${r.latency_ms[route].p50} | ${r.latency_ms[route].p99} | ${vsHello} | ${vsStatic}${vsStatic === "" ? "" : ` (${anchorFor(route)})`} | ${r.cpu_ms_above_floor[route]} | ${r.kv_reads_per_request[route]} (${r.kv_reads_first_request[route]}) |`;
    }),
  ];
  console.log(rows.join("\n"));
  console.log(
    `\n/rss.xml is ${r.rss_bytes.identity} bytes, ${r.rss_bytes.gzip} gzipped. ` +
      `Publish: ${r.publish_seconds_10k} s, client peak ${r.publish_peak_rss_mb} MB (service ${r.publish_local_runtime_peak_rss_mb} MB); republish one change ${r.republish_one_seconds} s, ${r.republish_one_kv_writes} writes; ` +
      `republish unchanged ${r.republish_unchanged_seconds} s (${r.republish_unchanged_kv_writes} writes).`,
  );
  console.log(
    `render 50 items: ${Object.entries(r.render_us_50_items)
      .map(([f, us]) => `${f} ${us} µs (${r.render_ratio_vs_template[f]}× template)`)
      .join(", ")}`,
  );
  const missed = r.targets_missed;
  console.log(missed.length > 0 ? `\nTargets missed: ${missed.join("; ")}` : "\nAll targets met.");
  console.log(
    `bench: rss_200_gzip ${r.ratios_vs_static.rss_200_gzip}× static gzip, rss_200 ${r.ratios_vs_static.rss_200}× static, ` +
      `healthz ${r.ratios_vs_hello.healthz}× hello, rss_304 ${r.ratios_vs_hello.rss_304}× hello, ` +
      `publish 10k ${r.publish_seconds_10k} s, ${missed.length} target(s) missed, ${r.total_seconds} s`,
  );
}
