import { epochMillis } from "./dates.ts";
import type { Article } from "./model.ts";

/**
 * Articles split at `now` (epoch milliseconds): those published by then, which every surface
 * shows, and those held until their publication time (an embargo), which none does yet.
 */
export function splitByEmbargo(
  articles: readonly Article[],
  now: number,
): { published: Article[]; scheduled: Article[] } {
  const published: Article[] = [];
  const scheduled: Article[] = [];
  for (const article of articles) (epochMillis(article.published) > now ? scheduled : published).push(article);
  return { published, scheduled };
}
