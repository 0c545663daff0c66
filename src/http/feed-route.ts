import type { Context } from "hono";
import type { FeedHead } from "../content/model.ts";
import { FEED_FILES, FEED_MEDIA_TYPES, type FeedFormat } from "../content/urls.ts";
import { renderFeedPreview } from "../html/feed-preview.ts";
import { readFeedHeadCached } from "../kv/head-cache.ts";
import { feedHeadKey } from "../kv/keys.ts";
import { ContentUnavailable, readFeedPage } from "../kv/read.ts";
import { renderFeed } from "../render/feeds.ts";
import type { AppEnv } from "./app-env.ts";
import { cachePolicy, headCacheSeconds } from "./cache-policy.ts";
import { notFound } from "./errors.ts";
import { htmlHeaders } from "./html-headers.ts";
import { prefersHtml } from "./negotiate.ts";
import { serveRepresentation } from "./representation.ts";

/** What a feed document that does not exist means: content not yet published, or a wrong URL. */
export type WhenMissing = "unavailable" | "not-found";

/**
 * Serves one feed document in one format: the feed itself, or for a browser (an `Accept` that
 * prefers HTML) an HTML preview of it, with `Vary: Accept` and an ETag per representation.
 * A 304 or a HEAD costs one small KV read (the document's head); a 200 costs a second read (the
 * page) unless this isolate has already rendered that exact version.
 */
export async function serveFeed(
  c: Context<AppEnv>,
  documentDir: string,
  format: FeedFormat,
  whenMissing: WhenMissing,
): Promise<Response> {
  const head = await feedHeadOrMissing(c, documentDir, whenMissing);
  if (head instanceof Response) return head;
  const kv = c.env.CONTENT;
  const policy = cachePolicy(head.immutable);
  const preview = prefersHtml(c.req.header("Accept"));
  const headers = {
    ...(preview
      ? htmlHeaders(head.language)
      : { "Content-Type": `${FEED_MEDIA_TYPES[format]}; charset=utf-8`, "Content-Language": head.language }),
    "Cache-Control": policy.cacheControl,
    Vary: "Accept",
    ...(head.hub ? { Link: `<${head.hub}>; rel="hub", <${head.url}/${FEED_FILES[format]}>; rel="self"` } : {}),
  };
  const variant = preview ? `${format}-html` : format;
  return serveRepresentation(c, { hash: head.hash, variant, updated: head.updated, headers }, async () => {
    const page = await readFeedPage(kv, documentDir);
    const body = preview
      ? await renderFeedPreview(page, format)
      : renderFeed(page, format, { ttlMinutes: policy.ttlMinutes });
    return { hash: page.hash, updated: page.updated, body };
  });
}

/**
 * The head of a feed document, or, when there is none, the answer `whenMissing` calls for: a 404
 * (a URL no content has) or a thrown `ContentUnavailable` (content not published: a 503).
 */
export async function feedHeadOrMissing(
  c: Context<AppEnv>,
  documentDir: string,
  whenMissing: WhenMissing,
): Promise<FeedHead | Response> {
  const head = await readFeedHeadCached(c.env.CONTENT, documentDir, headCacheSeconds(c.env));
  if (head !== null) return head;
  if (whenMissing === "not-found") return notFound(c);
  throw new ContentUnavailable(feedHeadKey(documentDir), "missing (has content been published?)");
}
