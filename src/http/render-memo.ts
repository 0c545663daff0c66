import type { EncodedDocument } from "./encoded-document.ts";

/**
 * Rendered documents kept in the isolate's memory as bytes, each in every coding, keyed by
 * representation, so that an isolate renders and compresses a given version of a document once.
 * Bounded by total bytes, well inside a Worker's 128 MB: the least recently used documents go first.
 */
export class RenderMemo {
  readonly #entries = new Map<string, EncodedDocument>();
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** The document kept for this key, if this isolate has it. */
  get(key: string): EncodedDocument | undefined {
    const document = this.#entries.get(key);
    if (document !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, document);
    }
    return document;
  }

  /** Keeps a document, evicting the least recently used ones while over the bound. */
  set(key: string, document: EncodedDocument): void {
    const bytes = size(document);
    if (bytes > this.#maxBytes) return;
    this.#remove(key);
    this.#entries.set(key, document);
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#remove(oldest);
    }
  }

  #remove(key: string): void {
    const document = this.#entries.get(key);
    if (document === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= size(document);
  }
}

function size(document: EncodedDocument): number {
  return document.identity.byteLength + document.gzip.byteLength;
}
