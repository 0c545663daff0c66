import { escapeXml } from "./escape.ts";
import { FeedOutputChanged } from "./splice.ts";

/*
 * U+FFFE and U+FFFF can never occur in published text (content/text.ts refuses them),
 * so a token made of them cannot collide with anything an editor wrote.
 */
const TOKEN = /\uFFFF(\d+)\uFFFE/g;

/** A regular expression source for a token alone in a CDATA section, capturing the token. */
export const SEALED_CDATA = String.raw`<!\[CDATA\[(\uFFFF\d+\uFFFE)\]\]>`;
const CDATA_SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const LONE_TOKEN = /^\uFFFF\d+\uFFFE$/;

/**
 * Stands in for text while `feed` writes a document (`feed@6` escapes `]]>` only once per CDATA
 * section, leaves `<` raw in attributes and turns a literal `&amp;` in text into `&`), then puts
 * the text back, escaped for the place the token landed: CDATA sections are rebuilt safely and
 * anything else, character data or attribute value, is escaped as XML.
 */
export class Sealer {
  readonly #texts: string[] = [];

  /** Returns an opaque token that stands for `text`. */
  seal(text: string): string {
    this.#texts.push(text);
    return `\uFFFF${this.#texts.length - 1}\uFFFE`;
  }

  /**
   * Replaces every token in an XML document. Throws `FeedOutputChanged` when a CDATA section holds
   * a token together with other text or other tokens, whose text could not be put back safely.
   */
  unsealXml(xml: string): string {
    return xml
      .replace(CDATA_SECTION, (section, text: string) => this.#unsealCdata(section, text))
      .replace(TOKEN, (token) => escapeXml(this.#unsealText(token)));
  }

  #unsealCdata(section: string, text: string): string {
    if (LONE_TOKEN.test(text)) return cdata(this.#unsealText(text));
    if (!text.includes("\uFFFF")) return section;
    const shown = section.replace(TOKEN, (_, index: string) => `{sealed text ${index}}`);
    throw new FeedOutputChanged(`expected a sealed text alone in its CDATA section, found ${shown}`);
  }

  /** Replaces every token in the JSON object written by `feed`. */
  unsealJson(json: string): Record<string, unknown> {
    return this.#unseal(JSON.parse(json)) as Record<string, unknown>;
  }

  #unseal(value: unknown): unknown {
    if (typeof value === "string") return this.#unsealText(value);
    if (Array.isArray(value)) return value.map((v) => this.#unseal(v));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.#unseal(v)]));
    }
    return value;
  }

  #unsealText(sealed: string): string {
    return sealed.replace(TOKEN, (_, index: string) => {
      const text = this.#texts[Number(index)];
      if (text === undefined) throw new Error(`unknown token ${index}`);
      return text;
    });
  }
}

// Wraps text in CDATA, splitting every `]]>` so that the section cannot end early.
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}
