// Characters XML 1.0 forbids (C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF),
// plus the C1 controls it discourages. None may appear in published text.
const ILLEGAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;

/** Describes the first character that cannot appear in published text, or `undefined`. */
export function illegalCharacterProblem(text: string): string | undefined {
  const m = ILLEGAL.exec(text);
  if (!m) return undefined;
  const code = m[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0");
  return `contains the character U+${code} at offset ${m.index}, which XML feeds cannot carry`;
}

/** Describes why `text` cannot be a one-line field (title, tag, name), or `undefined`. */
export function singleLineProblem(text: string): string | undefined {
  if (text.trim() === "") return "is empty";
  if (LINE_BREAK_OR_TAB.test(text)) return "must be a single line (no line breaks or tabs)";
  if (text !== text.trim()) return "has leading or trailing spaces";
  if (/\s{2}/.test(text)) return "has repeated spaces";
  return illegalCharacterProblem(text);
}

/** NFC-normalises text and turns CRLF and lone CR into LF, as XML parsers would. */
export function normaliseText(text: string): string {
  return text.normalize("NFC").replace(/\r\n?/g, "\n");
}
