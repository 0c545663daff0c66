import { setTimeout as sleep } from "node:timers/promises";

/** A failure talking to the Cloudflare API, worded as one line for the person publishing. */
export class CloudflareApiError extends Error {
  override readonly name = "CloudflareApiError";
}

/** The headers that authenticate a request: a bearer token, or a global API key with its email. */
export type ApiAuth = Readonly<Record<string, string>>;

/** How requests that fail for a passing reason (429, 5xx, the network) are tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The wait before the first retry; it doubles for each later one, plus up to as much again of jitter. */
  baseDelayMs: number;
}

/** One call: method, query, and a body sent as is. */
export interface ApiRequest {
  method?: "GET" | "PUT" | "POST" | "DELETE";
  query?: Readonly<Record<string, string | undefined>>;
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
}

/** What an endpoint answered in Cloudflare's JSON envelope, and the cursor of the next page when there is one. */
export interface ApiResult<T> {
  result: T;
  cursor: string | undefined;
}

/** Cloudflare's REST API (v4) at one base URL, with one set of credentials. */
export interface CloudflareApi {
  /**
   * Calls an endpoint that answers Cloudflare's JSON envelope. `operation` says what the call is
   * for ("list the keys of KV namespace …"), for error messages.
   */
  json<T>(operation: string, path: string, request?: ApiRequest): Promise<ApiResult<T>>;
  /** Calls an endpoint that answers raw bytes (a KV value); `null` when it answers 404. */
  bytes(operation: string, path: string): Promise<Uint8Array | null>;
}

/** Where the API is when `CLOUDFLARE_API_BASE_URL` does not say otherwise (as for wrangler). */
export const DEFAULT_API_BASE_URL = "https://api.cloudflare.com/client/v4";

// A longer Retry-After than this is not waited for: the publish stops and says so.
const MAX_RETRY_AFTER_MS = 60_000;
// A bulk write carries up to 100 MB, so a request may take minutes on a slow uplink.
const REQUEST_TIMEOUT_MS = 5 * 60_000;

/**
 * A client for the API at `baseUrl`. 429 and 5xx answers and network errors are retried with
 * exponential backoff and jitter, waiting at least what `Retry-After` asks; 401 and 403 are not
 * retried. Every failure is a `CloudflareApiError` naming the operation, the status and
 * Cloudflare's own error messages.
 */
export function cloudflareApi(baseUrl: string, auth: ApiAuth, retry: RetryPolicy): CloudflareApi {
  const send = async (operation: string, path: string, request: ApiRequest, missingIsNull: boolean) => {
    const url = new URL(`${baseUrl.replace(/\/+$/, "")}${path}`);
    for (const [name, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, value);
    const init = {
      method: request.method ?? "GET",
      headers: { ...auth, ...(request.contentType && { "Content-Type": request.contentType }) },
      body: request.body,
    };
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).catch(
        (error: unknown) => error as Error,
      );
      let problem: string;
      let wait = 0;
      if (response instanceof Response) {
        if (response.ok || (missingIsNull && response.status === 404)) return response;
        const status = await describeStatus(response);
        if (response.status === 401 || response.status === 403)
          throw new CloudflareApiError(
            `Cloudflare refused the API token (${status}) to ${operation}: ` +
              "check CLOUDFLARE_API_TOKEN or run `npx wrangler login`.",
          );
        wait = retryAfterMs(response.headers.get("Retry-After")) ?? 0;
        problem = `Cloudflare answered ${status}`;
        if (wait > MAX_RETRY_AFTER_MS) problem += ` and asked to wait ${Math.ceil(wait / 1000)} s`;
        if (!(response.status === 429 || response.status >= 500) || wait > MAX_RETRY_AFTER_MS)
          throw new CloudflareApiError(`Could not ${operation}: ${problem}.`);
      } else {
        problem = `the Cloudflare API at ${url.origin} did not answer (${networkReason(response)})`;
      }
      if (attempt >= retry.attempts)
        throw new CloudflareApiError(`Could not ${operation}: ${problem}, after ${attempt} attempts.`);
      await sleep(Math.max(wait, backoffMs(retry, attempt)));
    }
  };

  return {
    async json<T>(operation: string, path: string, request: ApiRequest = {}) {
      const response = await send(operation, path, request, false);
      const envelope = (await response.json().catch(() => undefined)) as Envelope<T> | undefined;
      if (!envelope?.success)
        throw new CloudflareApiError(
          `Could not ${operation}: Cloudflare's answer was not a success (${errorList(envelope)}).`,
        );
      const info = envelope.result_info;
      return { result: envelope.result, cursor: (info?.is_truncated !== false && info?.cursor) || undefined };
    },
    async bytes(operation: string, path: string) {
      const response = await send(operation, path, {}, true);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

/** Cloudflare's JSON answer around every result. */
interface Envelope<T> {
  success: boolean;
  errors?: { code?: number; message?: string }[];
  result: T;
  result_info?: { cursor?: string; is_truncated?: boolean };
}

// "403 Forbidden: Authentication error [10000]", from the status and the envelope's errors when there is one.
async function describeStatus(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  let envelope: Envelope<unknown> | undefined;
  try {
    envelope = JSON.parse(text);
  } catch {}
  const errors = errorList(envelope);
  return `${response.status}${response.statusText ? ` ${response.statusText}` : ""}${errors ? `: ${errors}` : ""}`;
}

function errorList(envelope: Envelope<unknown> | undefined): string {
  return (envelope?.errors ?? [])
    .map(({ code, message }) => `${message ?? "error"}${code === undefined ? "" : ` [${code}]`}`)
    .join("; ");
}

// `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

// "ECONNREFUSED", "TimeoutError", …: what is known of why a request got no answer.
function networkReason(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.name;
}

function backoffMs(retry: RetryPolicy, attempt: number): number {
  const delay = retry.baseDelayMs * 2 ** (attempt - 1);
  return delay + Math.random() * delay;
}
