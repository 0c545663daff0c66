import { characterLabel } from "./characters.ts";
import { invisibleCharacterProblem } from "./invisible.ts";

// Characters XML 1.0 forbids (C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF),
// plus the C1 controls it discourages. None may appear in published text.
const ILLEGAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;
// Numeric character references as HTML parsers read them, where the semicolon is optional.
const NUMERIC_REFERENCE = /&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));?/g;

/** Describes the first character that cannot appear in published text, or `undefined`. */
export function illegalCharacterProblem(text: string): string | undefined {
  const m = ILLEGAL.exec(text);
  if (!m) return undefined;
  return `contains the character ${characterLabel(m[0].codePointAt(0) ?? 0)} at offset ${m.index}, which XML feeds cannot carry`;
}

/**
 * Describes the first numeric character reference (`&#1;`, `&#x1F;`) in `text` to a character XML
 * feeds cannot carry, or `undefined`: HTML readers would decode it into that character.
 */
export function characterReferenceProblem(text: string): string | undefined {
  for (const m of text.matchAll(NUMERIC_REFERENCE)) {
    const code = m[1] === undefined ? Number.parseInt(m[2] ?? "", 16) : Number.parseInt(m[1], 10);
    if (isXmlCharacter(code)) continue;
    const character = code > 0x10ffff ? "a code point beyond U+10FFFF" : characterLabel(code);
    const near = text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20).replace(/\s+/g, " ");
    return `contains "${m[0]}", a reference to ${character}, which XML feeds cannot carry (in "${near}")`;
  }
  return undefined;
}

/** Describes the first character of `html`, raw or referenced, that XML feeds cannot carry, or `undefined`. */
export function htmlCharacterProblem(html: string): string | undefined {
  return illegalCharacterProblem(html) ?? characterReferenceProblem(html);
}

/** Describes why `text` cannot be a one-line field (title, tag, name), or `undefined`. */
export function singleLineProblem(text: string): string | undefined {
  if (text.trim() === "") return "is empty";
  if (LINE_BREAK_OR_TAB.test(text)) return "must be a single line (no line breaks or tabs)";
  const characterProblem = illegalCharacterProblem(text) ?? invisibleCharacterProblem(text);
  if (characterProblem) return characterProblem;
  if (text !== text.trim()) return "has leading or trailing spaces";
  if (/\s{2}/.test(text)) return "has repeated spaces";
  return undefined;
}

/**
 * Describes why `text`, NFC-normalised and trimmed, cannot be a free text field such as a summary
 * (empty, a character XML cannot carry, an invisible or bidi character), or `undefined`.
 */
export function freeTextProblem(text: string): string | undefined {
  if (text === "") return "is empty";
  return illegalCharacterProblem(text) ?? invisibleCharacterProblem(text);
}

/** What to tell an editor who wrote `value`, which is not text, where text belongs. */
export function notTextProblem(value: unknown): string {
  const scalar = typeof value === "number" || typeof value === "boolean";
  return scalar ? `must be text (quote it: "${value}")` : "must be text";
}

/** NFC-normalises text and turns CRLF and lone CR into LF, as XML parsers would. */
export function normaliseText(text: string): string {
  return text.normalize("NFC").replace(/\r\n?/g, "\n");
}

// Whether a code point may appear in published text: a Unicode code point that ILLEGAL does not match.
function isXmlCharacter(code: number): boolean {
  return code <= 0x10ffff && !ILLEGAL.test(String.fromCodePoint(code));
}
