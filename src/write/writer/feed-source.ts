import type { Site } from "../../content/model.ts";
import { sectionOf } from "../../content/sections.ts";
import {
  authorCounts,
  authorSource,
  type FeedSource,
  mainSource,
  sectionCounts,
  sectionSource,
  tagCounts,
  tagSource,
} from "../build/feed-sources.ts";
import type { Catalogue, FeedRow } from "./catalogue.ts";

/**
 * The feed `feed` as its documents show it without their items: of the main feed's subscription
 * document, with every tag, author and section the index lists and their counts.
 */
export function feedSource(
  catalogue: Catalogue,
  site: Site,
  feed: Pick<FeedRow, "kind" | "name">,
  subscription: boolean,
): FeedSource {
  if (feed.kind === "tag") return tagSource(site, feed.name, []);
  if (feed.kind === "author") {
    const author = catalogue.author(feed.name) ?? { key: feed.name, name: feed.name };
    return authorSource(site, author, []);
  }
  if (feed.kind === "section") return sectionSource(site, sectionOf(site, feed.name), []);
  if (!subscription) return mainSource(site, [], [], [], []);
  const feeds = catalogue.feeds();
  const tags = tagCounts(feeds.filter((f) => f.kind === "tag").map((f) => ({ tag: f.name, count: f.count })));
  const authors = authorCounts(
    feeds
      .filter((f) => f.kind === "author")
      .map((f) => ({ key: f.name, name: catalogue.author(f.name)?.name ?? f.name, count: f.count })),
  );
  const sections = sectionCounts(
    site,
    feeds
      .filter((f) => f.kind === "section")
      .map((f) => ({ key: f.name, name: sectionOf(site, f.name).name, count: f.count })),
  );
  return mainSource(site, [], tags, authors, sections);
}
