import type { ContentCoding } from "./content-coding.ts";

/** A rendered document as the bytes of every content coding it is served in. */
export type EncodedDocument = Readonly<Record<ContentCoding, Uint8Array>>;

/**
 * Encodes a rendered document once: its UTF-8 bytes and their gzip form, made by the runtime's
 * `CompressionStream` (workerd offers no brotli one), so that no request encodes or compresses it again.
 */
export async function encodeDocument(text: string): Promise<EncodedDocument> {
  const identity = new TextEncoder().encode(text);
  const compressed = new Blob([identity]).stream().pipeThrough(new CompressionStream("gzip"));
  return { identity, gzip: new Uint8Array(await new Response(compressed).arrayBuffer()) };
}
