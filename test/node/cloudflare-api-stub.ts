import { createHash } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

// Cloudflare's documented limits, as the real API enforces them.
const LIST_MAX_KEYS = 1000;
const LIST_MIN_KEYS = 10;
const BULK_MAX_PAIRS = 10_000;
const BULK_MAX_BYTES = 100_000_000;
const KEY_MAX_BYTES = 512;
const VALUE_MAX_BYTES = 25 * 1024 * 1024;
const METADATA_MAX_BYTES = 1024;
const R2_LIST_MAX_OBJECTS = 1000;

/** A stored KV value and its metadata. */
export interface StubKvValue {
  value: string;
  metadata: unknown;
}

/** A stored R2 object. */
export interface StubR2Object {
  body: Buffer;
  contentType: string | undefined;
}

/** One request the stub received, and how it answered. */
export interface StubRequest {
  method: string;
  /** The path below the API base, e.g. `/accounts/…/storage/kv/namespaces/…/bulk`. */
  path: string;
  query: URLSearchParams;
  /** Bytes of the request body. */
  bytes: number;
  /** Pairs (bulk write) or keys (bulk delete) in the body, when it is a bulk request. */
  pairs: number | undefined;
  status: number;
}

/** A failure the stub answers instead of doing the work. */
export interface PlannedFailure {
  status: number;
  /** How many matching requests to fail (default 1). */
  times?: number;
  /** Matching requests to let through first (default 0). */
  skip?: number;
  /** `Retry-After` seconds to send. */
  retryAfter?: number;
  /** Which requests it applies to (default: all). */
  match?: (method: string, path: string) => boolean;
}

/** The stand-in: its base URL and credentials, its state, what it received, and its failure switches. */
export interface CloudflareStub {
  /** Use as `CLOUDFLARE_API_BASE_URL`. */
  url: string;
  token: string;
  accountId: string;
  /** The keys of a namespace, created empty on first use; other namespaces answer 404. */
  kv(namespaceId: string): Map<string, StubKvValue>;
  /** The objects of a bucket, created empty on first use; other buckets answer 404. */
  bucket(name: string): Map<string, StubR2Object>;
  requests: StubRequest[];
  /** Answers the next matching requests with this failure, without doing their work. */
  fail(failure: PlannedFailure): void;
  /** Answers every request with 401 or 403 while set. */
  refuse: 401 | 403 | undefined;
  /** Keys that bulk writes answer as unsuccessful (without writing them), and how many more times. */
  unsuccessful: Map<string, number>;
  close(): Promise<void>;
}

/** Options for the accounts the credentials can see. */
export interface StubOptions {
  /** Accounts `GET /accounts` lists (default: one, the stub's account). */
  accounts?: { id: string; name: string }[];
}

/**
 * A local stand-in for the Cloudflare REST API (v4) on 127.0.0.1, over in-memory state: KV list
 * keys, read a value, bulk write and bulk delete; R2 list, put and delete objects; and the account
 * list. It checks the bearer token and the account, and answers requests beyond Cloudflare's
 * limits with errors as the real API does.
 */
