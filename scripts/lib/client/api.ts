import { setTimeout as sleep } from "node:timers/promises";

/** One request to the ingest API: a JSON `json` body or raw `bytes`, and `what` it carries, for messages. */
export interface ApiRequest {
  method?: "GET" | "PUT" | "POST" | "DELETE";
  json?: unknown;
  bytes?: Uint8Array<ArrayBuffer>;
  type?: string;
  what?: string;
}

/** The ingest API of one service, as the publish command calls it. */
export interface Api {
  /** Where it answers: `http://127.0.0.1:8787`. */
  readonly origin: string;
  /** Sends a request to a path under `/api/v1` and answers its parsed JSON (`null` for an empty answer). */
  call<T>(path: string, request?: ApiRequest): Promise<T>;
  /** How many requests other than GET have succeeded: the changes this client made (see `WriterStatus.revision`). */
  readonly writes: number;
}

/** Problems the service found in what was sent (a 422 or 409), one line each, JSON paths included. */
export class ApiProblems extends Error {
  override name = "ApiProblems";
  readonly lines: readonly string[];

  constructor(request: string, lines: readonly string[]) {
    super(`${request} was refused:\n${lines.join("\n")}`);
    this.lines = lines.map((line) => `${request}: ${line}`);
  }
}

/** Nothing answers at the service's address: no `wrangler dev` running, or a wrong URL. */
export class Unreachable extends Error {
  override name = "Unreachable";
}

// How a request that failed on the way is tried again: attempts in all, and the first wait, doubled each time.
const RETRY = { attempts: 5, delayMs: 200 };
// Answers that say "try again": too many requests, and a gateway or service that failed on the way.
const TRANSIENT = new Set([429, 502, 503, 504]);

/**
 * The ingest API at `origin`, with a publish `token`. Every request the command sends is
 * idempotent (a PUT, a DELETE, a batch that puts articles as they are), so one that gets no
 * answer (a dropped or refused connection) or a transient status (429, 502, 503, 504) is sent
 * again a few times with a backoff, a `Retry-After` honoured. Each goes on a connection of its
 * own: wrangler's runtime closes one idle for 5 s, and a client busy longer between two requests
 * would otherwise write into a closed socket. A final failure names the request and its cause:
 * `POST /api/v1/articles (500 articles): other side closed (UND_ERR_SOCKET), after 5 attempts`. A
 * redirect is never followed: the token goes to `origin` and nowhere else.
 */
export function apiClient(origin: string, token: string): Api {
  const retry = RETRY;
  let writes = 0;
  return {
    origin,
    get writes() {
      return writes;
    },
    async call<T>(path: string, { method = "GET", json, bytes, type, what }: ApiRequest = {}): Promise<T> {
      const request = `${method} /api/v1${path}${what ? ` (${what})` : ""}`;
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Connection: "close" };
      const body = json === undefined ? bytes : JSON.stringify(json);
      if (json !== undefined) headers["Content-Type"] = "application/json";
      else if (type) headers["Content-Type"] = type;
      for (let attempt = 1; ; attempt++) {
        const init: RequestInit = { method, headers, redirect: "error", ...(body && { body }) };
        const res = await answered(fetch(`${origin}/api/v1${path}`, init));
        const last = attempt >= retry.attempts;
        if (res instanceof Response) {
          if (res.ok) {
            if (method !== "GET") writes++;
            return (res.status === 204 ? null : JSON.parse(await res.text())) as T;
          }
          if (!TRANSIENT.has(res.status) || last) throw await refused(request, res, origin);
          await res.body?.cancel();
          await sleep(retryAfterMs(res) ?? retry.delayMs * 2 ** (attempt - 1));
          continue;
        }
        if (last) {
          const cause = networkCause(res);
          const error = `${request}: ${cause}, after ${attempt} attempts`;
          throw /ECONNREFUSED/.test(cause) ? new Unreachable(error, { cause: res }) : new Error(error, { cause: res });
        }
        await sleep(retry.delayMs * 2 ** (attempt - 1));
      }
    },
  };
}

/** Every entry of a paged listing of the service (`/articles`, `/media`), in name order. */
export async function listAll<T extends { slug: string } | { name: string }>(
  api: Api,
  path: string,
  field: string,
): Promise<T[]> {
  const all: T[] = [];
  for (let after = ""; ; ) {
    const page = (await api.call<Record<string, T[]>>(`${path}?after=${encodeURIComponent(after)}`))[field] ?? [];
    all.push(...page);
    const last = page.at(-1);
    if (!last) return all;
    after = "slug" in last ? last.slug : last.name;
  }
}

// The response with its body read (a connection dropped while the body comes counts as no answer),
// or the network error.
async function answered(sent: Promise<Response>): Promise<Response | Error> {
  try {
    const res = await sent;
    return new Response(res.status === 204 ? null : await res.arrayBuffer(), res);
  } catch (error) {
    return error as Error;
  }
}

// The error for an answer that is not a success: the problems of a 409 or 422, else the status and what the service said.
async function refused(request: string, res: Response, origin: string): Promise<Error> {
  const text = await res.text();
  let problems: string[] = [];
  try {
    const parsed = JSON.parse(text) as { problems?: unknown };
    if (Array.isArray(parsed.problems)) problems = parsed.problems.map(String);
  } catch {}
  if (res.status === 401) {
    return new Error(
      `${origin} refused the publish token (401). Locally the token is PUBLISH_TOKEN in .dev.vars, which \`npm start\` ` +
        "makes; for a deployed Worker set PUBLISH_TOKEN to a token it holds as a secret (`wrangler secret put PUBLISH_TOKEN`).",
    );
  }
  if ((res.status === 422 || res.status === 409) && problems.length > 0) return new ApiProblems(request, problems);
  const said = problems.length > 0 ? problems.join("; ") : text.slice(0, 300).replace(/\s+/g, " ").trim();
  return new Error(`${request} answered ${res.status}${said ? `: ${said}` : ""}`);
}

function retryAfterMs(res: Response): number | undefined {
  const seconds = Number(res.headers.get("Retry-After"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 30) * 1000 : undefined;
}

// "other side closed (UND_ERR_SOCKET)": the cause fetch gives beneath its "fetch failed".
function networkCause(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = cause?.message || error.message;
  return cause?.code && !message.includes(cause.code) ? `${message} (${cause.code})` : message;
}
