import { ARCHIVE_PAGE_SIZE } from "../../../src/content/archive.ts";
import { formatBytes, KV_VALUE_LIMIT_BYTES, MAX_FEED_PAGE_BYTES, overLimit } from "../../../src/content/limits.ts";
import type { Problems } from "../../../src/content/problems.ts";
import { oversizeFeeds } from "../../../src/write/build/page-bound.ts";
import type { Content } from "./content.ts";

// Articles named in one problem line; the rest are counted.
const NAMED = 5;

/**
 * Reports, against `items_per_feed` in `siteFile`, every feed whose pages could outgrow
 * `MAX_FEED_PAGE_BYTES`, naming the largest articles that would share such a page (`fileOf` names
 * the file a slug came from).
 */
export function reportOversizeFeeds(
  { site, articles, authors }: Content,
  fileOf: (slug: string) => string,
  siteFile: string,
  problems: Problems,
): void {
  for (const feed of oversizeFeeds(site, articles, MAX_FEED_PAGE_BYTES, authors)) {
    const named = feed.largest
      .slice(0, NAMED)
      .map((a) => `${fileOf(a.slug)} (${formatBytes(a.bytes)})`)
      .join(", ");
    const more = feed.largest.length > NAMED ? ` and ${feed.largest.length - NAMED} more` : "";
    const remedy =
      site.itemsPerFeed > ARCHIVE_PAGE_SIZE
        ? "shorten the largest articles or lower items_per_feed"
        : `shorten the largest articles (an archive page holds ${ARCHIVE_PAGE_SIZE} whatever items_per_feed says)`;
    problems.add(
      siteFile,
      "items_per_feed",
      `a page of the feed "${feed.title}" could hold its ${feed.largest.length} largest articles and take ` +
        `${overLimit(feed.bytes, MAX_FEED_PAGE_BYTES)} (Workers KV takes at most ${formatBytes(KV_VALUE_LIMIT_BYTES)}): ` +
        `${named}${more}; ${remedy}`,
    );
  }
}
