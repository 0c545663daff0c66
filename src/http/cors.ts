import { cors } from "hono/cors";

/**
 * CORS for the URLs web-based feed readers fetch from the browser (feeds, their aliases, the
 * health check): any origin may GET and HEAD them and read the caching headers.
 */
export const readerCors = cors({
  origin: "*",
  allowMethods: ["GET", "HEAD", "OPTIONS"],
  exposeHeaders: ["ETag", "Last-Modified", "Content-Language", "Link", "Retry-After"],
  maxAge: 86_400,
});
