import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";

/** How deeply a request's JSON may nest: an article with its image is 3 levels, a batch of them 5. */
export const MAX_JSON_DEPTH = 16;

/**
 * The request's body as JSON, read within `maxBytes`: 413 when larger (by `Content-Length` or by
 * what arrives), 400 when it is not UTF-8, nests deeper than `MAX_JSON_DEPTH` (checked before
 * parsing, so no input can exhaust the parser's stack) or is not JSON.
 */
export async function jsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const bytes = await bodyBytes(c.req.raw, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw refusal(400, "the body is not valid UTF-8");
  }
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) throw refusal(400, `the JSON nests ${depth} levels deep; at most ${MAX_JSON_DEPTH}`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw refusal(400, `the body is not JSON (${(error as Error).message})`);
  }
}

/** The request's body as bytes, within `maxBytes` (413 otherwise). */
export async function bodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** The deepest nesting of arrays and objects in JSON text, counted outside strings. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return deepest;
}

/** An API refusal: the status and the problems, as the API answers them. */
export function refusal(status: 400 | 409 | 413 | 422 | 503, ...problems: string[]): HTTPException {
  return new HTTPException(status, {
    res: new Response(JSON.stringify({ error: statusWord(status), problems }, null, 2), {
      status,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "no-store",
        ...(status === 503 ? { "Retry-After": "2" } : {}),
      },
    }),
  });
}

function tooLarge(maxBytes: number): HTTPException {
  return refusal(413, `the body is larger than ${maxBytes} bytes`);
}

function statusWord(status: number): string {
  const words: Record<number, string> = {
    400: "bad request",
    409: "conflict",
    413: "too large",
    422: "invalid content",
    503: "unavailable",
  };
  return words[status] ?? "error";
}
