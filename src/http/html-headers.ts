import { cachePolicy } from "./cache-policy.ts";

/**
 * Headers of every HTML response. The Content-Security-Policy allows nothing but our own
 * stylesheet and images: no scripts (the JSON-LD block is data, not script), no frames, no forms.
 * The rest are the document headers of Hono's `secure-headers`, with its values, sent only with
 * documents a browser renders (see `security-headers.ts`).
 */
export function htmlHeaders(language: string): Record<string, string> {
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Language": language,
    "Cache-Control": cachePolicy(false).cacheControl,
    "Content-Security-Policy":
      "default-src 'none'; style-src 'self'; img-src 'self' https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ...DOCUMENT_HEADERS,
  };
}

const DOCUMENT_HEADERS = {
  "Referrer-Policy": "no-referrer",
  "Strict-Transport-Security": "max-age=15552000; includeSubDomains",
  "X-Frame-Options": "SAMEORIGIN",
  "Origin-Agent-Cluster": "?1",
  "X-DNS-Prefetch-Control": "off",
  "X-Download-Options": "noopen",
  "X-Permitted-Cross-Domain-Policies": "none",
  "X-XSS-Protection": "0",
};
