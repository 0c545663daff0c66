import { type Context, Hono } from "hono";
import type { FeedPage } from "../content/model.ts";
import { isSlug } from "../content/urls.ts";
import { renderArticlePage } from "../html/article-page.ts";
import { renderAuthorPage } from "../html/author-page.ts";
import { renderGonePage } from "../html/gone-page.ts";
import { renderHomePage } from "../html/home-page.ts";
import { renderSectionPage } from "../html/section-page.ts";
import { SITE_CSS } from "../html/styles.ts";
import { renderTagPage } from "../html/tag-page.ts";
import { readArticle, readFeedPage } from "../kv/read.ts";
import { renderOpml } from "../render/opml.ts";
import type { AppEnv } from "./app-env.ts";
import { cachePolicy } from "./cache-policy.ts";
import { readerCors } from "./cors.ts";
import { notFound } from "./errors.ts";
import { feedHeadOrMissing } from "./feed-route.ts";
import { authorFolder, sectionFolder } from "./feed-routes.ts";
import { htmlHeaders } from "./html-headers.ts";
import { serveRepresentation } from "./representation.ts";
import { canonicalTagPath, rawFolderSegment } from "./tag-path.ts";

/**
 * The pages for people: `/` (sections, newest articles and tags), `/articles/{slug}`, `/tags/{tag}`,
 * `/authors/{key}`, `/sections/{key}`, the OPML list of every feed at `/feeds.opml`, and the stylesheet. Each has the feeds' ETag, 304
 * behaviour and CORS, and reads at most two KV keys.
 */
export function pageRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  for (const path of [
    "/",
    "/feeds.opml",
    "/tags/:tag",
    "/authors/:key",
    "/sections/:key",
    "/articles/:slug",
    "/assets/site.css",
  ])
    routes.use(path, readerCors);

  routes.get("/", (c) => serveFeedDocument(c, "", "home"));
  routes.get("/feeds.opml", (c) => serveFeedDocument(c, "", "opml"));
  routes.use("/tags/:tag", canonicalTagPath());
  routes.get("/tags/:tag", (c) => serveFeedDocument(c, `/tags/${rawFolderSegment(c.req.url)}`, "tag"));
  routes.get("/authors/:key", (c) => {
    const folder = authorFolder(c.req.url);
    return folder === undefined ? notFound(c) : serveFeedDocument(c, folder, "author");
  });
  routes.get("/sections/:key", (c) => {
    const folder = sectionFolder(c.req.url);
    return folder === undefined ? notFound(c) : serveFeedDocument(c, folder, "section");
  });

  routes.get("/articles/:slug", async (c) => {
    const slug = c.req.param("slug");
    const found = isSlug(slug) ? await readArticle(c.env.CONTENT, slug) : null;
    if (found === null) return notFound(c);
    const { document, hash } = found;
    if ("gone" in document) {
      const headers = { ...htmlHeaders(document.site.language), "X-Robots-Tag": "noindex" };
      return c.html(await renderGonePage(document, slug), 410, headers);
    }
    const validators = {
      hash,
      variant: "article",
      updated: document.article.updated,
      headers: htmlHeaders(document.site.language),
    };
    return serveRepresentation(c, validators, async () => ({ hash, body: await renderArticlePage(document) }));
  });

  routes.get("/assets/site.css", (c) =>
    serveRepresentation(
      c,
      {
        hash: STYLE_HASH,
        variant: "css",
        headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": cachePolicy(false).cacheControl },
      },
      async () => ({ hash: STYLE_HASH, body: SITE_CSS }),
    ),
  );
  return routes;
}

type FeedDocumentPage = "home" | "tag" | "author" | "section" | "opml";

const RENDERERS: Record<FeedDocumentPage, (page: FeedPage) => string | Promise<string>> = {
  home: renderHomePage,
  tag: renderTagPage,
  author: renderAuthorPage,
  section: renderSectionPage,
  opml: renderOpml,
};

// A page rendered from a feed document (the main feed's, a tag's, an author's or a section's): its head answers 304.
async function serveFeedDocument(c: Context<AppEnv>, dir: string, kind: FeedDocumentPage): Promise<Response> {
  const head = await feedHeadOrMissing(c, dir, dir === "" ? "unavailable" : "not-found");
  if (head instanceof Response) return head;
  const kv = c.env.CONTENT;
  const headers =
    kind === "opml"
      ? { "Content-Type": "text/x-opml; charset=utf-8", "Cache-Control": cachePolicy(false).cacheControl }
      : htmlHeaders(head.language);
  return serveRepresentation(c, { hash: head.hash, variant: kind, updated: head.updated, headers }, async () => {
    const page = await readFeedPage(kv, dir);
    return { hash: page.hash, updated: page.updated, body: await RENDERERS[kind](page) };
  });
}

// FNV-1a of the stylesheet: its ETag changes whenever the CSS does.
const STYLE_HASH = Array.from(SITE_CSS)
  .reduce((h, ch) => Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0, 2166136261)
  .toString(16)
  .padStart(8, "0");
