import { MAX_FEED_PAGE_BYTES } from "../../../src/content/limits.ts";
import type { Author, Site } from "../../../src/content/model.ts";
import type { Problems } from "../../../src/content/problems.ts";
import { itemlessSource } from "../../../src/write/build/feed-sources.ts";
import { type OversizeFeed, oversizeMessage, pageBytes, perPage } from "../../../src/write/build/page-bound.ts";
import type { FeedMember, LocalIndex } from "./local-index.ts";

/**
 * Reports, against `items_per_feed` in `siteFile`, every feed the index says to check whose pages
 * could outgrow `MAX_FEED_PAGE_BYTES`, naming the largest articles that would share such a page
 * (`fileOf` names the file of a path below articles/).
 */
export function reportOversizeFeeds(
  index: LocalIndex,
  site: Site,
  authors: readonly Author[],
  fileOf: (path: string) => string,
  siteFile: string,
  problems: Problems,
): void {
  for (const feed of feedBounds(index, site, authors)) {
    if (feed.bytes <= MAX_FEED_PAGE_BYTES) continue;
    const files = new Map(feed.largest.map((a) => [a.slug, fileOf(a.path)]));
    problems.add(
      siteFile,
      "items_per_feed",
      oversizeMessage(feed, site, (slug) => files.get(slug) ?? slug),
    );
  }
}

/** A feed's bound, with the articles that make it, largest first. */
export type FeedBound = Omit<OversizeFeed, "largest"> & { largest: FeedMember[] };

/**
 * The most bytes a page of each feed the index says to check can take as JSON, with the articles
 * of that page: a page holds at most `perPage` articles of its feed, so its worst case is the
 * largest that many inside the feed's subscription document, dated by the feed's longest `updated`.
 */
export function feedBounds(index: LocalIndex, site: Site, authors: readonly Author[]): FeedBound[] {
  const byKey = new Map(authors.map((author) => [author.key, author]));
  const authorOf = (key: string) => byKey.get(key);
  const counts = index.feedCounts();
  return counts.flatMap((feed) => {
    if (!index.mustCheck(feed.feed)) return [];
    const largest = index.largest(feed.feed, perPage(site));
    const source = itemlessSource(site, feed, authorOf, feed.kind === "main" ? counts : undefined);
    const bytes = pageBytes(site, source, [{ updated: index.longestUpdated(feed.feed) }], largest);
    return [{ dir: feed.feed, title: source.title, bytes, largest }];
  });
}
