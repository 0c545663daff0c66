import { ARCHIVE_PAGE_SIZE } from "../../content/archive.ts";
import { formatBytes, KV_VALUE_LIMIT_BYTES, MAX_FEED_PAGE_BYTES, overLimit, utf8Bytes } from "../../content/limits.ts";
import type { Article, FeedPage, Site } from "../../content/model.ts";
import { feedDocument } from "./entries.ts";
import type { FeedArticle, FeedSource } from "./feed-sources.ts";

// Bytes an archive page's position may take beyond the subscription document's.
const SLACK = 32;
// Articles named in a problem; the rest are counted.
const NAMED = 5;

/** An article as the bound needs it: how it is listed, and the bytes it adds to a page (see `articleBytes`). */
export type SizedArticle = FeedArticle & { bytes: number };

/** The bytes an article adds to a feed page: its JSON, and the comma before it. */
export function articleBytes(article: Article): number {
  return utf8Bytes(JSON.stringify(article)) + 1;
}

/** A feed one of whose pages could be larger than allowed, with the articles of that largest page. */
export interface OversizeFeed {
  /** Folder of the feed: `""` for the main feed, `/tags/{encoded tag}` for a tag's. */
  dir: string;
  title: string;
  /** The most bytes a page of this feed can take as JSON. */
  bytes: number;
  /** The articles that make that page, largest first, with the bytes each adds. */
  largest: { slug: string; bytes: number }[];
}

/** The most articles one page of a feed holds: a subscription document's or an archive page's. */
export function perPage(site: Site): number {
  return Math.max(site.itemsPerFeed, ARCHIVE_PAGE_SIZE);
}

/**
 * The bytes a page of the feed `source` takes as JSON at most when it holds `largest`: its
 * subscription document without items (dated by the longest `updated` of `dated`), the articles,
 * and room for an archive page's position.
 */
export function pageBytes(
  site: Site,
  source: FeedSource<FeedArticle>,
  dated: readonly { updated: string }[],
  largest: readonly { bytes: number }[],
): number {
  const shell: FeedPage = {
    ...feedDocument(site, source, 0, Number.MAX_SAFE_INTEGER, [], []),
    updated: dated.reduce((x, a) => (a.updated.length > x.length ? a.updated : x), ""),
    hash: "0".repeat(64),
  };
  return largest.reduce((sum, a) => sum + a.bytes, utf8Bytes(JSON.stringify(shell)) + SLACK);
}

/**
 * Why `feed` cannot be taken, as the publish command and the ingest API both say it: its largest
 * articles named by `name` (at most five), and what to do.
 */
export function oversizeMessage(feed: OversizeFeed, site: Site, name: (slug: string) => string): string {
  const named = feed.largest
    .slice(0, NAMED)
    .map((a) => `${name(a.slug)} (${formatBytes(a.bytes)})`)
    .join(", ");
  const more = feed.largest.length > NAMED ? ` and ${feed.largest.length - NAMED} more` : "";
  const remedy =
    site.itemsPerFeed > ARCHIVE_PAGE_SIZE
      ? "shorten the largest articles or lower items_per_feed"
      : `shorten the largest articles (an archive page holds ${ARCHIVE_PAGE_SIZE} whatever items_per_feed says)`;
  return (
    `a page of the feed "${feed.title}" could hold its ${feed.largest.length} largest articles and take ` +
    `${overLimit(feed.bytes, MAX_FEED_PAGE_BYTES)} (Workers KV takes at most ${formatBytes(KV_VALUE_LIMIT_BYTES)}): ` +
    `${named}${more}; ${remedy}`
  );
}
