/**
 * Rendered documents kept in the isolate's memory, keyed by ETag, so that an isolate renders a
 * given version of a feed once. Bounded by total size, well inside a Worker's 128 MB: the least
 * recently used documents go first.
 */
export class RenderMemo {
  readonly #entries = new Map<string, string>();
  readonly #maxChars: number;
  #chars = 0;

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  /** The document rendered for this ETag, if this isolate has it. */
  get(etag: string): string | undefined {
    const body = this.#entries.get(etag);
    if (body !== undefined) {
      this.#entries.delete(etag);
      this.#entries.set(etag, body);
    }
    return body;
  }

  /** Keeps a rendered document, evicting the least recently used ones while over the bound. */
  set(etag: string, body: string): void {
    if (body.length > this.#maxChars) return;
    this.#remove(etag);
    this.#entries.set(etag, body);
    this.#chars += body.length;
    for (const oldest of this.#entries.keys()) {
      if (this.#chars <= this.#maxChars) break;
      this.#remove(oldest);
    }
  }

  #remove(etag: string): void {
    const body = this.#entries.get(etag);
    if (body === undefined) return;
    this.#entries.delete(etag);
    this.#chars -= body.length;
  }
}
