/**
 * The gaps of `feed@6` (jpmonette/feed) and how they are closed. `render/feeds.ts` builds
 * documents with `feed` and passes every value through these helpers:
 *
 * 1. Escaping: its XML writer escapes `]]>` only once per CDATA section, leaves `<` raw in
 *    attributes and turns a literal `&amp;` in text into `&`. `Sealer` (sealer.ts) hands `feed`
 *    opaque tokens instead of text and writes the real text, escaped for where each token landed.
 * 2. Dates: it prints every date in UTC. {@link OffsetDate} is a `Date` that serialises with the
 *    article's own offset (`+05:30` stays `+05:30`).
 * 3. RSS authors: it writes a bare name into `<author>`, which RSS 2.0 reserves for an e-mail
 *    address. {@link rssCreators} gives one `dc:creator` element per author instead.
 * 4. Root attributes: it cannot set Atom's `xml:lang` nor declare the namespaces of `fh:` and
 *    `media:`. {@link withRootAttributes} adds them.
 * 5. Atom text constructs: it marks every title and summary `type="html"`.
 *    {@link withAtomPlainText} writes plain-text ones as `type="text"`.
 * 6. Atom entries: it guesses an enclosure's type from its URL (`image/jpg`, or nonsense without
 *    an extension) and has no entry extensions. {@link withAtomEntryElements} adds the enclosure
 *    and the Media RSS elements to each entry.
 * 7. JSON Feed: it writes version 1.0, only the first of an item's authors, and no `language`,
 *    `favicon`, `next_url` or `hubs`. {@link toJsonFeed11} upgrades its output to 1.1 with every
 *    author and adds them.
 * 8. Links: it writes only `alternate`, `self` and `hub` links. {@link withLinks} adds the RFC 5005
 *    archive links and the `fh:archive` marker to RSS and Atom.
 *
 * The XML helpers edit the document while its text is still sealed, through the checked edits
 * of splice.ts, so each throws when `feed` stops writing what it anchors on.
 */

import type { Extension } from "feed";
import { toRfc822, toRfc3339 } from "../content/dates.ts";
import type { OffsetDateTime } from "../content/model.ts";
import type { FeedFormat } from "../content/urls.ts";
import { escapeXml } from "./escape.ts";
import { SEALED_CDATA } from "./sealer.ts";
import { FeedOutputChanged, insertAfter, insertBeforeEach, replaceEach } from "./splice.ts";
import { toExtension, writeXml, type XmlElement } from "./xml-element.ts";

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

/**
 * An RSS item extension that names each author in a `<dc:creator>`, the valid form for a bare
 * name. `feed` hands an extension's objects to xml-js, which writes an array as repeated elements;
 * its type only admits one object.
 */
export function rssCreators(names: readonly string[]): Extension {
  const objects = names.map((name) => toExtension({ name: "dc:creator", attributes: {}, text: name }).objects);
  return { name: "dc:creator", objects: objects as unknown as Extension["objects"] };
}

// The start of the root element `feed` writes, in each XML format.
const ROOTS = { rss: '<rss version="2.0"', atom: '<feed xmlns="http://www.w3.org/2005/Atom"' } as const;

/** Adds attributes (`xml:lang`, namespace declarations) to the root of an RSS or Atom document. */
export function withRootAttributes(
  xml: string,
  format: Exclude<FeedFormat, "json">,
  attributes: Record<string, string>,
): string {
  const added = Object.entries(attributes).map(([name, value]) => ` ${name}="${escapeXml(value)}"`);
  return insertAfter(xml, ROOTS[format], added.join(""));
}

const ATOM_HTML_TEXT = new RegExp(String.raw`<(title|summary) type="html">${SEALED_CDATA}</\1>`, "g");

/** Marks the title and summary of each of `entries` Atom entries as plain text, which they are. */
export function withAtomPlainText(atom: string, entries: number): string {
  return replaceEach(atom, ATOM_HTML_TEXT, 2 * entries, (_, name, token) => `<${name} type="text">${token}</${name}>`);
}

const ENTRY_END = "\n    </entry>";

/** Adds elements at the end of each Atom entry: `elements[i]` to the i-th entry. */
export function withAtomEntryElements(atom: string, elements: readonly XmlElement[][]): string {
  const insertions = elements.map((list) => list.map((element) => `\n${writeXml(element, "        ")}`).join(""));
  return insertBeforeEach(atom, ENTRY_END, insertions);
}

type JsonObject = Record<string, unknown>;

/**
 * Upgrades a JSON Feed 1.0 object written by `feed` to JSON Feed 1.1: the new version URL,
 * `authors` arrays instead of `author` (for item i, every author in `itemAuthors[i]`), and
 * top-level fields `feed` cannot write (`language`, and `favicon`, `next_url` and `hubs` when given).
 * @see https://www.jsonfeed.org/version/1.1/
 */
export function toJsonFeed11(
  feed: JsonObject,
  extras: { language: string } & JsonObject,
  itemAuthors: readonly JsonObject[][],
): JsonObject {
  const { author, items, version: _, ...rest } = feed;
  const entries = items as JsonObject[];
  if (entries.length !== itemAuthors.length) {
    throw new FeedOutputChanged(`expected ${itemAuthors.length} JSON Feed items, found ${entries.length}`);
  }
  return {
    version: "https://jsonfeed.org/version/1.1",
    ...rest,
    ...extras,
    ...(author === undefined ? {} : { authors: [author] }),
    items: entries.map(({ author: _first, ...item }, i) => ({ ...item, authors: itemAuthors[i] })),
  };
}

/** The RFC 5005 namespace of `fh:archive`. */
export const FEED_HISTORY_NAMESPACE = "http://purl.org/syndication/history/1.0";

const SELF_LINK = /^([ \t]*)<(atom:link|link) [^>]*rel="self"[^>]*\/>$/m;

/**
 * Adds links after the self link of an RSS or Atom document written by `feed`, and, for an
 * archive document, the `fh:archive` element (whose namespace the root must declare).
 * @see https://www.rfc-editor.org/rfc/rfc5005#section-4
 */
export function withLinks(
  xml: string,
  links: { rel: string; href: string; type?: string }[],
  isArchive: boolean,
): string {
  const self = SELF_LINK.exec(xml);
  if (!self) throw new FeedOutputChanged("no self link found");
  const [line, indent, name = "link"] = self;
  const added = links.map(
    ({ rel, href, type }) =>
      `\n${writeXml({ name, attributes: { href, rel, ...(type === undefined ? {} : { type }) } }, indent ?? "")}`,
  );
  if (isArchive) added.push(`\n${indent}<fh:archive/>`);
  return insertAfter(xml, line, added.join(""));
}
