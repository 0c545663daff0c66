import { Marked, type MarkedToken, type RendererObject, type Token } from "marked";
import { escapeHtml } from "../render/escape.ts";
import { decodeReferences, safeUrl } from "./links.ts";
import { markdownEffortProblem } from "./markdown-effort.ts";
import { characterReferenceProblem } from "./text.ts";

/** What converting Markdown gave: the HTML, or why there is none. */
export type Converted = { html: string } | { problem: string };

/**
 * Turns an article's Markdown body into the HTML that feeds carry, so that it is safe to embed
 * and means the same in every reader. Raw HTML is shown as text. Links and images are resolved
 * against `pageUrl`, the article's own URL, and kept only when the result is http, https or
 * mailto: an unsafe link keeps its text, an unsafe image becomes its alt text. A numeric character
 * reference to a character XML feeds cannot carry, Markdown that could take marked too long
 * (`markdownEffortProblem`), or Markdown that marked cannot convert, is a problem.
 */
export function markdownToHtml(markdown: string, pageUrl: string): Converted {
  const marked = new Marked({ gfm: true, async: false, renderer: renderer(pageUrl) });
  try {
    const effort = markdownEffortProblem(markdown, marked.defaults);
    if (effort) return { problem: effort };
    const tokens = marked.lexer(markdown);
    const problem = referenceProblem(marked, tokens);
    return problem ? { problem } : { html: marked.parser(tokens) };
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    return { problem: `could not be converted from Markdown (${reason}); simplify or split it` };
  }
}

function renderer(pageUrl: string): RendererObject {
  return {
    html: (token) => escapeHtml(token.text),
    text: (token) => ("escaped" in token && token.escaped ? escapeHtml(token.text) : false),
    link(token) {
      const text = token.autolink ? escapeHtml(token.text) : this.parser.parseInline(token.tokens);
      const href = safeUrl(token.autolink ? token.href : decodeReferences(token.href), pageUrl);
      return href === undefined ? text : `<a href="${escapeHtml(href)}"${titleAttribute(token.title)}>${text}</a>`;
    },
    image(token) {
      const alt = this.parser.parseInline(token.tokens, this.parser.textRenderer);
      const src = safeUrl(decodeReferences(token.href), pageUrl);
      if (src === undefined) return escapeHtml(alt);
      return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${titleAttribute(token.title)}>`;
    },
  };
}

// Marked decodes references in text itself (turning some into U+FFFD); autolinks are literal.
function referenceProblem(marked: Marked, tokens: Token[]): string | undefined {
  const literal = new Set<Token>();
  let problem: string | undefined;
  marked.walkTokens(tokens, (token) => {
    const t = token as MarkedToken;
    if (problem !== undefined || literal.has(t)) return;
    if (t.type === "link" && t.autolink) for (const child of t.tokens) literal.add(child);
    else if (t.type === "link" || t.type === "image") problem = characterReferenceProblem(`${t.href} ${t.title ?? ""}`);
    else if (t.type === "text" && !t.tokens && !t.escaped) problem = characterReferenceProblem(t.raw);
  });
  return problem;
}

function titleAttribute(title: string | null | undefined): string {
  return title ? ` title="${escapeHtml(decodeReferences(title))}"` : "";
}