export async function startCloudflareStub(options: StubOptions = {}): Promise<CloudflareStub> {
  const namespaces = new Map<string, Map<string, StubKvValue>>();
  const buckets = new Map<string, Map<string, StubR2Object>>();
  const failures: (PlannedFailure & { times: number; skip: number })[] = [];
  const stub: CloudflareStub = {
    url: "",
    token: "fake-token-for-tests",
    accountId: "0123456789abcdef0123456789abcdef",
    kv: (id) => getOrCreate(namespaces, id),
    bucket: (name) => getOrCreate(buckets, name),
    requests: [],
    fail: (failure) => failures.push({ ...failure, times: failure.times ?? 1, skip: failure.skip ?? 0 }),
    refuse: undefined,
    unsuccessful: new Map(),
    close: async () => {},
  };
  const accounts = options.accounts ?? [{ id: stub.accountId, name: "Patrika test account" }];

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://stub");
    const path = url.pathname.replace(/^\/client\/v4/, "");
    const method = req.method ?? "GET";
    const record: StubRequest = {
      method,
      path,
      query: url.searchParams,
      bytes: body.length,
      pairs: undefined,
      status: 0,
    };
    stub.requests.push(record);
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
      res.writeHead(status, {
        "Content-Type": Buffer.isBuffer(payload) ? "application/octet-stream" : "application/json",
        ...headers,
      });
      res.end(bytes);
    };
    const planned = failures.find((f) => f.times > 0 && (f.match?.(method, path) ?? true));
    if (planned && planned.skip > 0) planned.skip--;
    else if (planned) {
      planned.times--;
      const headers: Record<string, string> =
        planned.retryAfter === undefined ? {} : { "Retry-After": String(planned.retryAfter) };
      const message =
        planned.status === 429 ? "Please wait and consider throttling your request speed" : "Internal error";
      return answer(planned.status, failure(planned.status === 429 ? 971 : 10_001, message), headers);
    }
    if (stub.refuse) return answer(stub.refuse, failure(10_000, "Authentication error"));
    if (req.headers.authorization !== `Bearer ${stub.token}`) return answer(401, failure(1000, "Invalid API Token"));
    if (method === "GET" && path === "/accounts") return answer(200, success(accounts, { count: accounts.length }));

    const route = /^\/accounts\/([^/]+)\/(storage\/kv\/namespaces|r2\/buckets)\/([^/]+)\/(.*)$/.exec(path);
    if (!route) return answer(404, failure(7003, "Could not route to this path"));
    const [, account, kind, resource = "", rest = ""] = route;
    if (account !== stub.accountId) return answer(403, failure(10_000, "Authentication error"));
    const reply =
      kind === "r2/buckets"
        ? r2(
            buckets.get(decodeURIComponent(resource)),
            method,
            rest,
            url.searchParams,
            body,
            req.headers["content-type"],
          )
        : kv(namespaces.get(resource), method, rest, url.searchParams, body, stub.unsuccessful, record);
    return answer(reply.status, reply.payload);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
  stub.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}

interface Reply {
  status: number;
  payload: unknown;
}

function kv(
  namespace: Map<string, StubKvValue> | undefined,
  method: string,
  rest: string,
  query: URLSearchParams,
  body: Buffer,
  unsuccessful: Map<string, number>,
  record: StubRequest,
): Reply {
  if (!namespace) return { status: 404, payload: failure(10_013, "namespace not found") };
  if (method === "GET" && rest === "keys") {
    const limit = Number(query.get("limit") ?? LIST_MAX_KEYS);
    if (!Number.isInteger(limit) || limit < LIST_MIN_KEYS || limit > LIST_MAX_KEYS)
      return {
        status: 400,
        payload: failure(10_026, `invalid limit: must be between ${LIST_MIN_KEYS} and ${LIST_MAX_KEYS}`),
      };
    const names = [...namespace.keys()].sort();
    const start = query.get("cursor") ? Number(Buffer.from(query.get("cursor") ?? "", "base64url").toString()) : 0;
    if (!Number.isInteger(start) || start < 0) return { status: 400, payload: failure(10_021, "invalid cursor") };
    const page = names.slice(start, start + limit).map((name) => ({ name, metadata: namespace.get(name)?.metadata }));
    const next = start + limit < names.length ? Buffer.from(String(start + limit)).toString("base64url") : "";
    return { status: 200, payload: success(page, { count: page.length, cursor: next }) };
  }
  if (method === "GET" && rest.startsWith("values/")) {
    const stored = namespace.get(decodeURIComponent(rest.slice("values/".length)));
    if (!stored) return { status: 404, payload: failure(10_009, "get: 'key not found'") };
    return { status: 200, payload: Buffer.from(stored.value) };
  }
  if (method === "PUT" && rest === "bulk") {
    if (body.length > BULK_MAX_BYTES) return { status: 413, payload: failure(10_011, "Request entity too large") };
    const pairs = parseJson(body);
    if (!Array.isArray(pairs)) return { status: 400, payload: failure(10_002, "body must be an array of pairs") };
    record.pairs = pairs.length;
    if (pairs.length > BULK_MAX_PAIRS)
      return {
        status: 400,
        payload: failure(
          10_012,
          `received ${pairs.length} key/value pairs, but max allowed per request is: ${BULK_MAX_PAIRS}`,
        ),
      };
    for (const pair of pairs) {
      const problem = pairProblem(pair);
      if (problem) return { status: 400, payload: failure(10_002, problem) };
    }
    const refused = pairs.map((p) => p.key as string).filter((key) => (unsuccessful.get(key) ?? 0) > 0);
    for (const key of refused) unsuccessful.set(key, (unsuccessful.get(key) ?? 0) - 1);
    for (const { key, value, metadata } of pairs) if (!refused.includes(key)) namespace.set(key, { value, metadata });
    return {
      status: 200,
      payload: success({ successful_key_count: pairs.length - refused.length, unsuccessful_keys: refused }),
    };
  }
  if (method === "POST" && rest === "bulk/delete") {
    const keys = parseJson(body);
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === "string"))
      return { status: 400, payload: failure(10_002, "body must be an array of key names") };
    record.pairs = keys.length;
    if (keys.length > BULK_MAX_PAIRS)
      return {
        status: 400,
        payload: failure(10_012, `received ${keys.length} keys, but max allowed per request is: ${BULK_MAX_PAIRS}`),
      };
    for (const key of keys) namespace.delete(key);
    return { status: 200, payload: success({ successful_key_count: keys.length, unsuccessful_keys: [] }) };
  }
  return { status: 405, payload: failure(10_000, `${method} ${rest} is not supported`) };
}

