/**
 * The one place that closes the gaps of `feed@6` (jpmonette/feed). `render/feeds.ts` builds
 * documents with `feed` and passes every value through these helpers:
 *
 * 1. Escaping: its XML writer escapes `]]>` only once per CDATA section, leaves `<` raw in
 *    attributes and turns a literal `&amp;` in text into `&`. {@link Sealer} hands `feed` opaque
 *    tokens instead of text and writes the real text, escaped for where each token landed.
 * 2. Dates: it prints every date in UTC. {@link OffsetDate} is a `Date` that serialises with the
 *    article's own offset (`+05:30` stays `+05:30`).
 * 3. RSS authors: it writes a bare name into `<author>`, which RSS 2.0 reserves for an e-mail
 *    address. {@link rssCreator} gives the `dc:creator` element to use instead.
 * 4. Atom language: it cannot set `xml:lang`. {@link withAtomLanguage} adds it to the root.
 * 5. Atom text constructs: it marks every title and summary `type="html"`. {@link Sealer.unsealXml}
 *    writes plain-text ones as `type="text"`.
 * 6. JSON Feed: it writes version 1.0 and no `language`, `next_url` or `hubs`.
 *    {@link toJsonFeed11} upgrades its output to 1.1 and adds them.
 * 7. Links: it writes only `alternate`, `self` and `hub` links. {@link withLinks} adds the RFC 5005
 *    archive links and the `fh:archive` marker to RSS and Atom.
 */

import { toRfc822, toRfc3339 } from "../content/dates.ts";
import type { OffsetDateTime } from "../content/model.ts";

/*
 * U+FFFE and U+FFFF can never occur in published text (content/text.ts refuses them),
 * so a token made of them cannot collide with anything an editor wrote.
 */
const TOKEN = /\uFFFF(\d+)\uFFFE/g;
const CDATA_TOKEN = /<!\[CDATA\[\uFFFF(\d+)\uFFFE\]\]>/g;
const ATOM_PLAIN_TEXT = /<(title|summary) type="html"><!\[CDATA\[\uFFFF(\d+)\uFFFE\]\]><\/\1>/g;
const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Escapes text for XML character data and attribute values alike. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Escapes plain text so that it reads as the same text inside HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

// Wraps text in CDATA, splitting every `]]>` so that the section cannot end early.
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/**
 * Stands in for text while `feed` writes a document, then puts the text back, escaped for the
 * place the token landed: CDATA sections are rebuilt safely, Atom plain-text constructs become
 * `type="text"`, and anything else is escaped as XML.
 */
export class Sealer {
  readonly #texts: string[] = [];

  /** Returns an opaque token that stands for `text`. */
  seal(text: string): string {
    this.#texts.push(text);
    return `\uFFFF${this.#texts.length - 1}\uFFFE`;
  }

