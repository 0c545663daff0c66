import { cachePolicy } from "./cache-policy.ts";

/** Headers of every sitemap; the news sitemap replaces `Cache-Control`, as its freshness depends on the clock. */
export const SITEMAP_HEADERS = {
  "Content-Type": "application/xml; charset=utf-8",
  "Cache-Control": cachePolicy(false).cacheControl,
};
