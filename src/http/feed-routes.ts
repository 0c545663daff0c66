import { Hono } from "hono";
import { documentDir } from "../content/archive.ts";
import { FEED_FILES, type FeedFormat } from "../content/urls.ts";
import type { AppEnv } from "./app-env.ts";
import { notFound } from "./errors.ts";
import { serveFeed } from "./feed-route.ts";
import { canonicalTagPath } from "./tag-path.ts";

const ARCHIVE_PAGE = /^[1-9]\d{0,5}$/;

/**
 * Every feed URL: the main feed and each tag's feed, their archive pages, in three formats.
 * `/rss.xml`, `/archive/{n}/rss.xml`, `/tags/{tag}/rss.xml`, `/tags/{tag}/archive/{n}/rss.xml`, and
 * likewise `atom.xml` and `feed.json`.
 */
export function feedRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use("/tags/:tag/*", canonicalTagPath());
  for (const [format, file] of Object.entries(FEED_FILES) as [FeedFormat, string][]) {
    routes.get(`/${file}`, (c) => serveFeed(c, "", format, "unavailable"));
    routes.get(`/tags/:tag/${file}`, (c) => serveFeed(c, `/tags/${rawSegment(c.req.url, 2)}`, format, "not-found"));
    routes.get(`/archive/:page/${file}`, (c) => {
      const page = c.req.param("page");
      return ARCHIVE_PAGE.test(page) ? serveFeed(c, documentDir("", Number(page)), format, "not-found") : notFound(c);
    });
    routes.get(`/tags/:tag/archive/:page/${file}`, (c) => {
      const page = c.req.param("page");
      const dir = `/tags/${rawSegment(c.req.url, 2)}`;
      return ARCHIVE_PAGE.test(page) ? serveFeed(c, documentDir(dir, Number(page)), format, "not-found") : notFound(c);
    });
  }
  return routes;
}

/** The still percent-encoded path segment at `index` (the KV layout keys tags by their canonical encoding). */
function rawSegment(url: string, index: number): string {
  return new URL(url).pathname.split("/")[index] ?? "";
}
