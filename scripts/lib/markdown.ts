import { Marked, type Tokens } from "marked";
import { escapeHtml } from "../../src/render/escape.ts";

const SAFE_URL = /^(?:https?:|mailto:|[/#?]|\.{0,2}\/)/i;

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.text),
    link(token: Tokens.Link) {
      return SAFE_URL.test(token.href) ? false : this.parser.parseInline(token.tokens);
    },
    image: (token: Tokens.Image) => (SAFE_URL.test(token.href) ? false : escapeHtml(token.text)),
  },
});

/**
 * Turns an article's Markdown body into the HTML that feeds carry. Raw HTML in the source is
 * shown as text, and links or images with a scheme other than http(s) or mailto are dropped,
 * so the stored HTML is safe to embed.
 */
export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown) as string;
}
