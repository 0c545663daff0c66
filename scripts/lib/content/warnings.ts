// Warnings listed one by one; past this many they are counted, so that a store with thousands of
// narrow images still gives a short report.
const LISTED = 20;

/** Collects `file:field: warning: message` lines: things partners dislike that do not stop a publish. */
export class Warnings {
  readonly #lines: string[] = [];
  readonly #fields: [string, string][] = [];
  #count = 0;

  /** Records a warning about a field. */
  add(file: string, field: string, message: string): void {
    this.#count++;
    if (this.#count > LISTED) return;
    this.#lines.push(`${file}:${field}: warning: ${message}`);
    this.#fields.push([field, message]);
  }

  /** The field and message of each warning listed that was added here (not appended). */
  get fields(): readonly [string, string][] {
    return this.#fields;
  }

  /** Adds the warnings `other` recorded, after these. */
  append(other: Warnings): void {
    this.#lines.push(...other.#lines.slice(0, Math.max(0, LISTED - this.#lines.length)));
    this.#count += other.#count;
  }

  /** The first 20 warnings, then one line counting the rest. */
  get lines(): readonly string[] {
    const more = this.#count - LISTED;
    return more > 0 ? [...this.#lines, `${more} more warning(s) not listed (${this.#count} in all).`] : this.#lines;
  }
}
