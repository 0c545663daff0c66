import { Lexer, type MarkedOptions } from "marked";
import { MAX_EMPHASIS_MARKS_SQUARED, MAX_MARKDOWN_PREFIX_COLUMNS } from "./limits.ts";

/**
 * Why converting `markdown` with `options` could take too long, if it could: marked's time grows
 * with the depth of nested lists and quotes, and with the square of the `*` and `_` marks within
 * one run of inline text (a paragraph, a heading, a list item's text, a table cell): 200 KB of
 * `_a_a…` takes half a minute. The Worker cannot stop a conversion once started, so what could
 * exceed its CPU time is refused before. A line's depth is the width of its leading spaces, quote
 * marks and list markers, checked first; the runs of inline text are those marked's own block
 * lexer finds, which takes time in proportion to the text once depth is bounded.
 */
export function markdownEffortProblem(markdown: string, options: MarkedOptions): string | undefined {
  const deep = deepLine(markdown);
  if (deep !== undefined) {
    return (
      `line ${deep} of the body has more than ${MAX_MARKDOWN_PREFIX_COLUMNS} columns of leading spaces, \`>\` ` +
      "and list markers (lists or quotes nested that deep, or indented code), more than Markdown converts in " +
      "time; flatten or unindent it"
    );
  }
  const lexer = new Lexer(options);
  lexer.blockTokens(markdown.replace(/\r\n?/g, "\n"));
  let squares = 0;
  let widest: { src: string; marks: number } | undefined;
  for (const { src } of lexer.inlineQueue) {
    const marks = countMarks(src);
    squares += marks * marks;
    if (marks > (widest?.marks ?? 0)) widest = { src, marks };
  }
  if (squares <= MAX_EMPHASIS_MARKS_SQUARED || !widest) return undefined;
  const start = widest.src.slice(0, 200).replace(/\s+/g, " ").trim().slice(0, 40);
  return (
    `has more \`*\` and \`_\` marks in its paragraphs than Markdown converts in time (${widest.marks} in the one ` +
    `beginning "${start}"; at most ${Math.sqrt(MAX_EMPHASIS_MARKS_SQUARED).toLocaleString("en-US")} in one paragraph, fewer when there ` +
    "are many such); remove marks or split the paragraphs"
  );
}

// The leading spaces, tabs, quote marks and list markers of a line.
const PREFIX = /^(?:[ \t>]|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/gm;

// The number (from 1) of the first line whose prefix is too wide (a tab counting four columns), if any.
function deepLine(markdown: string): number | undefined {
  for (const match of markdown.matchAll(PREFIX)) {
    const prefix = match[0];
    if (prefix.length + 3 * (prefix.split("\t").length - 1) > MAX_MARKDOWN_PREFIX_COLUMNS) {
      return markdown.slice(0, match.index).split("\n").length;
    }
  }
  return undefined;
}

function countMarks(text: string): number {
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 95) marks++;
  }
  return marks;
}
