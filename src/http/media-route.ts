import { type Context, Hono } from "hono";
import { isMediaType, MEDIA_TYPES, type MediaExtension, parseMediaName } from "../content/media.ts";
import { readMediaFile, readMediaHead } from "../kv/media.ts";
import type { AppEnv } from "./app-env.ts";
import { cachePolicy } from "./cache-policy.ts";
import { httpDate, isNotModified } from "./conditional.ts";
import { readerCors } from "./cors.ts";
import { notFound } from "./errors.ts";

/**
 * `/media/{name}`: one rendition of a lead image, or of the site's icon or logo, from the R2
 * bucket bound as `MEDIA`. A name changes whenever its bytes would, so every answer may be cached
 * for a year as `immutable`, with R2's strong ETag. A HEAD or a conditional request reads only
 * the object's metadata first, so a 304 never reads the body; a name that is not a media name is
 * a 404 without asking R2.
 */
export function mediaRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use("/media/:name", readerCors);
  routes.get("/media/:name", async (c) => {
    const name = c.req.param("name");
    const extension = parseMediaName(name)?.extension;
    if (extension === undefined) return notFound(c);
    const headOnly = c.req.method === "HEAD";
    if (headOnly || c.req.header("If-None-Match") !== undefined || c.req.header("If-Modified-Since") !== undefined) {
      const head = await readMediaHead(c.env.MEDIA, name);
      if (head === null) return notFound(c);
      setHeaders(c, head, extension);
      if (isNotModified(c.req.raw.headers, head.httpEtag, head.uploaded.getTime())) return c.body(null, 304);
      if (headOnly) return c.body(null, 200, { "Content-Length": String(head.size) });
    }
    const file = await readMediaFile(c.env.MEDIA, name);
    if (file === null) return notFound(c);
    setHeaders(c, file, extension);
    return c.body(file.body, 200, { "Content-Length": String(file.size) });
  });
  return routes;
}

// The headers of a 200, a 304 and a HEAD alike. The type is the one stored with the object when
// it is an image type we publish, so a mislabelled upload can never be served as anything else.
function setHeaders(c: Context<AppEnv>, object: R2Object, extension: MediaExtension): void {
  const stored = object.httpMetadata?.contentType;
  c.header("Content-Type", isMediaType(stored) ? stored : MEDIA_TYPES[extension]);
  c.header("ETag", object.httpEtag);
  c.header("Last-Modified", httpDate(object.uploaded.getTime()));
  c.header("Cache-Control", cachePolicy(true).cacheControl);
}
