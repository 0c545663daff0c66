import { epochMillis, offsetDateTimeProblem } from "./dates.ts";
import type { Correction, OffsetDateTime } from "./model.ts";
import { freeTextProblem, normaliseText, notTextProblem } from "./text.ts";

const CORRECTION_FIELDS: readonly string[] = ["date", "text"];

/** A problem with one field, named as problem lines name it: `corrections[0].date`. */
export interface FieldProblem {
  field: string;
  message: string;
}

const FIELD = "corrections";
const BLANK_LINE = /\n[^\S\n]*\n/;

/**
 * Reads an article's `corrections` as parsed from YAML or JSON: a non-empty list of `{ date, text }`,
 * each `date` an offset date-time from `published` to `updated`, each `text` one paragraph of plain
 * text by the summary's rules (NFC-normalised and trimmed here). A date is compared only with the
 * times that are known (`undefined` when they have problems of their own). Gives the corrections
 * in the order written, or every problem.
 */
export function readCorrections(
  value: unknown,
  published: OffsetDateTime | undefined,
  updated: OffsetDateTime | undefined,
): { corrections: Correction[] } | { problems: FieldProblem[] } {
  if (!Array.isArray(value) || value.length === 0) {
    return {
      problems: [
        { field: FIELD, message: "must be a non-empty list of date: …, text: … (leave it out when there is none)" },
      ],
    };
  }
  const problems: FieldProblem[] = [];
  const corrections: Correction[] = [];
  for (const [i, entry] of value.entries()) {
    const fail = (field: string, message: string) => problems.push({ field: `${FIELD}[${i}]${field}`, message });
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      fail("", "must be a mapping of date: …, text: …");
      continue;
    }
    const fields = entry as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (!CORRECTION_FIELDS.includes(key))
        fail(`.${key}`, `unknown field (expected one of: ${CORRECTION_FIELDS.join(", ")})`);
    }
    const date = read(fields.date, (d) => dateProblem(d, published, updated));
    const said = read(fields.text, paragraphProblem);
    if ("problem" in date) fail(".date", date.problem);
    if ("problem" in said) fail(".text", said.problem);
    if ("text" in date && "text" in said) corrections.push({ date: date.text, text: said.text });
  }
  return problems.length > 0 ? { problems } : { corrections };
}

// The NFC-normalised, trimmed text of `value`, or what is wrong with it.
function read(value: unknown, problem: (text: string) => string | undefined): { text: string } | { problem: string } {
  if (value === undefined || value === null) return { problem: "is missing" };
  if (typeof value !== "string") return { problem: notTextProblem(value) };
  const text = normaliseText(value).trim();
  const found = problem(text);
  return found === undefined ? { text } : { problem: found };
}

function dateProblem(
  date: string,
  published: OffsetDateTime | undefined,
  updated: OffsetDateTime | undefined,
): string | undefined {
  const problem = offsetDateTimeProblem(date);
  if (problem) return problem;
  if (published !== undefined && epochMillis(date) < epochMillis(published)) {
    return `"${date}" is earlier than published (${published})`;
  }
  if (updated !== undefined && epochMillis(date) > epochMillis(updated)) {
    return `"${date}" is later than updated (${updated}); set updated to the time of the newest correction or later`;
  }
  return undefined;
}

function paragraphProblem(text: string): string | undefined {
  const problem = freeTextProblem(text);
  if (problem) return problem;
  return BLANK_LINE.test(text) ? "must be one paragraph (no blank lines)" : undefined;
}
