import { offsetDateTimeProblem } from "./dates.ts";
import type { Problems } from "./problems.ts";
import { freeTextProblem, normaliseText, notTextProblem, singleLineProblem } from "./text.ts";

/**
 * Reads typed fields out of parsed YAML for one file, recording a problem (and returning
 * `undefined`) for each field that is missing or wrong. All text comes back NFC-normalised.
 */
export class Fields {
  readonly #data: Record<string, unknown>;
  readonly #file: string;
  readonly #problems: Problems;
  readonly #prefix: string;

  /** `prefix` names the mapping these fields sit in (`image.`), for the fields of a nested mapping. */
  constructor(data: Record<string, unknown>, file: string, problems: Problems, known: readonly string[], prefix = "") {
    this.#data = data;
    this.#file = file;
    this.#problems = problems;
    this.#prefix = prefix;
    for (const key of Object.keys(data)) {
      if (!known.includes(key)) this.#fail(key, `unknown field (expected one of: ${known.join(", ")})`);
    }
  }

  /** How problems name `field`: with the mapping it sits in (`image.src`). */
  path(field: string): string {
    return `${this.#prefix}${field}`;
  }

  /** Whether the field is present at all. */
  has(field: string): boolean {
    return this.#data[field] !== undefined && this.#data[field] !== null;
  }

  /** A one-line text field such as a title or a name. */
  line(field: string, required = true): string | undefined {
    const text = this.#text(field, required);
    return text === undefined ? undefined : this.#check(field, text, singleLineProblem(text));
  }

  /** A free text field that may span lines. */
  text(field: string, required = true): string | undefined {
    const text = this.#text(field, required);
    if (text === undefined) return undefined;
    const trimmed = text.trim();
    return this.#check(field, trimmed, freeTextProblem(trimmed));
  }

  /** A date-time with an explicit UTC offset. */
  dateTime(field: string, required = true): string | undefined {
    const text = this.#text(field, required);
    return text === undefined ? undefined : this.#check(field, text, offsetDateTimeProblem(text));
  }

  /** A list of one-line texts, without duplicates, each also passing `check` when given. */
  lines(field: string, check: (text: string) => string | undefined = () => undefined): string[] | undefined {
    const value = this.#data[field];
    if (value === undefined || value === null) return this.#fail(field, "is missing");
    if (!Array.isArray(value) || value.length === 0) return this.#fail(field, "must be a non-empty list");
    const items: string[] = [];
    for (const [i, item] of value.entries()) {
      const name = `${field}[${i}]`;
      if (typeof item !== "string") {
        this.#fail(name, notTextProblem(item));
        continue;
      }
      const text = normaliseText(item);
      const problem =
        singleLineProblem(text) ?? check(text) ?? (items.includes(text) ? `repeats "${text}"` : undefined);
      if (this.#check(name, text, problem) !== undefined) items.push(text);
    }
    return items.length === value.length ? items : undefined;
  }

  /** An optional yes/no field: `true` or `false`, `false` when absent. */
  boolean(field: string): boolean {
    const value = this.#data[field];
    if (value === undefined || value === null) return false;
    if (typeof value !== "boolean") return this.#fail(field, "must be true or false") ?? false;
    return value;
  }

  /** A whole number within bounds. */
  integer(field: string, min: number, max: number): number | undefined {
    const value = this.#data[field];
    if (value === undefined || value === null) return this.#fail(field, "is missing");
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      return this.#fail(field, `must be a whole number from ${min} to ${max}`);
    }
    return value;
  }

  /**
   * The mapping in `field`, read the same way, its problems naming `field.name`; `undefined` when
   * it is absent (a problem if `required`) or not a mapping.
   */
  mapping(field: string, known: readonly string[], required = false): Fields | undefined {
    const value = this.#data[field];
    if (value === undefined || value === null) return required ? this.#fail(field, "is missing") : undefined;
    if (typeof value !== "object" || Array.isArray(value)) {
      return this.#fail(field, `must be a mapping of field: value (${known.join(", ")})`);
    }
    return new Fields(value as Record<string, unknown>, this.#file, this.#problems, known, `${this.#prefix}${field}.`);
  }

  /**
   * The list of mappings in `field`, each read the same way, its problems naming `field[i].name`;
   * an item that is not a mapping is a problem and `undefined`. `undefined` when the field is
   * absent or not a list (a problem).
   */
  mappings(field: string, known: readonly string[]): (Fields | undefined)[] | undefined {
    const value = this.#data[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) return this.#fail(field, `must be a list of mappings (${known.join(", ")})`);
    return value.map((item, i) => {
      const name = `${field}[${i}]`;
      if (item !== null && typeof item === "object" && !Array.isArray(item)) {
        return new Fields(item as Record<string, unknown>, this.#file, this.#problems, known, `${this.path(name)}.`);
      }
      return this.#fail(name, `must be a mapping of field: value (${known.join(", ")})`);
    });
  }

  /** Records a problem with a field that the caller found itself. */
  fail(field: string, message: string): undefined {
    return this.#fail(field, message);
  }

  #text(field: string, required: boolean): string | undefined {
    const value = this.#data[field];
    if (value === undefined || value === null) return required ? this.#fail(field, "is missing") : undefined;
    if (typeof value !== "string") return this.#fail(field, notTextProblem(value));
    return normaliseText(value);
  }

  #check(field: string, text: string, problem: string | undefined): string | undefined {
    return problem === undefined ? text : this.#fail(field, problem);
  }

  #fail(field: string, message: string): undefined {
    this.#problems.add(this.#file, this.path(field), message);
    return undefined;
  }
}
