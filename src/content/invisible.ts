import { characterLabel } from "./characters.ts";

// Where an invisible character does a visible job: it joins the characters around it.
const JOINS = new RegExp(
  [
    // ZWNJ or ZWJ between Devanagari characters, the conjunct control of क्‍ष or क्‌ष.
    "(?<=[\\u0900-\\u097F])[\\u200C\\u200D](?=[\\u0900-\\u097F])",
    // ZWJ inside an emoji sequence such as 👩🏽‍💻.
    "(?<=[\\p{Extended_Pictographic}\\u{1F3FB}-\\u{1F3FF}\\uFE0F])\\u200D(?=\\p{Extended_Pictographic})",
    // A text or emoji presentation selector after a character that has both, as in ❤️.
    "(?<=\\p{Emoji})[\\uFE0E\\uFE0F]",
    // The tag characters of a flag such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿.
    "(?<=\\u{1F3F4}[\\u{E0020}-\\u{E007E}]*)[\\u{E0020}-\\u{E007F}]",
  ].join("|"),
  "uy",
);
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/**
 * Describes the first invisible character `text` may not contain, or `undefined`. Invisible
 * characters make look-alikes (a tag that reads exactly like another but is a second tag), and
 * bidirectional controls reorder what is shown. So bidi embeddings, overrides and isolates are
 * refused anywhere, and every other format character or default-ignorable code point wherever it
 * does not join: ZWJ/ZWNJ between Devanagari characters, ZWJ inside emoji, emoji presentation
 * selectors and the tag characters of flags are kept.
 */
export function invisibleCharacterProblem(text: string): string | undefined {
  for (const m of text.matchAll(INVISIBLE)) {
    const label = characterLabel(m[0].codePointAt(0) ?? 0);
    if (BIDI_CONTROL.test(m[0])) {
      return `contains ${label} at offset ${m.index}, which changes the order text is shown in; remove it`;
    }
    JOINS.lastIndex = m.index;
    if (JOINS.test(text)) continue;
    if (m.index === 0) return `starts with ${label}, an invisible character; remove it`;
    if (m.index + m[0].length === text.length) return `ends with ${label}, an invisible character; remove it`;
    return (
      `contains ${label} at offset ${m.index}, an invisible character that makes look-alike text; remove it ` +
      "(invisible joiners may only join Devanagari letters or emoji)"
    );
  }
  return undefined;
}
