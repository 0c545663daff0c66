// More than this many problems in one file are counted, not listed: a file with 20,000 unknown
// fields is one mistake, and its first lines say which.
const LISTED_PER_FILE = 20;

/** How a problem names where it is: `file:field` for content files, a JSON path for the API. */
export type ProblemPlace = (file: string, field: string) => string;

/** Content files name a problem's place as `file:field`. */
export const filePlace: ProblemPlace = (file, field) => `${file}:${field}`;

/** The ingest API names it as a JSON path: `articles[3].image.width`. */
export const jsonPlace: ProblemPlace = (at, field) => (at ? `${at}.${field}` : field);

/**
 * Collects every problem found in content as `file:field: message` (or `path: message` for the
 * ingest API, see `ProblemPlace`), so that one run reports all of them and publishing can refuse
 * to write anything while any remain.
 */
export class Problems {
  readonly #entries: (string | { unlisted: string })[] = [];
  readonly #counts = new Map<string, number>();
  readonly #place: ProblemPlace;

  constructor(place: ProblemPlace = filePlace) {
    this.#place = place;
  }

  /** Records a problem with a field (or `-` for the file as a whole). */
  add(file: string, field: string, message: string): void {
    const count = (this.#counts.get(file) ?? 0) + 1;
    this.#counts.set(file, count);
    if (count <= LISTED_PER_FILE) this.#entries.push(`${this.#place(file, field)}: ${message}`);
    else if (count === LISTED_PER_FILE + 1) this.#entries.push({ unlisted: file });
  }

  /** Records a problem with a command-line option, as `--name: message`. */
  option(name: string, message: string): undefined {
    this.#entries.push(`${name}: ${message}`);
    return undefined;
  }

  /** Adds the problems `other` recorded, after these (of files `other` alone has problems in). */
  append(other: Problems): void {
    this.#entries.push(...other.#entries);
    for (const [file, count] of other.#counts) this.#counts.set(file, (this.#counts.get(file) ?? 0) + count);
  }

  /** All problems recorded so far, in the order found, each file's beyond the first 20 as one line. */
  get lines(): readonly string[] {
    return this.#entries.map((entry) => {
      if (typeof entry === "string") return entry;
      const more = (this.#counts.get(entry.unlisted) ?? 0) - LISTED_PER_FILE;
      return `${this.#place(entry.unlisted, "-")}: ${more} more problem(s) not listed; fix the ones above first`;
    });
  }
}
