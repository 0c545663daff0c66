import { MAX_FEED_PAGE_BYTES } from "../../content/limits.ts";
import type { Site } from "../../content/model.ts";
import { jsonPlace, Problems } from "../../content/problems.ts";
import { feedsOf } from "../build/feed-sources.ts";
import { type OversizeFeed, oversizeMessage, pageBytes, perPage } from "../build/page-bound.ts";
import type { Catalogue, FeedRow } from "./catalogue.ts";
import { feedSource } from "./feed-source.ts";
import type { IngestPlan } from "./input/ingest.ts";

/**
 * The publish command's page bound (see `perPage` and `pageBytes`) kept by the writer, so that the ingest
 * API refuses what a content file is refused for rather than take a story whose page KV would
 * never take. Made before `plan` is applied, it measures the feeds the plan's articles enter
 * (every feed, when it changes the site settings or authors, which every feed shows); `problems`,
 * once the plan is applied, measures them again. A feed whose bound is then over
 * `MAX_FEED_PAGE_BYTES`, and larger than before, is a problem: of the plan's article among its
 * largest (`articles[i].body`, or `body` for one article put at its URL), or of the settings
 * (`site.items_per_feed`, `authors`). Storage already over the bound is mended by changes that
 * lower it.
 */
export class PageLimits {
  readonly #catalogue: Catalogue;
  readonly #plan: IngestPlan;
  readonly #feeds: readonly FeedRef[] | undefined;
  readonly #before: Map<string, number>;

  constructor(catalogue: Catalogue, plan: IngestPlan) {
    this.#catalogue = catalogue;
    this.#plan = plan;
    const settings = plan.site !== undefined || plan.authors !== undefined;
    const entering = plan.articles.filter((a) => a.withdrawn === undefined);
    this.#feeds = settings ? undefined : entering.flatMap((a) => feedsOf(a.article));
    const site = catalogue.site();
    const before = site ? feedBounds(catalogue, site, this.#feeds) : [];
    this.#before = new Map(before.map((feed) => [feed.dir, feed.bytes]));
  }

  /** Every problem of the plan, as applied since; none when every page it grew stays within the bound. */
  problems(single: boolean): string[] {
    const site = this.#catalogue.site();
    if (!site) return [];
    const place = new Map(this.#plan.articles.map(({ article }, i) => [article.slug, single ? "" : `articles[${i}]`]));
    const problems = new Problems(jsonPlace);
    for (const feed of feedBounds(this.#catalogue, site, this.#feeds)) {
      if (feed.bytes <= Math.max(MAX_FEED_PAGE_BYTES, this.#before.get(feed.dir) ?? 0)) continue;
      const message = oversizeMessage(feed, site, (slug) => slug);
      const own = feed.largest.find((a) => place.has(a.slug));
      if (own) problems.add(place.get(own.slug) ?? "", "body", message);
      else if (this.#plan.site) problems.add("site", "items_per_feed", message);
      else if (this.#plan.authors) problems.add("", "authors", message);
    }
    return [...problems.lines];
  }
}

type FeedRef = Omit<FeedRow, "count">;

// The bound of each of `feeds` (every feed without) as the index holds them, the articles held until
// their time included. Each feed's largest articles come from `member_bytes`: a check reads what its
// feeds' pages hold, not the archive.
function feedBounds(catalogue: Catalogue, site: Site, feeds: readonly FeedRef[] | undefined): OversizeFeed[] {
  const held = catalogue.heldSizes();
  const measured = new Map<string, FeedRef>();
  for (const feed of feeds ?? [...catalogue.feeds(), ...held.flatMap((h) => h.feeds)]) measured.set(feed.dir, feed);
  const count = perPage(site);
  return [...measured.values()].flatMap((feed) => {
    const largest = [
      ...catalogue.largestMembers(feed.dir, count),
      ...held.filter((h) => h.feeds.some((f) => f.dir === feed.dir)),
    ]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, count);
    if (largest.length === 0) return [];
    const source = feedSource(catalogue, site, feed, true);
    const bytes = pageBytes(site, source, largest, largest);
    return [
      { dir: feed.dir, title: source.title, bytes, largest: largest.map(({ slug, bytes }) => ({ slug, bytes })) },
    ];
  });
}
