import { epochMillis } from "./dates.ts";
import type { Article } from "./model.ts";

/**
 * Articles split at `now` (epoch milliseconds): those published by then, which every surface
 * shows, and those held until their publication time (an embargo), which none does yet.
 */
export function splitByEmbargo<A extends Pick<Article, "published">>(
  articles: readonly A[],
  now: number,
): { published: A[]; scheduled: A[] } {
  const published: A[] = [];
  const scheduled: A[] = [];
  for (const article of articles) (epochMillis(article.published) > now ? scheduled : published).push(article);
  return { published, scheduled };
}
