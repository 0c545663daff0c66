/**
 * Rendered documents kept in the isolate's memory, keyed by ETag, so that an isolate renders a
 * given version of a feed once. Bounded: the least recently used entry goes first.
 */
export class RenderMemo {
  readonly #entries = new Map<string, string>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
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

  /** Keeps a rendered document, evicting the least recently used one when full. */
  set(etag: string, body: string): void {
    this.#entries.delete(etag);
    this.#entries.set(etag, body);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}
