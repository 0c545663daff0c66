import { MAX_FEED_PAGE_BYTES } from "../../content/limits.ts";
import { jsonPlace, Problems } from "../../content/problems.ts";
import { type OversizeFeed, oversizeMessage, pageBytes, perPage } from "../build/page-bound.ts";
import { type Catalogue, type FeedRow, feedsOf } from "./catalogue.ts";
import { feedSource } from "./documents.ts";
import type { IngestPlan } from "./input/ingest.ts";

/**
 * Why the index, with `plan` applied, could build a feed page over `MAX_FEED_PAGE_BYTES`: the
 * publish command's bound (see `oversizeFeeds`), so that the ingest API refuses what a content
 * file is refused for, rather than take a story whose page KV would never take. A feed counts
 * when one of the plan's articles is among its largest (the problem is then that article's, at
 * `articles[i].body`, or `body` for one article put at its URL) or when the plan changes the site
 * settings or authors, which every feed shows.
 */
export function pageProblems(catalogue: Catalogue, plan: IngestPlan, single: boolean): string[] {
  const site = catalogue.site();
  if (!site) return [];
  const settings = plan.site !== undefined || plan.authors !== undefined;
  const entering = plan.articles.filter((a) => a.withdrawn === undefined).map((a) => a.article);
  const feeds = settings ? undefined : entering.flatMap(feedsOf);
  const place = new Map(plan.articles.map(({ article }, i) => [article.slug, single ? "" : `articles[${i}]`]));
  const problems = new Problems(jsonPlace);
  for (const feed of oversizeHeldFeeds(catalogue, feeds)) {
    const message = oversizeMessage(feed, site, (slug) => slug);
    const own = feed.largest.find((a) => place.has(a.slug));
    if (own) problems.add(place.get(own.slug) ?? "", "body", message);
    else if (plan.site) problems.add("site", "items_per_feed", message);
    else if (plan.authors) problems.add("", "authors", message);
  }
  return [...problems.lines];
}

/**
 * The feeds one of whose pages could take more than `MAX_FEED_PAGE_BYTES` as the index holds them,
 * the articles held until their time included: of `feeds`, or of every feed without. Each feed's
 * largest articles come from `member_bytes`, so a check costs what its feeds' pages hold, not the archive.
 */
export function oversizeHeldFeeds(catalogue: Catalogue, feeds?: readonly Omit<FeedRow, "count">[]): OversizeFeed[] {
  const site = catalogue.site();
  if (!site) return [];
  const held = catalogue.heldSizes();
  const checked = new Map<string, Omit<FeedRow, "count">>();
  for (const feed of feeds ?? [...catalogue.feeds(), ...held.flatMap((h) => h.feeds)]) checked.set(feed.dir, feed);
  const count = perPage(site);
  return [...checked.values()].flatMap((feed) => {
    const largest = [
      ...catalogue.largestMembers(feed.dir, count),
      ...held.filter((h) => h.feeds.some((f) => f.dir === feed.dir)),
    ]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, count);
    if (largest.length === 0) return [];
    const updated = largest.reduce((x, a) => (a.updated.length > x.length ? a.updated : x), "");
    const source = feedSource(catalogue, site, feed, true);
    const bytes = pageBytes(site, source, updated, largest);
    if (bytes <= MAX_FEED_PAGE_BYTES) return [];
    return [
      { dir: feed.dir, title: source.title, bytes, largest: largest.map(({ slug, bytes }) => ({ slug, bytes })) },
    ];
  });
}
