import { MAX_EMPHASIS_MARKS_SQUARED, MAX_MARKDOWN_PREFIX_COLUMNS } from "./limits.ts";

/**
 * Why converting `markdown` could take too long, if it could: marked's time grows with the square
 * of the `*` and `_` marks within one paragraph (200 KB of `_a_a…` takes half a minute) and with
 * the depth of nested lists and quotes. The Worker cannot stop a conversion once started, so
 * what could exceed its CPU time is refused before. The rule is cheap and errs on the safe side:
 * a paragraph is counted to the next blank line whatever it holds, and a line's depth is the
 * width of its leading spaces, quote marks and list markers.
 */
export function markdownEffortProblem(markdown: string): string | undefined {
  let squares = 0;
  let line = 1;
  let widest: { line: number; marks: number } | undefined;
  for (const paragraph of markdown.split(BLANK_LINE)) {
    const marks = countMarks(paragraph);
    squares += marks * marks;
    if (marks > (widest?.marks ?? 0)) widest = { line: line + (paragraph.startsWith("\n") ? 1 : 0), marks };
    const deep = deepLine(paragraph);
    if (deep !== undefined) {
      return (
        `line ${line + deep} of the body nests lists or quotes deeper than ${MAX_MARKDOWN_PREFIX_COLUMNS} columns of ` +
        "leading spaces, `>` and list markers, more than Markdown converts in time; flatten it"
      );
    }
    line += newlines(paragraph) + 1;
  }
  if (squares <= MAX_EMPHASIS_MARKS_SQUARED || !widest) return undefined;
  return (
    `has paragraphs with more \`*\` and \`_\` marks than Markdown converts in time (${widest.marks} in the ` +
    `paragraph at line ${widest.line} of the body; at most ${Math.floor(Math.sqrt(MAX_EMPHASIS_MARKS_SQUARED))} in one ` +
    "paragraph, fewer when there are many such); remove marks or split the paragraphs"
  );
}

// A blank line: where a paragraph (and any run of inline Markdown) ends. The newline that ends it
// is matched, so that lines are counted by the newlines left in each paragraph plus one.
const BLANK_LINE = /\n[ \t]*(?=\n)/;
// The leading spaces, tabs, quote marks and list markers of a line.
const PREFIX = /^(?:[ \t>]|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/gm;

function countMarks(text: string): number {
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 95) marks++;
  }
  return marks;
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

// The number (from 0) of the first line of `paragraph` whose prefix is too wide, if any.
function deepLine(paragraph: string): number | undefined {
  for (const match of paragraph.matchAll(PREFIX)) {
    const prefix = match[0];
    if (prefix.length + 3 * countTabs(prefix) > MAX_MARKDOWN_PREFIX_COLUMNS) {
      return newlines(paragraph.slice(0, match.index));
    }
  }
  return undefined;
}

function countTabs(text: string): number {
  return text.split("\t").length - 1;
}
