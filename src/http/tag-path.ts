import type { MiddlewareHandler } from "hono";
import { parseTagSegment } from "../content/tags.ts";
import { notFound } from "./errors.ts";

/**
 * For `/tags/{tag}/…`: answers 301 to the canonical spelling of the tag segment (NFC,
 * upper-case percent-encoding) when the request used another, so every tag has one URL.
 */
export function canonicalTagPath(): MiddlewareHandler {
  return async function canonicalTagPath(c, next) {
    const url = new URL(c.req.url);
    const [, , raw = "", ...rest] = url.pathname.split("/");
    const parsed = parseTagSegment(raw);
    if (!parsed) return notFound(c);
    if (parsed.canonical !== raw) {
      c.header("Cache-Control", "public, max-age=86400");
      return c.redirect(["", "tags", parsed.canonical, ...rest].join("/"), 301);
    }
    await next();
  };
}
