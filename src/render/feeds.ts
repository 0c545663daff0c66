import { Feed } from "feed";
import type { FeedPage } from "../content/model.ts";
import { articleUrl, type FeedFormat, feedId, feedUrls } from "../content/urls.ts";
import {
  escapeHtml,
  OffsetDate,
  rssCreator,
  Sealer,
  toJsonFeed11,
  withAtomLanguage,
  withDublinCore,
} from "./feed-gaps.ts";

/**
 * Version of the rendered output. Part of every feed ETag, so bump it whenever the same content
 * would render to different bytes (a test fails until you do).
 */
export const RENDERER_VERSION = 1;

/** Options that come from HTTP rather than content. */
export interface RenderOptions {
  /** RSS `<ttl>`, in minutes: how long a reader may cache the feed. */
  ttlMinutes: number;
}

/**
 * Renders a feed page as RSS 2.0, Atom 1.0 or JSON Feed 1.1. The output depends only on the page
 * and the options, so equal content gives byte-identical documents.
 */
export function renderFeed(page: FeedPage, format: FeedFormat, options: RenderOptions): string {
  const sealer = new Sealer();
  const feed = buildFeed(page, format, options, sealer);
  switch (format) {
    case "rss":
      return withDublinCore(sealer.unsealXml(feed.rss2()));
    case "atom":
      return withAtomLanguage(sealer.unsealXml(feed.atom1()), page.site.language);
    case "json":
      return JSON.stringify(toJsonFeed11(sealer.unsealJson(feed.json1()), page.site.language), null, 2);
  }
}

function buildFeed(page: FeedPage, format: FeedFormat, options: RenderOptions, sealer: Sealer): Feed {
  const { site } = page;
  const s = (text: string) => sealer.seal(text);
  const urls = feedUrls(site, page.dir);
  const feed = new Feed({
    id: feedId(site, page.dir),
    title: s(page.title),
    description: s(page.description),
    link: urls.home,
    language: site.language,
    copyright: s(site.rights),
    updated: new OffsetDate(page.updated),
    generator: "Patrika",
    feedLinks: { rss: urls.rss, atom: urls.atom, json: urls.json },
    author: { name: s(site.publisher) },
    ttl: options.ttlMinutes,
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
