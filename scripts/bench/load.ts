import autocannon from "autocannon";

/** One request the load generator repeats. */
export interface Target {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

/** What one load run measured. */
export interface LoadResult {
  requests: number;
  /** How long the run actually lasted. */
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Transport errors and timeouts. */
  errors: number;
  /** Responses by status class: `2xx`, `3xx`, `4xx`, `5xx`. */
  statuses: Record<"2xx" | "3xx" | "4xx" | "5xx", number>;
}

/**
 * Loads one or more targets (round robin) on loopback for a fixed duration, with a bounded
 * number of requests, and reports throughput, latency percentiles and failures.
 */
export async function load(
  origin: string,
  targets: Target[],
  options: { seconds: number; connections: number; maxRequests: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url: origin,
    connections: options.connections,
    duration: options.seconds,
    maxOverallRequests: options.maxRequests,
    requests: targets.map((t) => ({ method: "GET", path: t.path, headers: t.headers ?? {} })),
  });
  const statuses = { "2xx": result["2xx"], "3xx": result["3xx"], "4xx": result["4xx"], "5xx": result["5xx"] };
  return {
    requests: statuses["2xx"] + statuses["3xx"] + statuses["4xx"] + statuses["5xx"],
    seconds: result.duration,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    statuses,
  };
}
