import type { Context } from "hono";
import { epochMillis } from "../content/dates.ts";
import type { OffsetDateTime } from "../content/model.ts";
import { RENDERER_VERSION } from "../render/feeds.ts";
import type { AppEnv } from "./app-env.ts";
import { httpDate, isNotModified } from "./conditional.ts";
import { type ContentCoding, chooseCoding, clientAcceptEncoding } from "./content-coding.ts";
import { encodeDocument } from "./encoded-document.ts";
import { notAcceptable } from "./errors.ts";
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

// 16 MB of UTF-8 and gzip bytes per isolate.
const memo = new RenderMemo(16_000_000);

// What each content coding adds to the ETag, so that every coding has its own strong ETag.
const ETAG_SUFFIXES: Record<ContentCoding, string> = { identity: "", gzip: "-gz" };

/**
 * Answers a GET or HEAD from validators first: `304` for a matching `If-None-Match` or
 * `If-Modified-Since`, headers only for `HEAD`, and otherwise the body, rendered, encoded to UTF-8
 * and gzipped at most once per isolate for each version. A client that accepts gzip gets the kept
 * gzip bytes as they are (`Content-Encoding: gzip`), any other the UTF-8 bytes; one that refuses
 * both gets 406. The ETag is strong and changes with the content, the representation, the renderer
 * version and the content coding (RFC 9110 §8.8.3), and nothing else.
 */
export async function serveRepresentation(
  c: Context<AppEnv>,
  validators: Validators,
  render: () => Promise<Rendered>,
): Promise<Response> {
  const coding = chooseCoding(clientAcceptEncoding(c.req.raw));
  if (coding === undefined) return notAcceptable(c);
  const key = representationKey(validators.hash, validators.variant);
  const etag = entityTag(key, coding);
  const lastModified = validators.updated === undefined ? undefined : epochMillis(validators.updated);
  for (const [name, value] of Object.entries(validators.headers)) c.header(name, value);
  c.header("Vary", "Accept-Encoding", { append: true });
  c.header("ETag", etag);
  if (lastModified !== undefined) c.header("Last-Modified", httpDate(lastModified));
  if (isNotModified(c.req.raw.headers, etag, lastModified)) return c.body(null, 304);
  if (c.req.method === "HEAD") return encoded(c, null, coding);

  const cached = memo.get(key);
  if (cached !== undefined) return encoded(c, cached[coding], coding);
  const rendered = await render();
  const renderedKey = representationKey(rendered.hash, validators.variant);
  const document = await encodeDocument(rendered.body);
  memo.set(renderedKey, document);
  c.header("ETag", entityTag(renderedKey, coding));
  if (rendered.updated !== undefined) c.header("Last-Modified", httpDate(epochMillis(rendered.updated)));
  return encoded(c, document[coding], coding);
}

// A 200 in a content coding, with the headers gathered in `c`. Bytes already compressed go out as
// they are (`encodeBody: "manual"`); identity bytes stay "automatic", so that a proxy compressing
// them later labels them correctly.
function encoded(c: Context<AppEnv>, body: Uint8Array | null, coding: ContentCoding): Response {
  if (coding !== "identity") c.header("Content-Encoding", coding);
  const { headers } = c.body(null, 200);
  return new Response(body, { status: 200, headers, encodeBody: coding === "identity" ? "automatic" : "manual" });
}

function representationKey(hash: string, variant: string): string {
  return `${hash.slice(0, 32)}-${variant}-r${RENDERER_VERSION}`;
}

function entityTag(key: string, coding: ContentCoding): string {
  return `"${key}${ETAG_SUFFIXES[coding]}"`;
}
