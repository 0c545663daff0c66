import { decodeReferences, safeUrl } from "../../content/links.ts";
import { escapeHtml } from "../../render/escape.ts";

// Elements kept, each with the attributes it may keep; any other element is dropped but its text kept.
const ALLOWED: Record<string, readonly string[]> = {
  a: ["href", "title"],
  img: ["src", "alt", "title", "width", "height"],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan"],
  ...Object.fromEntries(
    [
      "p br hr h1 h2 h3 h4 h5 h6 blockquote ul ol li em strong b i u s sub sup code pre figure figcaption",
      "table thead tbody tfoot tr caption dl dt dd abbr cite q small mark del ins span div",
    ]
      .join(" ")
      .split(" ")
      .map((tag) => [tag, []]),
  ),
};
// Elements dropped with everything inside them: they run code, style the page or embed other
// documents; and those whose content the parser reads as raw text (xmp, noembed, noframes, listing,
// plaintext), which no handler sees, so that keeping it would pass any markup inside through.
const DROPPED = new Set(
  "script style iframe frame frameset object embed noscript noembed noframes xmp listing plaintext template svg math form input button textarea select option head title meta link base audio video source track canvas applet portal".split(
    " ",
  ),
);

/**
 * Sanitises HTML a CMS sends as an article's body, by the rules Markdown bodies follow: only an
 * allow-list of elements and attributes is kept (any other element loses its tags but keeps its
 * text; scripts, styles, frames, forms and raw-text elements go with their content; comments go),
 * and links and images are resolved against `pageUrl` and kept only as http, https or mailto —
 * an unsafe link keeps its text, an unsafe image becomes its alt text. Uses the Workers runtime's
 * streaming HTML parser, `HTMLRewriter`.
 */
export async function sanitiseHtml(html: string, pageUrl: string): Promise<string> {
  const rewriter = new HTMLRewriter()
    .on("*", {
      element(element) {
        const tag = element.tagName.toLowerCase();
        if (DROPPED.has(tag)) return void element.remove();
        const allowed = ALLOWED[tag];
        if (!allowed) return void element.removeAndKeepContent();
        for (const [name] of [...element.attributes]) {
          if (name && !allowed.includes(name.toLowerCase())) element.removeAttribute(name);
        }
        if (tag === "a") keepLink(element, "href", pageUrl, () => element.removeAndKeepContent());
        if (tag === "img") {
          const alt = element.getAttribute("alt") ?? "";
          keepLink(element, "src", pageUrl, () => element.replace(escapeHtml(decodeReferences(alt)), { html: true }));
        }
      },
      comments(comment) {
        comment.remove();
      },
    })
    .onDocument({
      comments(comment) {
        comment.remove();
      },
    });
  return rewriter.transform(new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } })).text();
}

// Makes the address in `attribute` absolute, or calls `unsafe` when it is missing or not http(s)/mailto.
function keepLink(element: Element, attribute: string, pageUrl: string, unsafe: () => void): void {
  const raw = element.getAttribute(attribute);
  const url = raw === null ? undefined : safeUrl(decodeReferences(raw), pageUrl);
  if (url === undefined) unsafe();
  else element.setAttribute(attribute, escapeHtml(url));
}
