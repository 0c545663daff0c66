import { setTimeout as sleep } from "node:timers/promises";

/** One request to the local writer: `what` it carries ("256 entries"), for error messages. */
export interface LocalRequest extends RequestInit {
  what?: string;
}

/** Sends a request to the local writer at a path, and answers its response (a 404 included). */
export type LocalSend = (path: string, request?: LocalRequest) => Promise<Response>;

/** How a request that got no answer is tried again: attempts in all, and the first wait, doubled each time. */
export interface LocalRetry {
  attempts: number;
  delayMs: number;
}

const RETRY: LocalRetry = { attempts: 4, delayMs: 100 };

/**
 * Requests to the local writer at `origin`. Each one is idempotent, so one that gets no answer (a
 * dropped connection, a refused one) is sent again a few times with a short backoff. Each goes on
 * a connection of its own: the runtime closes a connection idle for 5 s, and a publisher busy for
 * longer between two requests would otherwise write its next one into a closed socket. A final
 * failure names the request and its cause: `local storage: POST /kv/put (256 entries): other side
 * closed (UND_ERR_SOCKET), after 4 attempts`.
 */
export function localRequests(origin: string, retry: LocalRetry = RETRY): LocalSend {
  return async (path, { what, ...init } = {}) => {
    const request = `local storage: ${init.method ?? "GET"} ${path}${what ? ` (${what})` : ""}`;
    const headers = new Headers(init.headers);
    headers.set("Connection", "close");
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${origin}${path}`, { ...init, headers }).catch((error: Error) => error);
      if (res instanceof Response) {
        if (!res.ok && res.status !== 404) throw new Error(`${request} answered ${res.status}`);
        return res;
      }
      if (attempt >= retry.attempts)
        throw new Error(`${request}: ${networkCause(res)}, after ${attempt} attempts`, { cause: res });
      await sleep(retry.delayMs * 2 ** (attempt - 1));
    }
  };
}

// "other side closed (UND_ERR_SOCKET)": the cause fetch gives beneath its "fetch failed".
function networkCause(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = cause?.message || error.message;
  return cause?.code && !message.includes(cause.code) ? `${message} (${cause.code})` : message;
}
