import { epochMillis } from "./dates.ts";
import type { OffsetDateTime } from "./model.ts";
import { NEWS_WINDOW_MS } from "./sitemaps.ts";

/** Which articles the news sitemap lists at one moment, and the moments around it when that changes. */
export interface NewsWindow {
  /** Positions of the articles published in the 48 hours up to the moment (`now - 48 h < published ≤ now`). */
  included: number[];
  /** When the set next changes: an article yet to be published enters, or the oldest one listed leaves. */
  nextChange?: number;
  /** When an article last left the set, if one has. */
  lastLeft?: number;
}

/**
 * The news window at `now` (epoch milliseconds) over articles' publication times, in any order.
 * Articles dated in the future are not listed until their time comes; an article leaves 48 hours
 * after it was published. Nothing else changes the set, so it is the same until `nextChange`.
 */
export function newsWindow(published: readonly OffsetDateTime[], now: number): NewsWindow {
  const included: number[] = [];
  let nextChange = Number.POSITIVE_INFINITY;
  let lastLeft = Number.NEGATIVE_INFINITY;
  published.forEach((date, i) => {
    const at = epochMillis(date);
    const leaves = at + NEWS_WINDOW_MS;
    if (at > now) nextChange = Math.min(nextChange, at);
    else if (leaves > now) {
      included.push(i);
      nextChange = Math.min(nextChange, leaves);
    } else lastLeft = Math.max(lastLeft, leaves);
  });
  return {
    included,
    ...(Number.isFinite(nextChange) ? { nextChange } : {}),
    ...(Number.isFinite(lastLeft) ? { lastLeft } : {}),
  };
}
