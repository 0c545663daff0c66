import { Hono } from "hono";
import { documentDir } from "../content/archive.ts";
import { isSectionKey, sectionDir } from "../content/sections.ts";
import { authorDir, FEED_FILES, type FeedFormat, isAuthorKey } from "../content/urls.ts";
import { FEED_ALIASES, REDIRECT_CACHE_CONTROL } from "./aliases.ts";
import type { AppEnv } from "./app-env.ts";
import { readerCors } from "./cors.ts";
import { notFound } from "./errors.ts";
import { serveFeed, type WhenMissing } from "./feed-route.ts";
import { canonicalTagPath, rawFolderSegment } from "./tag-path.ts";

const ARCHIVE_PAGE = /^[1-9]\d{0,5}$/;

/**
 * Every feed URL: the main feed and each tag's, author's and section's feed, their archive pages,
 * in three formats (`/rss.xml`, `/archive/{n}/rss.xml`, `/tags/{tag}/rss.xml`,
 * `/tags/{tag}/archive/{n}/rss.xml`, `/authors/{key}/rss.xml`, `/authors/{key}/archive/{n}/rss.xml`,
 * `/sections/{key}/rss.xml`, `/sections/{key}/archive/{n}/rss.xml`, and likewise `atom.xml` and
 * `feed.json`), and the aliases that redirect to them, each with `readerCors`.
 */
export function feedRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  for (const [alias, target] of Object.entries(FEED_ALIASES)) {
    routes.use(alias, readerCors);
    routes.get(alias, (c) => {
      c.header("Cache-Control", REDIRECT_CACHE_CONTROL);
      return c.redirect(target, 301);
    });
  }
  for (const [format, file] of Object.entries(FEED_FILES) as [FeedFormat, string][]) {
    route(routes, `/${file}`, () => "", format, "unavailable");
    route(routes, `/archive/:page/${file}`, () => "", format, "not-found");
    route(routes, `/tags/:tag/${file}`, tagFolder, format, "not-found");
    route(routes, `/tags/:tag/archive/:page/${file}`, tagFolder, format, "not-found");
    route(routes, `/authors/:key/${file}`, authorFolder, format, "not-found");
    route(routes, `/authors/:key/archive/:page/${file}`, authorFolder, format, "not-found");
    route(routes, `/sections/:key/${file}`, sectionFolder, format, "not-found");
    route(routes, `/sections/:key/archive/:page/${file}`, sectionFolder, format, "not-found");
  }
  return routes;
}

function route(
  routes: Hono<AppEnv>,
  pattern: string,
  dirOf: (url: string) => string | undefined,
  format: FeedFormat,
  whenMissing: WhenMissing,
): void {
  routes.use(pattern, readerCors);
  if (pattern.startsWith("/tags/")) routes.use(pattern, canonicalTagPath());
  routes.get(pattern, (c) => {
    const page = pattern.includes(":page") ? c.req.param("page") : undefined;
    const folder = dirOf(c.req.url);
    if (folder === undefined || (page !== undefined && !ARCHIVE_PAGE.test(page))) return notFound(c);
    return serveFeed(c, documentDir(folder, page === undefined ? null : Number(page)), format, whenMissing);
  });
}

// A tag feed's folder, from the request's (already canonical) tag segment.
function tagFolder(url: string): string {
  return `/tags/${rawFolderSegment(url)}`;
}

/** An author's folder from a `/authors/{key}/…` URL, or `undefined` when the segment cannot be a key. */
export function authorFolder(url: string): string | undefined {
  const key = rawFolderSegment(url);
  return isAuthorKey(key) ? authorDir(key) : undefined;
}

/** A section's folder from a `/sections/{key}/…` URL, or `undefined` when the segment cannot be a key. */
export function sectionFolder(url: string): string | undefined {
  const key = rawFolderSegment(url);
  return isSectionKey(key) ? sectionDir(key) : undefined;
}
