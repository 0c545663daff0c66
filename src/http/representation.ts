import type { Context } from "hono";
import { epochMillis } from "../content/dates.ts";
import type { OffsetDateTime } from "../content/model.ts";
import { RENDERER_VERSION } from "../render/feeds.ts";
import type { AppEnv } from "./app-env.ts";
import { httpDate, isNotModified } from "./conditional.ts";
import { RenderMemo } from "./render-memo.ts";

/** What is known about a response before its body exists: enough to answer 304 and HEAD. */
export interface Validators {
  /** Content hash of what the body renders from. */
  hash: string;
  /** Which representation of that content: `rss`, `rss-html`, `article`, … (part of the ETag). */
  variant: string;
  /** Newest content time, for `Last-Modified`. */
  updated?: OffsetDateTime;
  headers: Record<string, string>;
}

/** A rendered body and the content it came from (which may be newer than the validators said). */
export interface Rendered {
  hash: string;
  updated?: OffsetDateTime;
  body: string;
}

// 8 M characters: at most about 16 MB of UTF-16 strings per isolate.
const memo = new RenderMemo(8_000_000);

/**
 * Answers a GET or HEAD from validators first: `304` for a matching `If-None-Match` or
 * `If-Modified-Since`, headers only for `HEAD`, and otherwise the body, rendered at most once per
 * isolate for each ETag. The ETag is strong and changes with the content, the representation and
 * the renderer version, and nothing else.
 */
export async function serveRepresentation(
  c: Context<AppEnv>,
  validators: Validators,
  render: () => Promise<Rendered>,
): Promise<Response> {
  const etag = representationEtag(validators.hash, validators.variant);
  const lastModified = validators.updated === undefined ? undefined : epochMillis(validators.updated);
  for (const [name, value] of Object.entries(validators.headers)) c.header(name, value);
  c.header("ETag", etag);
  if (lastModified !== undefined) c.header("Last-Modified", httpDate(lastModified));
  if (isNotModified(c.req.raw.headers, etag, lastModified)) return c.body(null, 304);
  if (c.req.method === "HEAD") return c.body(null, 200);

  const cached = memo.get(etag);
  if (cached !== undefined) return c.body(cached, 200);
  const rendered = await render();
  const renderedEtag = representationEtag(rendered.hash, validators.variant);
  memo.set(renderedEtag, rendered.body);
  c.header("ETag", renderedEtag);
  if (rendered.updated !== undefined) c.header("Last-Modified", httpDate(epochMillis(rendered.updated)));
  return c.body(rendered.body, 200);
}

function representationEtag(hash: string, variant: string): string {
  return `"${hash.slice(0, 32)}-${variant}-r${RENDERER_VERSION}"`;
}
