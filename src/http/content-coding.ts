/** The content codings every rendered document is kept in. */
export type ContentCoding = "identity" | "gzip";

/**
 * The coding to answer with, given the client's `Accept-Encoding` (RFC 9110 §12.5.3): gzip when
 * the client accepts it at least as much as identity, identity otherwise, and `undefined` when it
 * refuses both (`identity;q=0` or `*;q=0` with no acceptable gzip). Codings are compared without
 * case, `x-gzip` is gzip, `*` stands for any coding not listed, a member with a malformed weight is
 * ignored, and identity stays acceptable unless refused. No header at all gets identity, so a
 * client that did not ask for compression (curl without `--compressed`) gets a plain document.
 */
export function chooseCoding(acceptEncoding: string | null): ContentCoding | undefined {
  if (acceptEncoding === null) return "identity";
  const weights = codingWeights(acceptEncoding);
  const gzip = weights.get("gzip") ?? weights.get("x-gzip") ?? weights.get("*") ?? 0;
  const identity = weights.get("identity") ?? weights.get("*");
  if (identity === undefined) return gzip > 0 ? "gzip" : "identity";
  if (gzip > 0 && gzip >= identity) return "gzip";
  return identity > 0 ? "identity" : undefined;
}

/**
 * The client's own `Accept-Encoding`. Cloudflare, and `wrangler dev` likewise, replace the header
 * a Worker sees with `br, gzip` and keep the client's value in `request.cf.clientAcceptEncoding`
 * (an empty string when the client sent none, under `wrangler dev`); without that property the
 * header is the client's.
 */
export function clientAcceptEncoding(request: Request): string | null {
  const original: unknown = request.cf?.clientAcceptEncoding;
  return typeof original === "string" ? original : request.headers.get("Accept-Encoding");
}

// A coding token with an optional weight: `gzip`, `gzip;q=0.5`, `*; q=0`, `identity;q=1.000`.
const MEMBER = /^([!#$%&'*+.^_`|~0-9a-z-]+)[ \t]*(?:;[ \t]*q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?))?$/;

function codingWeights(field: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const member of field.toLowerCase().split(",")) {
    const match = MEMBER.exec(member.trim());
    if (match?.[1] !== undefined) weights.set(match[1], Number(match[2] ?? 1));
  }
  return weights;
}
