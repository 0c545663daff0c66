/**
 * Collects every problem found in content as `file:field: message`, so that one run reports all
 * of them and publishing can refuse to write anything while any remain.
 */
export class Problems {
  readonly #lines: string[] = [];

  /** Records a problem with a field (or `-` for the file as a whole). */
  add(file: string, field: string, message: string): void {
    this.#lines.push(`${file}:${field}: ${message}`);
  }

  /** All problems recorded so far, in the order found. */
  get lines(): readonly string[] {
    return this.#lines;
  }
}
