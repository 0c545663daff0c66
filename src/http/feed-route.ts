import type { Context } from "hono";
import { epochMillis } from "../content/dates.ts";
import { FEED_FILES, type FeedFormat } from "../content/urls.ts";
import { feedHeadKey } from "../kv/keys.ts";
import { ContentUnavailable, readFeedHead, readFeedPage } from "../kv/read.ts";
import { RENDERER_VERSION, renderFeed } from "../render/feeds.ts";
import type { AppEnv } from "./app-env.ts";
import { cachePolicy } from "./cache-policy.ts";
import { httpDate, isNotModified } from "./conditional.ts";
import { notFound } from "./errors.ts";
import { RenderMemo } from "./render-memo.ts";

// The media type each format is served as.
const FEED_MEDIA_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

/** What a feed document that does not exist means: content not yet published, or a wrong URL. */
export type WhenMissing = "unavailable" | "not-found";

// 8 M characters: at most about 16 MB of UTF-16 strings.
const memo = new RenderMemo(8_000_000);

/**
 * Serves one feed document in one format with strong, content-derived validators. A 304 or a
 * HEAD costs one small KV read (the document's head); a 200 costs a second read (the page)
 * unless this isolate has already rendered that exact version.
 */
export async function serveFeed(
  c: Context<AppEnv>,
  documentDir: string,
  format: FeedFormat,
  whenMissing: WhenMissing,
): Promise<Response> {
  const kv = c.env.CONTENT;
  const head = await readFeedHead(kv, documentDir);
  if (head === null) {
    if (whenMissing === "not-found") return notFound(c);
    throw new ContentUnavailable(feedHeadKey(documentDir), "missing (has content been published?)");
  }
  const policy = cachePolicy(head.immutable);
  const lastModified = epochMillis(head.updated);
  const etag = feedEtag(head.hash, format);
  c.header("Content-Type", FEED_MEDIA_TYPES[format]);
  c.header("Content-Language", head.language);
  c.header("Cache-Control", policy.cacheControl);
  c.header("Last-Modified", httpDate(lastModified));
  c.header("Vary", "Accept-Encoding");
  c.header("ETag", etag);
  if (head.hub) c.header("Link", `<${head.hub}>; rel="hub", <${head.url}/${FEED_FILES[format]}>; rel="self"`);
  if (isNotModified(c.req.raw.headers, etag, lastModified)) return c.body(null, 304);
  if (c.req.method === "HEAD") return c.body(null, 200);

  const cached = memo.get(etag);
  if (cached !== undefined) return c.body(cached, 200);
  const page = await readFeedPage(kv, documentDir);
  const body = renderFeed(page, format, { ttlMinutes: policy.ttlMinutes });
  memo.set(feedEtag(page.hash, format), body);
  c.header("ETag", feedEtag(page.hash, format));
  c.header("Last-Modified", httpDate(epochMillis(page.updated)));
  return c.body(body, 200);
}

// A strong ETag that changes with the content, the format and the renderer, and nothing else.
function feedEtag(hash: string, format: FeedFormat): string {
  return `"${hash.slice(0, 32)}-${format}-r${RENDERER_VERSION}"`;
}
