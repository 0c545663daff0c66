import { cachePolicy } from "./cache-policy.ts";

/**
 * Headers of every HTML response. The Content-Security-Policy allows nothing but our own
 * stylesheet and images: no scripts (the JSON-LD block is data, not script), no frames, no forms.
 */
export function htmlHeaders(language: string): Record<string, string> {
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Language": language,
    "Cache-Control": cachePolicy(false).cacheControl,
    "Content-Security-Policy":
      "default-src 'none'; style-src 'self'; img-src 'self' https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  };
}
