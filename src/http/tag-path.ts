import type { MiddlewareHandler } from "hono";
import { parseTagSegment } from "../content/tags.ts";
import { REDIRECT_CACHE_CONTROL } from "./aliases.ts";
import { notFound } from "./errors.ts";

/**
 * For `/tags/{tag}/…`: answers 301 to the canonical spelling of the tag segment (NFC,
 * upper-case percent-encoding) when the request used another, so every tag has one URL.
 */
export function canonicalTagPath(): MiddlewareHandler {
  return async function canonicalTagPath(c, next) {
    const raw = rawFolderSegment(c.req.url);
    const parsed = parseTagSegment(raw);
    if (!parsed) return notFound(c);
    if (parsed.canonical !== raw) {
      const rest = new URL(c.req.url).pathname.split("/").slice(3);
      c.header("Cache-Control", REDIRECT_CACHE_CONTROL);
      return c.redirect(["", "tags", parsed.canonical, ...rest].join("/"), 301);
    }
    await next();
  };
}

/**
 * The still percent-encoded second segment of a `/tags/{tag}/…`, `/authors/{key}/…` or
 * `/sections/{key}/…` URL: the KV layout keys tags by it.
 */
export function rawFolderSegment(url: string): string {
  return new URL(url).pathname.split("/")[2] ?? "";
}
