import { MAX_FEED_PAGE_BYTES } from "../../../src/content/limits.ts";
import type { Problems } from "../../../src/content/problems.ts";
import { oversizeFeeds, oversizeMessage } from "../../../src/write/build/page-bound.ts";
import type { Content } from "./content.ts";

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
    problems.add(siteFile, "items_per_feed", oversizeMessage(feed, site, fileOf));
  }
}
