import {
  asArticleValue,
  asFeedHead,
  asFeedPage,
  asNewsHead,
  asNewsSitemap,
  asSitemap,
  asSitemapIndex,
} from "../content/shape.ts";
import { NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH } from "../content/sitemaps.ts";
import { NEWS_HEAD_KEY, sitemapKey } from "./keys.ts";

/**
 * The shape check the Worker's readers (`read.ts`, `sitemap-read.ts`) apply to the value of `key`,
 * so that the publisher can apply the same function before writing; `undefined` for the
 * publisher's own keys, which the Worker never reads.
 */
export function shapeOf(key: string): ((value: unknown) => unknown) | undefined {
  if (key === sitemapKey(SITEMAP_INDEX_PATH)) return asSitemapIndex;
  if (key === sitemapKey(NEWS_SITEMAP_PATH)) return asNewsSitemap;
  if (key === NEWS_HEAD_KEY) return asNewsHead;
  if (key.startsWith("sitemap:")) return asSitemap;
  if (key.startsWith("article:")) return asArticleValue;
  if (key.startsWith("feed:")) return asFeedPage;
  if (key.startsWith("head:")) return asFeedHead;
  return undefined;
}
