import { siteIcon } from "../content/media.ts";
import type { Site } from "../content/model.ts";
import type { FeedFormat } from "../content/urls.ts";

/**
 * The site images a feed format carries, each chosen for what its spec asks:
 * - RSS channel `<image>`: the 144 px icon, the widest RSS 2.0 allows (readers show it small).
 * - Atom `<icon>`: the 64 px icon; RFC 4287 wants it square and "suitable for presentation at a
 *   small size", the role of a favicon. Atom `<logo>`: the wide logo; RFC 4287 wants it 2:1,
 *   so the square icon never stands in for it.
 * - JSON Feed `icon`: the 512 px icon, the size the spec names for a timeline avatar; `favicon`:
 *   the 64 px icon, the spec's smallest size for a source list.
 * `image` is what `feed` writes as the RSS `<image>`, the Atom `<logo>` and the JSON `icon`.
 * @see https://www.rssboard.org/rss-specification
 * @see https://www.rfc-editor.org/rfc/rfc4287#section-4.2.5
 * @see https://www.jsonfeed.org/version/1.1/
 */
export function siteImages(site: Site, format: FeedFormat): { image?: string; favicon?: string } {
  const url = (edge: number) => siteIcon(site, edge)?.url;
  const images = {
    rss: { image: url(144) },
    atom: { image: site.logo?.url, favicon: url(64) },
    json: { image: url(512), favicon: url(64) },
  }[format];
  return Object.fromEntries(Object.entries(images).filter(([, value]) => value !== undefined));
}
