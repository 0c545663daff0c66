import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * A short plain-text error in Hindi and English. It never echoes anything from the request, so
 * nothing a client sends can be reflected back as markup.
 */
export function plainError(
  c: Context,
  status: ContentfulStatusCode,
  hindi: string,
  english: string,
  headers: Record<string, string> = {},
): Response {
  return c.text(`${hindi}\n${english}\n`, status, {
    "Cache-Control": "no-store",
    "Content-Language": "hi, en",
    ...headers,
  });
}
