import type { Site } from "./model.ts";

/** The three feed formats and the file name each is served under, in every feed folder. */
export const FEED_FILES = { rss: "rss.xml", atom: "atom.xml", json: "feed.json" } as const;

/** One of the served feed formats. */
export type FeedFormat = keyof typeof FEED_FILES;

/** Absolute URLs of a feed folder's home page and its three feeds. */
export function feedUrls(site: Site, dir: string): Record<FeedFormat | "home", string> {
  const base = `${site.baseUrl}${dir}`;
  return {
    home: `${base}/`,
    rss: `${base}/${FEED_FILES.rss}`,
    atom: `${base}/${FEED_FILES.atom}`,
    json: `${base}/${FEED_FILES.json}`,
  };
}

/** Absolute URL of an article's page. */
export function articleUrl(site: Site, slug: string): string {
  return `${site.baseUrl}/articles/${slug}`;
}

/** Permanent `tag:` URI of an article (RFC 4151); independent of the base URL and the title. */
export function articleId(site: Site, slug: string): string {
  return `tag:${site.taggingEntity}:articles/${slug}`;
}

/** Permanent `tag:` URI of a feed folder. */
export function feedId(site: Site, dir: string): string {
  return `tag:${site.taggingEntity}:feed${dir}`;
}
