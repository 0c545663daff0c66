import type { Context } from "hono";
import { ContentUnavailable } from "../kv/read.ts";

/** Seconds a client should wait before retrying when content is unavailable. */
const RETRY_AFTER_SECONDS = 60;

/**
 * Answers an exception without leaking internals: content that is missing or corrupt in KV gives
 * 503 with `Retry-After` (other URLs keep working); anything else 500 with a request id that
 * also appears in the log line.
 */
export function handleError(error: Error, c: Context): Response {
  const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
  const path = new URL(c.req.url).pathname;
  if (error instanceof ContentUnavailable) {
    console.error(`[${requestId}] 503 ${c.req.method} ${path}: ${error.message}`);
    return c.text("सामग्री अभी उपलब्ध नहीं है। / Content is temporarily unavailable.\n", 503, {
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    });
  }
  console.error(`[${requestId}] 500 ${c.req.method} ${path}:`, error);
  return c.text(`आंतरिक त्रुटि। / Internal error. Request id: ${requestId}\n`, 500, { "Cache-Control": "no-store" });
}
