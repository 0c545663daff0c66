/** The schemes a link or image in an article may have. */
const SCHEMES = ["http:", "https:", "mailto:"];
// The character references decoded in link destinations and titles: numeric ones and XML's five.
const REFERENCE = /&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * A link or image address made absolute against `pageUrl` by the WHATWG URL parser, or
 * `undefined` unless it is then http, https or mailto.
 */
export function safeUrl(href: string, pageUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return undefined;
  }
  return SCHEMES.includes(url.protocol) ? url.href : undefined;
}

/**
 * Text with numeric character references and `&amp; &lt; &gt; &quot; &apos;` decoded; other named
 * ones stay literal, and a reference beyond U+10FFFF becomes U+FFFD.
 */
export function decodeReferences(text: string): string {
  return text.replace(REFERENCE, (_, decimal?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name] ?? "";
    const code = decimal ? Number(decimal) : Number.parseInt(hex ?? "", 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD";
  });
}
