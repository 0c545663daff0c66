/**
 * `robots.txt`: every crawler may fetch everything, and these sitemaps (absolute URLs) list the
 * site's pages.
 * @see https://www.rfc-editor.org/rfc/rfc9309
 */
export function renderRobots(sitemapUrls: readonly string[]): string {
  return ["User-agent: *", "Allow: /", "", ...sitemapUrls.map((url) => `Sitemap: ${url}`), ""].join("\n");
}
