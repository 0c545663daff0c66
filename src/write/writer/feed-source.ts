import type { Site } from "../../content/model.ts";
import { type FeedSource, itemlessSource } from "../build/feed-sources.ts";
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
  const counts = subscription && feed.kind === "main" ? catalogue.feeds() : undefined;
  return itemlessSource(site, feed, (key) => catalogue.author(key), counts);
}
