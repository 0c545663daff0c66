import type { Context } from "hono";
import { epochMillis } from "../content/dates.ts";
import type { FeedFormat } from "../content/urls.ts";
import { readFeedHead, readFeedPage } from "../kv/read.ts";
import { RENDERER_VERSION, renderFeed } from "../render/feeds.ts";
import type { AppEnv } from "./app-env.ts";
import { FEED_CACHE_CONTROL, FEED_TTL_MINUTES } from "./cache-policy.ts";
import { httpDate, isNotModified } from "./conditional.ts";
import { RenderMemo } from "./render-memo.ts";

/** The media type each format is served as. */
export const FEED_MEDIA_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

const memo = new RenderMemo(64);

/**
 * Serves one feed in one format with strong, content-derived validators. A 304 or a HEAD costs
 * one small KV read (the feed's head); a 200 costs a second read (the page) unless this isolate
 * has already rendered that exact version.
 */
export async function serveFeed(c: Context<AppEnv>, feed: string, format: FeedFormat): Promise<Response> {
  const kv = c.env.CONTENT;
  const head = await readFeedHead(kv, feed);
  const lastModified = epochMillis(head.updated);
  c.header("Content-Type", FEED_MEDIA_TYPES[format]);
  c.header("Content-Language", head.language);
  c.header("Cache-Control", FEED_CACHE_CONTROL);
  c.header("Last-Modified", httpDate(lastModified));
  c.header("Vary", "Accept-Encoding");
  const headEtag = feedEtag(head.hash, format);
  c.header("ETag", headEtag);
  if (isNotModified(c.req.raw.headers, headEtag, lastModified)) return c.body(null, 304);
  if (c.req.method === "HEAD") return c.body(null, 200);

  const cached = memo.get(headEtag);
  if (cached !== undefined) return c.body(cached, 200);
  const page = await readFeedPage(kv, feed);
  const etag = feedEtag(page.hash, format);
  const body = renderFeed(page, format, { ttlMinutes: FEED_TTL_MINUTES });
  memo.set(etag, body);
  c.header("ETag", etag);
  c.header("Last-Modified", httpDate(epochMillis(page.updated)));
  return c.body(body, 200);
}

/** A strong ETag that changes with the content, the format and the renderer, and nothing else. */
export function feedEtag(hash: string, format: FeedFormat): string {
  return `"${hash.slice(0, 32)}-${format}-r${RENDERER_VERSION}"`;
}