function r2(
  bucket: Map<string, StubR2Object> | undefined,
  method: string,
  rest: string,
  query: URLSearchParams,
  body: Buffer,
  contentType: string | undefined,
): Reply {
  if (!bucket) return { status: 404, payload: failure(10_006, "The specified bucket does not exist.") };
  if (method === "GET" && rest === "objects") {
    const perPage = Number(query.get("per_page") ?? R2_LIST_MAX_OBJECTS);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > R2_LIST_MAX_OBJECTS)
      return { status: 400, payload: failure(10_040, `per_page must be between 1 and ${R2_LIST_MAX_OBJECTS}`) };
    const keys = [...bucket.keys()].sort();
    const after = query.get("cursor") ? Buffer.from(query.get("cursor") ?? "", "base64url").toString() : undefined;
    const start = after === undefined ? 0 : keys.findIndex((key) => key > after);
    const page = (start < 0 ? [] : keys.slice(start, start + perPage)).map((key) => describe(key, bucket.get(key)));
    const truncated = start >= 0 && start + perPage < keys.length;
    const cursor = truncated ? Buffer.from(page.at(-1)?.key ?? "").toString("base64url") : "";
    return { status: 200, payload: success(page, { cursor, is_truncated: truncated, per_page: perPage }) };
  }
  if (!rest.startsWith("objects/")) return { status: 404, payload: failure(10_006, "not found") };
  const key = rest.slice("objects/".length).split("/").map(decodeURIComponent).join("/");
  if (method === "PUT") {
    bucket.set(key, { body, contentType });
    return { status: 200, payload: success(describe(key, bucket.get(key))) };
  }
  if (method === "DELETE") {
    bucket.delete(key);
    return { status: 200, payload: success({ key }) };
  }
  return { status: 405, payload: failure(10_000, `${method} is not supported on an object`) };
}

function describe(key: string, object: StubR2Object | undefined) {
  const body = object?.body ?? Buffer.alloc(0);
  return {
    key,
    size: body.length,
    etag: createHash("md5").update(body).digest("hex"),
    http_metadata: { contentType: object?.contentType },
  };
}

// Why Cloudflare would refuse this pair, or undefined when it would take it.
function pairProblem(pair: unknown): string | undefined {
  const { key, value, metadata } = (pair ?? {}) as { key?: unknown; value?: unknown; metadata?: unknown };
  if (typeof key !== "string" || key === "" || key === "." || key === "..") return "a pair needs a valid key";
  if (Buffer.byteLength(key) > KEY_MAX_BYTES) return `key ${key} is longer than ${KEY_MAX_BYTES} bytes`;
  if (typeof value !== "string") return `the value of ${key} must be a string`;
  if (Buffer.byteLength(value) > VALUE_MAX_BYTES) return `the value of ${key} is larger than 25 MiB`;
  if (metadata !== undefined && Buffer.byteLength(JSON.stringify(metadata)) > METADATA_MAX_BYTES)
    return `the metadata of ${key} is larger than ${METADATA_MAX_BYTES} bytes`;
  return undefined;
}

function success(result: unknown, resultInfo?: object) {
  return { success: true, errors: [], messages: [], result, ...(resultInfo && { result_info: resultInfo }) };
}

function failure(code: number, message: string) {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}

function getOrCreate<T>(map: Map<string, Map<string, T>>, name: string): Map<string, T> {
  const existing = map.get(name);
  if (existing) return existing;
  const created = new Map<string, T>();
  map.set(name, created);
  return created;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
