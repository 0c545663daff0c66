import { Feed, type Item } from "feed";
import { documentDir } from "../content/archive.ts";
import type { Article, Author, FeedPage, Site } from "../content/model.ts";
import {
  articleUrl,
  authorPageUrl,
  FEED_MEDIA_TYPES,
  type FeedFormat,
  feedHomeUrl,
  feedId,
  feedUrl,
} from "../content/urls.ts";
import { chainLinks } from "./chain-links.ts";
import { correctionsNote } from "./corrections-note.ts";
import { escapeHtml } from "./escape.ts";
import {
  FEED_HISTORY_NAMESPACE,
  OffsetDate,
  rssCreators,
  toJsonFeed11,
  withAtomEntryElements,
  withAtomPlainText,
  withLinks,
  withRootAttributes,
} from "./feed-gaps.ts";
import { atomEnclosure, MEDIA_RSS_NAMESPACE, mediaRssElements } from "./image-elements.ts";
import { leadFigure } from "./lead-figure.ts";
import { Sealer } from "./sealer.ts";
import { siteImages } from "./site-images.ts";
import { toExtension } from "./xml-element.ts";

/**
 * Version of everything rendered from content, feeds and HTML pages alike. Part of every ETag, so
 * bump it whenever the same content would render to different bytes (a test fails until you do).
 */
export const RENDERER_VERSION = 5;

/** Options that come from HTTP rather than content. */
export interface RenderOptions {
  /** RSS `<ttl>`, in minutes: how long a reader may cache the feed. */
  ttlMinutes: number;
}

/**
 * Renders a feed document as RSS 2.0, Atom 1.0 or JSON Feed 1.1. The output depends only on the
 * page and the options, so equal content gives byte-identical documents.
 */
export function renderFeed(page: FeedPage, format: FeedFormat, options: RenderOptions): string {
  const sealer = new Sealer();
  const seal = (text: string) => sealer.seal(text);
  const feed = buildFeed(page, format, options, seal);
  const links = chainLinks(page, format);
  const extraLinks = [
    ...(links.current ? [{ rel: "current", href: links.current, type: FEED_MEDIA_TYPES[format] }] : []),
    ...(links.prevArchive ? [{ rel: "prev-archive", href: links.prevArchive, type: FEED_MEDIA_TYPES[format] }] : []),
    ...(links.nextArchive ? [{ rel: "next-archive", href: links.nextArchive, type: FEED_MEDIA_TYPES[format] }] : []),
  ];
  const isArchive = page.archive.page !== null;
  const namespaces = {
    ...(isArchive ? { "xmlns:fh": FEED_HISTORY_NAMESPACE } : {}),
    ...(page.items.some((article) => article.image) ? { "xmlns:media": MEDIA_RSS_NAMESPACE } : {}),
  };
  switch (format) {
    case "rss":
      return sealer.unsealXml(withLinks(withRootAttributes(feed.rss2(), "rss", namespaces), extraLinks, isArchive));
    case "atom": {
      const root = withRootAttributes(feed.atom1(), "atom", { ...namespaces, "xml:lang": page.site.language });
      const entries = page.items.map(({ image }) =>
        image ? [atomEnclosure(image.large, seal), ...mediaRssElements(image, seal)] : [],
      );
      const atom = withAtomEntryElements(withAtomPlainText(root, page.items.length), entries);
      return sealer.unsealXml(withLinks(atom, extraLinks, isArchive));
    }
    case "json": {
      const { websubHub } = page.site;
      const { favicon } = siteImages(page.site, format);
      const extras = {
        language: page.site.language,
        ...(favicon ? { favicon } : {}),
        ...(links.prevArchive ? { next_url: links.prevArchive } : {}),
        ...(websubHub ? { hubs: [{ type: "WebSub", url: websubHub }] } : {}),
      };
      const authors = page.items.map((article) => article.authors.map((author) => jsonAuthor(page.site, author)));
      return JSON.stringify(toJsonFeed11(sealer.unsealJson(feed.json1()), extras, authors), null, 2);
    }
  }
}

function buildFeed(page: FeedPage, format: FeedFormat, options: RenderOptions, s: (text: string) => string): Feed {
  const { site } = page;
  const self = (f: FeedFormat) => feedUrl(site, documentDir(page.dir, page.archive.page), f);
  const images = Object.entries(siteImages(site, format)).map(([role, url]) => [role, s(url)]);
  const feed = new Feed({
    id: feedId(site, page.dir),
    title: s(page.title),
    description: s(page.description),
    link: feedHomeUrl(site, page.dir),
    language: site.language,
    copyright: s(site.rights),
    updated: new OffsetDate(page.updated),
    generator: "Patrika",
    feedLinks: { rss: self("rss"), atom: self("atom"), json: self("json") },
    author: { name: s(site.publisher) },
    ttl: options.ttlMinutes,
    ...(site.websubHub ? { hub: site.websubHub } : {}),
    ...Object.fromEntries(images),
  });
  for (const article of page.items) {
    feed.addItem({
      id: article.id,
      link: articleUrl(site, article.slug),
      title: s(article.title),
      description: s(format === "rss" ? escapeHtml(article.summary) : article.summary),
      content: s(fullContent(article)),
      date: new OffsetDate(article.updated),
      published: new OffsetDate(article.published),
      category: article.tags.map((tag) => ({ name: s(tag), term: s(tag) })),
      ...formatFields(site, article, format, s),
    });
  }
  return feed;
}

// What readers that show only an item's content get: the lead image, the body, the corrections.
function fullContent(article: Article): string {
  const figure = article.image ? leadFigure(article.image) : "";
  return figure + article.contentHtml + correctionsNote(article.corrections);
}

// What an item carries differently per format: its author, and its image where `feed` writes it
// (the RSS enclosure and the JSON Feed `image`; Atom's come from withAtomEntryElements).
function formatFields(site: Site, article: Article, format: FeedFormat, s: (text: string) => string): Partial<Item> {
  const { image } = article;
  const enclosure = image
    ? { image: { url: image.large.url, length: image.large.bytes ?? 0, type: s(image.large.type) } }
    : {};
  switch (format) {
    case "rss": {
      const media = image ? mediaRssElements(image, s).map(toExtension) : [];
      return { extensions: [rssCreators(article.authors.map((a) => s(a.name))), ...media], ...enclosure };
    }
    case "atom":
      return { author: article.authors.map((a) => ({ name: s(a.name), ...authorLink(site, a) })) };
    case "json":
      return enclosure;
  }
}

// An author's page on this site, for those listed in authors.yaml.
function authorLink(site: Site, author: Author): { link?: string } {
  return author.key === undefined ? {} : { link: authorPageUrl(site, author.key) };
}

// An author as JSON Feed 1.1 describes one: name, the URL of their page, their avatar.
function jsonAuthor(site: Site, author: Author): Record<string, string> {
  const { link } = authorLink(site, author);
  return {
    name: author.name,
    ...(link === undefined ? {} : { url: link }),
    ...(author.avatar === undefined ? {} : { avatar: author.avatar.url }),
  };
}
