import type { Context } from "hono";
import { later } from "../content/dates.ts";
import type { NewsHead } from "../content/model.ts";
import { type NewsWindow, newsWindow } from "../content/news-window.ts";
import { sha256 } from "../kv/hash.ts";
import { readNewsHead, readNewsSitemap } from "../kv/sitemap-read.ts";
import { renderNewsSitemap } from "../render/news-sitemap.ts";
import type { AppEnv } from "./app-env.ts";
import { LIVE_MAX_AGE_SECONDS, liveCacheControl } from "./cache-policy.ts";
import { serveRepresentation } from "./representation.ts";
import { SITEMAP_HEADERS } from "./sitemap-headers.ts";

/**
 * Serves the Google News sitemap: those of the stored newest articles published in the 48 hours
 * before the request. Which those are depends on the clock, and so do the validators:
 * - the ETag is the stored articles' hash combined with the positions of those listed, so it
 *   changes exactly when the listed set does (by a publish, or an article entering or leaving);
 * - `max-age` runs at most until the set next changes (the next article to be published enters,
 *   or the oldest listed leaves), and never beyond the usual five minutes;
 * - `Last-Modified` is the newest `updated` of those listed, or the moment an article last left,
 *   whichever is later, so that `If-Modified-Since` sees an article leave too.
 * A 304 or a HEAD reads the small head only; a 200 reads the articles too.
 */
export async function serveNewsSitemap(c: Context<AppEnv>): Promise<Response> {
  const kv = c.env.CONTENT;
  const now = Date.now();
  const head = await readNewsHead(kv);
  const window = windowAt(head.articles, now);
  const fresh = Math.min(LIVE_MAX_AGE_SECONDS, Math.floor(((window.nextChange ?? Infinity) - now) / 1000));
  const validators = {
    hash: await windowHash(head.hash, window),
    variant: "news",
    updated: lastModified(head.articles, window),
    headers: { ...SITEMAP_HEADERS, "Cache-Control": liveCacheControl(fresh) },
  };
  return serveRepresentation(c, validators, async () => {
    const news = await readNewsSitemap(kv);
    const shown = windowAt(news.articles, now);
    return {
      hash: await windowHash(news.hash, shown),
      updated: lastModified(news.articles, shown),
      body: renderNewsSitemap(news, listed(news.articles, shown)),
    };
  });
}

function windowAt(articles: NewsHead["articles"], now: number): NewsWindow {
  return newsWindow(
    articles.map((a) => a.published),
    now,
  );
}

// The stored articles' hash and which of them are listed: equal exactly when the listing is.
function windowHash(hash: string, window: NewsWindow): Promise<string> {
  return sha256(`${hash} ${window.included.join(",")}`);
}

function lastModified(articles: NewsHead["articles"], window: NewsWindow): string | undefined {
  const times = listed(articles, window).map((a) => a.updated);
  if (window.lastLeft !== undefined) times.push(new Date(window.lastLeft).toISOString());
  return times.length === 0 ? undefined : times.reduce(later);
}

function listed<T>(articles: readonly T[], window: NewsWindow): T[] {
  return window.included.flatMap((i) => articles[i] ?? []);
}
