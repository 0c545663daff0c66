import { cors } from "hono/cors";

/**
 * CORS for every URL the Worker serves (feeds and their aliases, OPML, pages, the stylesheet, the
 * health check): the site is public and read-only, so any origin may GET and HEAD them and read
 * the caching headers, as web-based feed readers need. Unknown paths get none.
 */
export const readerCors = cors({
  origin: "*",
  allowMethods: ["GET", "HEAD", "OPTIONS"],
  exposeHeaders: ["ETag", "Last-Modified", "Content-Language", "Link", "Retry-After"],
  maxAge: 86_400,
});
