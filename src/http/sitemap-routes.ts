import { type Context, Hono } from "hono";
import { NEWS_SITEMAP_PATH, newestLastmod, SITEMAP_INDEX_PATH } from "../content/sitemaps.ts";
import { sha256 } from "../kv/hash.ts";
import { readSitemap, readSitemapIndex } from "../kv/sitemap-read.ts";
import { renderRobots } from "../render/robots.ts";
import { renderSitemapIndex, renderUrlset } from "../render/sitemaps.ts";
import type { AppEnv } from "./app-env.ts";
import { readerCors } from "./cors.ts";
import { notFound } from "./errors.ts";
import { serveNewsSitemap } from "./news-sitemap-route.ts";
import { serveRepresentation } from "./representation.ts";
import { SITEMAP_HEADERS } from "./sitemap-headers.ts";

/**
 * The sitemaps and robots.txt: `/sitemap.xml` (the index), `/sitemaps/{name}.xml` (the sitemaps
 * it lists), `/news-sitemap.xml` (Google News) and `/robots.txt` (naming the index and the news
 * sitemap), each with the feeds' ETag, 304, HEAD and CORS. The index is the head of every sitemap
 * it lists, so a 304 or a HEAD reads one key, and a 200 at most two.
 */
export function sitemapRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  for (const path of [SITEMAP_INDEX_PATH, "/sitemaps/:name", NEWS_SITEMAP_PATH, "/robots.txt"])
    routes.use(path, readerCors);

  routes.get(SITEMAP_INDEX_PATH, async (c) => {
    const index = await readSitemapIndex(c.env.CONTENT);
    const lastmod = newestLastmod(index.sitemaps);
    const validators = { hash: index.hash, variant: "sitemap-index", updated: lastmod, headers: SITEMAP_HEADERS };
    return serveRepresentation(c, validators, async () => ({ hash: index.hash, body: renderSitemapIndex(index) }));
  });

  routes.get("/sitemaps/:name{[a-z0-9-]+\\.xml}", (c) => serveListedSitemap(c, `/sitemaps/${c.req.param("name")}`));
  routes.get(NEWS_SITEMAP_PATH, serveNewsSitemap);

  routes.get("/robots.txt", async (c) => {
    const { baseUrl } = await readSitemapIndex(c.env.CONTENT);
    const hash = await sha256(baseUrl);
    const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": SITEMAP_HEADERS["Cache-Control"] };
    return serveRepresentation(c, { hash, variant: "robots", headers }, async () => ({
      hash,
      body: renderRobots([`${baseUrl}${SITEMAP_INDEX_PATH}`, `${baseUrl}${NEWS_SITEMAP_PATH}`]),
    }));
  });
  return routes;
}

// A sitemap the index lists, answered from the index's record of it until it must be rendered.
async function serveListedSitemap(c: Context<AppEnv>, path: string): Promise<Response> {
  const kv = c.env.CONTENT;
  const listed = (await readSitemapIndex(kv)).sitemaps.find((sitemap) => sitemap.path === path);
  if (listed === undefined) return notFound(c);
  const validators = { hash: listed.hash, variant: "sitemap", updated: listed.lastmod, headers: SITEMAP_HEADERS };
  return serveRepresentation(c, validators, async () => {
    const { hash, urls } = await readSitemap(kv, path);
    return { hash, updated: newestLastmod(urls), body: renderUrlset(urls) };
  });
}
