// At most this many choices are listed whole; more are counted, with the close ones named.
const LISTED = 5;
// Close choices named at most.
const SUGGESTED = 3;

/**
 * The valid choices (such as author keys) a wrong value is checked against, to say in a short
 * line what would be right however many there are. A choice is close to a value when dropping at
 * most one letter from each makes them equal (a letter added, dropped or changed, two neighbours
 * swapped), or when one starts with the other. The index that finds them is built on first use;
 * a lookup then costs about the square of the value's length, and never more than for the
 * longest choice.
 */
export class Choices {
  readonly #all: readonly string[];
  readonly #sorted: readonly string[];
  readonly #set: ReadonlySet<string>;
  readonly #longest: number;
  #byVariant: Map<string, string[]> | undefined;

  constructor(choices: Iterable<string>) {
    this.#all = [...choices];
    this.#sorted = [...this.#all].sort();
    this.#set = new Set(this.#all);
    this.#longest = this.#all.reduce((longest, choice) => Math.max(longest, choice.length), 0);
  }

  /**
   * What the right choices are, for a problem with `value`, counted in `plural` (`authors`):
   * `4 authors: a, b, c, d` when there are few, else `10,000 authors; did you mean a or b?` or
   * `10,000 authors, none close to it`.
   */
  hint(value: string, plural: string): string {
    const count = `${this.#all.length.toLocaleString("en-US")} ${plural}`;
    if (this.#all.length <= LISTED) return `${count}: ${this.#all.join(", ")}`;
    const close = this.#close(value);
    const last = close.pop();
    if (last === undefined) return `${count}, none close to it`;
    return `${count}; did you mean ${close.length > 0 ? `${close.join(", ")} or ` : ""}${last}?`;
  }

  // At most `SUGGESTED` choices close to `value`, the closest kinds first.
  #close(value: string): string[] {
    const found = new Set<string>();
    for (const choice of this.#candidates(value)) {
      if (choice !== value) found.add(choice);
      if (found.size === SUGGESTED) break;
    }
    return [...found];
  }

  // Choices a letter apart from `value`, then those it starts with (longest first), then those starting with it.
  *#candidates(value: string): Generator<string> {
    if (value.length <= this.#longest + 1) {
      for (const variant of variants(value)) {
        if (this.#set.has(variant)) yield variant;
        yield* this.#index().get(variant) ?? [];
      }
    }
    for (let length = Math.min(value.length - 1, this.#longest); length > 0; length--) {
      const start = value.slice(0, length);
      if (this.#set.has(start)) yield start;
    }
    for (let i = lowerBound(this.#sorted, value); this.#sorted[i]?.startsWith(value); i++) {
      yield this.#sorted[i] as string;
    }
  }

  // Each choice by every text it gives with one letter dropped.
  #index(): Map<string, string[]> {
    if (this.#byVariant) return this.#byVariant;
    const index = new Map<string, string[]>();
    for (const choice of this.#all) {
      for (const variant of new Set(variants(choice).slice(1))) {
        const list = index.get(variant);
        if (list) list.push(choice);
        else index.set(variant, [choice]);
      }
    }
    this.#byVariant = index;
    return index;
  }
}

// `text` itself, then `text` with each one of its UTF-16 code units dropped.
function variants(text: string): string[] {
  const list = [text];
  for (let i = 0; i < text.length; i++) list.push(text.slice(0, i) + text.slice(i + 1));
  return list;
}

// The first position in `sorted` whose entry is not before `value`.
function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
