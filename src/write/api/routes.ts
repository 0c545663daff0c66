import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { MAX_IMAGE_BYTES } from "../../content/limits.ts";
import { parseMediaName } from "../../content/media.ts";
import type { IngestBatch } from "../writer/input/ingest.ts";
import { notMediaName } from "../writer/input/media-bytes.ts";
import type { ApiEnv } from "./api-env.ts";
import { publishAuth } from "./auth.ts";
import { bodyBytes, jsonBody, refusal } from "./json-body.ts";

const MIB = 1024 * 1024;
// Request bodies, within the 32 MiB a Durable Object call carries.
const LIMITS = { site: 256 * 1024, authors: 8 * MIB, article: 8 * MIB, batch: 24 * MIB, media: MAX_IMAGE_BYTES };
const PAGE = 1000;

/**
 * The ingest API, `/api/v1`: the one way content gets in. Every request needs a publish token
 * (see `publishAuth`) and is answered `Cache-Control: no-store`, without CORS. Changes go to the
 * writer, which checks them by the rules content files follow and answers 422 with every problem
 * (each named by its JSON path) and nothing written, or 200 with what it holds and still writes.
 */
export function apiRoutes(): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  api.use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
  api.use(publishAuth());

  api.get("/status", async (c) => c.json(await writer(c.env).status()));
  api.post("/rebuild", async (c) => {
    const result = await writer(c.env).rebuild(c.get("writer"));
    if ("problem" in result) throw refusal(409, result.problem);
    return c.json(result);
  });
  api.put("/site", async (c) => ingest(c.env, { site: await jsonBody(c, LIMITS.site) }, c.get("writer")));
  api.put("/authors", async (c) => ingest(c.env, { authors: await jsonBody(c, LIMITS.authors) }, c.get("writer")));
  api.get("/articles", async (c) => {
    const { after, limit } = page(c.req.query("after"), c.req.query("limit"));
    return c.json({ articles: await writer(c.env).listArticles(after, limit) });
  });
  api.post("/articles", async (c) => {
    const body = await jsonBody(c, LIMITS.batch);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw refusal(400, 'the body must be a JSON object: { "articles": [...], "delete": [...] }');
    }
    const { articles, delete: deletions, ...rest } = body as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length > 0)
      throw refusal(422, ...unknown.map((k) => `${k}: unknown field (expected articles, delete)`));
    return ingest(c.env, { articles, delete: deletions }, c.get("writer"));
  });
  api.put("/articles/:slug", async (c) => {
    const slug = c.req.param("slug");
    return ingest(c.env, { articles: [await jsonBody(c, LIMITS.article)], slug }, c.get("writer"));
  });
  api.delete("/articles/:slug", (c) => ingest(c.env, { delete: [c.req.param("slug")] }, c.get("writer")));
  api.get("/media", async (c) => {
    const { after, limit } = page(c.req.query("after"), c.req.query("limit"));
    return c.json({ media: await writer(c.env).listMedia(after, limit) });
  });
  api.put("/media/:name", async (c) => {
    const bytes = await bodyBytes(c.req.raw, LIMITS.media);
    const result = await writer(c.env).putMedia(c.req.param("name"), bytes, c.get("writer"));
    if ("problem" in result) throw refusal(422, `media ${c.req.param("name")}: ${result.problem}`);
    return c.json(result, result.stored ? 201 : 200);
  });

  api.delete("/media/:name", async (c) => {
    const name = c.req.param("name");
    if (!parseMediaName(name)) {
      throw refusal(422, `media ${name}: ${notMediaName(name)}`);
    }
    if (!(await writer(c.env).deleteMedia(name, c.get("writer")))) {
      throw refusal(409, `media ${name}: an article, the site or an author still names it`);
    }
    return c.body(null, 204);
  });

  api.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (retryable(error)) {
      console.error(`[${c.get("requestId")}] 503 ${c.req.method} ${c.req.path}: the writer failed on the way:`, error);
      return refusal(503, "the writer was restarted or could not be reached; send the request again").getResponse();
    }
    console.error(`[${c.get("requestId")}] 500 ${c.req.method} ${c.req.path}:`, error);
    return c.json({ error: "internal error", requestId: c.get("requestId") }, 500);
  });
  return api;
}

// An error of the Durable Object's platform that says the call may be sent again (a restart, a
// lost connection), not one its code threw or an overload.
function retryable(error: unknown): boolean {
  const e = error as { retryable?: boolean; overloaded?: boolean; remote?: boolean };
  return e.retryable === true && e.overloaded !== true && e.remote !== true;
}

function writer(env: Env) {
  return env.WRITER.getByName("main");
}

async function ingest(env: Env, batch: IngestBatch, who: string): Promise<Response> {
  const result = await writer(env).ingest(batch, who);
  if ("problems" in result) throw refusal(422, ...result.problems);
  return Response.json(result.status);
}

function page(after: string | undefined, limit: string | undefined): { after: string; limit: number } {
  const n = limit === undefined ? PAGE : Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > PAGE) throw refusal(400, `limit: must be a whole number from 1 to ${PAGE}`);
  return { after: after ?? "", limit: n };
}
