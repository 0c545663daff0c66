import type { Site } from "./model.ts";

/** The three feed formats and the file name each is served under, in every feed folder. */
export const FEED_FILES = { rss: "rss.xml", atom: "atom.xml", json: "feed.json" } as const;

/** One of the served feed formats. */
export type FeedFormat = keyof typeof FEED_FILES;

/** The media type of each format. */
export const FEED_MEDIA_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};

/** Absolute URL of one format of the feed document in `documentDir`. */
export function feedUrl(site: Site, documentDir: string, format: FeedFormat): string {
  return `${site.baseUrl}${documentDir}/${FEED_FILES[format]}`;
}

/** Absolute URL of the web page a feed belongs to: `/` for the main feed, `/tags/{tag}` for a tag. */
export function feedHomeUrl(site: Site, dir: string): string {
  return `${site.baseUrl}${dir || "/"}`;
}

/** Whether `text` can be an article slug: lower-case a-z, 0-9 and single hyphens, at most 200 characters. */
export function isSlug(text: string): boolean {
  return text.length <= 200 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text);
}

/** Whether `text` can be an author's key: lower-case a-z, 0-9 and single hyphens, at most 64 characters. */
export function isAuthorKey(text: string): boolean {
  return text.length <= 64 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text);
}

/** Folder of an author's page and feeds below the base URL. */
export function authorDir(key: string): string {
  return `/authors/${key}`;
}

/** Absolute URL of an author's page. */
export function authorPageUrl(site: Site, key: string): string {
  return `${site.baseUrl}${authorDir(key)}`;
}

/** Absolute URL of an article's page. */
export function articleUrl(site: Site, slug: string): string {
  return `${site.baseUrl}/articles/${slug}`;
}

/**
 * Describes why `id` cannot be a permanent article id, or `undefined`: it must be an absolute
 * `tag:`, `http:` or `https:` URI already in normal form, so every format carries it unchanged.
 */
export function permanentIdProblem(id: string): string | undefined {
  let url: URL;
  try {
    url = new URL(id);
  } catch {
    return `"${id}" is not an absolute URI (e.g. tag:patrika.example,2019:articles/my-story)`;
  }
  if (!["tag:", "http:", "https:"].includes(url.protocol)) return `"${id}" must be a tag:, http: or https: URI`;
  if (url.href !== id) return `"${id}" is not in normal form (write it as "${url.href}")`;
  if (/[&<>"']/.test(id) || id.length > 500) return `"${id}" must not contain & < > " ' or exceed 500 characters`;
  return undefined;
}

/**
 * Describes why `value` cannot be a site's base URL, or `undefined`: an absolute http or https
 * URL of a host's root (a trailing slash alone is fine), without user name, password, query or
 * fragment, since every link is that URL with a path added, and the Worker routes at `/`.
 */
export function baseUrlProblem(value: string): string | undefined {
  const url = publicHttpUrl(value);
  if (typeof url === "string") return url;
  if (QUERY_OR_FRAGMENT.test(url.href)) {
    return `"${value}" has a query or fragment (a "?" or "#", even with nothing after it), which would come before the path of every link made from it; remove it`;
  }
  if (url.pathname !== "/") {
    return `"${value}" has the path "${url.pathname}", but the Worker serves the site at the root of its host, so every link would answer 404; use ${url.origin}`;
  }
  return undefined;
}

/**
 * Describes why `value` cannot be a WebSub hub's URL, or `undefined`: an absolute http or https
 * URL without user name, password, query or fragment.
 */
export function hubUrlProblem(value: string): string | undefined {
  const url = publicHttpUrl(value);
  if (typeof url === "string") return url;
  return QUERY_OR_FRAGMENT.test(url.href)
    ? `"${value}" has a query or fragment (a "?" or "#", even with nothing after it); remove it`
    : undefined;
}

const QUERY_OR_FRAGMENT = /[?#]/;

// The URL `value` names when it is absolute http(s) without user name or password, else why not.
function publicHttpUrl(value: string): URL | string {
  const url = URL.parse(value);
  if (url === null) return `"${value}" is not an absolute URL`;
  if (url.protocol !== "http:" && url.protocol !== "https:") return `"${value}" must be an http or https URL`;
  if (url.username !== "" || url.password !== "") {
    return `"${value}" has a user name or password, which every feed would publish; remove it`;
  }
  return url;
}

/** Permanent `tag:` URI of an article (RFC 4151); independent of the base URL and the title. */
export function articleId(site: Site, slug: string): string {
  return `tag:${site.taggingEntity}:articles/${slug}`;
}

/** Permanent `tag:` URI of a feed; its archive pages share it, as RFC 5005 expects. */
export function feedId(site: Site, dir: string): string {
  return `tag:${site.taggingEntity}:feed${dir}`;
}