  /** Replaces every token in an XML document written by `feed`. */
  unsealXml(xml: string): string {
    return xml
      .replace(
        ATOM_PLAIN_TEXT,
        (_, name: string, i: string) => `<${name} type="text">${escapeXml(this.#text(i))}</${name}>`,
      )
      .replace(CDATA_TOKEN, (_, i: string) => cdata(this.#text(i)))
      .replace(TOKEN, (_, i: string) => escapeXml(this.#text(i)));
  }

  /** Replaces every token in the JSON object written by `feed`. */
  unsealJson(json: string): JsonObject {
    return this.#unseal(JSON.parse(json)) as JsonObject;
  }

  #unseal(value: unknown): unknown {
    if (typeof value === "string") return value.replace(TOKEN, (_, i: string) => this.#text(i));
    if (Array.isArray(value)) return value.map((v) => this.#unseal(v));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.#unseal(v)]));
    }
    return value;
  }

  #text(index: string): string {
    const text = this.#texts[Number(index)];
    if (text === undefined) throw new Error(`unknown token ${index}`);
    return text;
  }
}

/**
 * A `Date` that `feed` serialises with the content's own UTC offset: `toUTCString()` gives the
 * RFC 822 form RSS wants and `toISOString()` the RFC 3339 form Atom and JSON Feed want.
 */
export class OffsetDate extends Date {
  readonly #text: OffsetDateTime;

  constructor(text: OffsetDateTime) {
    super(text);
    this.#text = text;
  }

  override toUTCString(): string {
    return toRfc822(this.#text);
  }

  override toISOString(): string {
    return toRfc3339(this.#text);
  }
}

// The Dublin Core namespace `dc:creator` lives in.
const DC_NAMESPACE = "http://purl.org/dc/elements/1.1/";

/** An RSS item extension that names the author as `<dc:creator>`, the valid form for a bare name. */
export function rssCreator(name: string): { name: string; objects: { _text: string } } {
  return { name: "dc:creator", objects: { _text: name } };
}

/** Makes sure the RSS root declares the `dc` namespace that {@link rssCreator} needs. */
export function withDublinCore(rss: string): string {
  if (rss.includes(`xmlns:dc="${DC_NAMESPACE}"`)) return rss;
  return replaceOnce(rss, '<rss version="2.0"', `<rss version="2.0" xmlns:dc="${DC_NAMESPACE}"`);
}

/** Adds `xml:lang` to the root of an Atom document written by `feed`. */
export function withAtomLanguage(atom: string, language: string): string {
  const root = '<feed xmlns="http://www.w3.org/2005/Atom"';
  return replaceOnce(atom, root, `${root} xml:lang="${escapeXml(language)}"`);
}

type JsonObject = Record<string, unknown>;

/**
 * Upgrades a JSON Feed 1.0 object written by `feed` to JSON Feed 1.1: the new version URL,
 * `authors` arrays instead of `author`, and top-level fields `feed` cannot write (`language`,
 * and `next_url` and `hubs` when given).
 * @see https://www.jsonfeed.org/version/1.1/
 */
export function toJsonFeed11(feed: JsonObject, extras: { language: string } & JsonObject): JsonObject {
  const { author, items, version: _, ...rest } = feed;
  return {
    version: "https://jsonfeed.org/version/1.1",
    ...rest,
    ...extras,
    ...withAuthors(author),
    items: (items as JsonObject[]).map(({ author: itemAuthor, ...item }) => ({ ...item, ...withAuthors(itemAuthor) })),
  };
}

function withAuthors(author: unknown): JsonObject {
  return author === undefined ? {} : { authors: [author] };
}

function replaceOnce(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  if (at < 0) throw new Error(`feed output changed: "${search}" not found`);
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

// The RFC 5005 namespace of `fh:archive`.
const FEED_HISTORY_NAMESPACE = "http://purl.org/syndication/history/1.0";

const SELF_LINK = /^([ \t]*)<(atom:link|link) [^>]*rel="self"[^>]*\/>$/m;

/**
 * Adds links after the self link of an RSS or Atom document written by `feed`, and, for an
 * archive document, the `fh:archive` element with its namespace.
 * @see https://www.rfc-editor.org/rfc/rfc5005#section-4
 */
export function withLinks(
  xml: string,
  links: { rel: string; href: string; type?: string }[],
  isArchive: boolean,
): string {
  const self = SELF_LINK.exec(xml);
  if (!self) throw new Error("feed output changed: no self link found");
  const [line, indent, element] = self;
  const added = links.map(({ rel, href, type }) => {
    const typeAttribute = type ? ` type="${escapeXml(type)}"` : "";
    return `${indent}<${element} href="${escapeXml(href)}" rel="${escapeXml(rel)}"${typeAttribute}/>`;
  });
  if (isArchive) added.push(`${indent}<fh:archive/>`);
  const withAdded = xml.replace(line, [line, ...added].join("\n"));
  if (!isArchive) return withAdded;
  const root = element === "link" ? '<feed xmlns="http://www.w3.org/2005/Atom"' : '<rss version="2.0"';
  return replaceOnce(withAdded, root, `${root} xmlns:fh="${FEED_HISTORY_NAMESPACE}"`);
}
