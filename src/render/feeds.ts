import { Feed } from "feed";
import { documentDir } from "../content/archive.ts";
import type { FeedPage } from "../content/model.ts";
import { articleUrl, FEED_MEDIA_TYPES, type FeedFormat, feedHomeUrl, feedId, feedUrl } from "../content/urls.ts";
import { chainLinks } from "./chain-links.ts";
import { escapeHtml } from "./escape.ts";
import {
  FEED_HISTORY_NAMESPACE,
  OffsetDate,
  rssCreator,
  toJsonFeed11,
  withAtomPlainText,
  withLinks,
  withRootAttributes,
} from "./feed-gaps.ts";
import { Sealer } from "./sealer.ts";

/**
 * Version of everything rendered from content, feeds and HTML pages alike. Part of every ETag, so
 * bump it whenever the same content would render to different bytes (a test fails until you do).
 */
export const RENDERER_VERSION = 1;

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
  const namespaces: Record<string, string> = isArchive ? { "xmlns:fh": FEED_HISTORY_NAMESPACE } : {};
  switch (format) {
    case "rss":
      return sealer.unsealXml(withLinks(withRootAttributes(feed.rss2(), "rss", namespaces), extraLinks, isArchive));
    case "atom": {
      const root = withRootAttributes(feed.atom1(), "atom", { ...namespaces, "xml:lang": page.site.language });
      const atom = withAtomPlainText(root, page.items.length);
      return sealer.unsealXml(withLinks(atom, extraLinks, isArchive));
    }
    case "json": {
      const { websubHub } = page.site;
      const extras = {
        language: page.site.language,
        ...(links.prevArchive ? { next_url: links.prevArchive } : {}),
        ...(websubHub ? { hubs: [{ type: "WebSub", url: websubHub }] } : {}),
      };
      return JSON.stringify(toJsonFeed11(sealer.unsealJson(feed.json1()), extras), null, 2);
    }
  }
}

function buildFeed(page: FeedPage, format: FeedFormat, options: RenderOptions, s: (text: string) => string): Feed {
  const { site } = page;
  const self = (f: FeedFormat) => feedUrl(site, documentDir(page.dir, page.archive.page), f);
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
  });
  for (const article of page.items) {
    feed.addItem({
      id: article.id,
      link: articleUrl(site, article.slug),
      title: s(article.title),
      description: s(format === "rss" ? escapeHtml(article.summary) : article.summary),
      content: s(article.contentHtml),
      date: new OffsetDate(article.updated),
      published: new OffsetDate(article.published),
      category: article.tags.map((tag) => ({ name: s(tag), term: s(tag) })),
      ...(format === "rss"
        ? { extensions: [rssCreator(s(article.byline))] }
        : { author: [{ name: s(article.byline) }] }),
    });
  }
  return feed;
}
