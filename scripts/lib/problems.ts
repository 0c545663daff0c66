import { isAbsolute, relative } from "node:path";

// More than this many problems in one file are counted, not listed: a file with 20,000 unknown
// fields is one mistake, and its first lines say which.
const LISTED_PER_FILE = 20;

/**
 * Collects every problem found in content as `file:field: message`, so that one run reports all
 * of them and publishing can refuse to write anything while any remain.
 */
export class Problems {
  readonly #entries: (string | { unlisted: string })[] = [];
  readonly #counts = new Map<string, number>();

  /** Records a problem with a field (or `-` for the file as a whole). */
  add(file: string, field: string, message: string): void {
    const count = (this.#counts.get(file) ?? 0) + 1;
    this.#counts.set(file, count);
    if (count <= LISTED_PER_FILE) this.#entries.push(`${file}:${field}: ${message}`);
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
      return `${entry.unlisted}:-: ${more} more problem(s) not listed; fix the ones above first`;
    });
  }
}

/** A path as editors see it: relative to the working directory when inside it. */
export function display(file: string): string {
  const path = relative(process.cwd(), file);
  return path && !path.startsWith("..") && !isAbsolute(path) ? path : file;
}
