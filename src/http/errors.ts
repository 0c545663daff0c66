import type { Context } from "hono";
import { ContentUnavailable } from "../kv/read.ts";
import type { AppEnv } from "./app-env.ts";
import { plainError } from "./plain-error.ts";

// Seconds a client should wait before retrying when content is unavailable.
const RETRY_AFTER_SECONDS = 60;

/**
 * Answers an exception without leaking internals: content missing or corrupt in KV (or a KV read
 * that failed) gives 503 with `Retry-After`, and the other URLs keep working; anything else is a
 * bug and gives 500. Either way the log line and the response carry the same request id.
 */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  const id = c.get("requestId");
  const where = `${c.req.method} ${new URL(c.req.url).pathname}`;
  if (error instanceof ContentUnavailable) {
    console.error(`[${id}] 503 ${where}: ${error.message}`);
    return plainError(
      c,
      503,
      "सामग्री अभी उपलब्ध नहीं है, कृपया थोड़ी देर बाद फिर कोशिश करें।",
      `Content is temporarily unavailable; please retry later. Request id: ${id}`,
      { "Retry-After": String(RETRY_AFTER_SECONDS) },
    );
  }
  console.error(`[${id}] 500 ${where}:`, error);
  return plainError(c, 500, "सर्वर में आंतरिक त्रुटि हुई।", `Internal error. Request id: ${id}`);
}

/** 404 for unknown paths, pointing to the feeds. */
export function notFound(c: Context): Response {
  return plainError(
    c,
    404,
    "यह पता मौजूद नहीं है। फ़ीड यहाँ हैं: /rss.xml (RSS), /atom.xml (Atom), /feed.json (JSON Feed)।",
    "Not found. The feeds are at /rss.xml (RSS 2.0), /atom.xml (Atom 1.0) and /feed.json (JSON Feed 1.1).",
  );
}

/** 406 for a client that refuses both content codings a document is served in, gzip and identity. */
export function notAcceptable(c: Context): Response {
  return plainError(
    c,
    406,
    "यह दस्तावेज़ केवल gzip में या बिना संपीड़न (identity) के मिलता है।",
    "Not acceptable: this document is served only as gzip or without a content coding (identity).",
    { Vary: "Accept-Encoding" },
  );
}

/** 405 for a known path asked with a method it does not support. */
export function methodNotAllowedResponse(c: Context, methods: string[]): Response {
  const allow = [...methods, "OPTIONS"].join(", ");
  return plainError(c, 405, `यह तरीका यहाँ स्वीकार्य नहीं है (${allow})।`, `Method not allowed. Allow: ${allow}`, {
    Allow: allow,
  });
}
