import { html } from "hono/html";
import { siteIcon } from "../content/media.ts";
import type { ArticleImage, ImageFile, Site } from "../content/model.ts";
import type { Fragment } from "./layout.ts";

/**
 * An article's lead image on its page: the large rendition with its size (no layout shift), the
 * small one offered in `srcset` for narrow screens, fetched first as the page's largest
 * element, with its caption and credit.
 */
export function leadImage(image: ArticleImage): Fragment {
  const { large, small, caption, credit } = image;
  const srcset =
    small.url === large.url
      ? ""
      : html` srcset="${small.url} ${small.width}w, ${large.url} ${large.width}w" sizes="(min-width: 42rem) 40rem, 100vw"`;
  const figcaption =
    caption === undefined && credit === undefined
      ? ""
      : html`<figcaption>${caption ?? ""}${credit === undefined ? "" : html` <span class="credit">${credit}</span>`}</figcaption>`;
  return html`<figure class="lead"><img src="${large.url}"${srcset} alt="${image.alt}" width="${large.width}" height="${large.height}" fetchpriority="high" decoding="async">${figcaption}</figure>`;
}

/** An article's thumbnail in a list: the small rendition, loaded only when scrolled near. */
export function thumbnail(image: ArticleImage): Fragment {
  const { small } = image;
  return html`<img class="thumb" src="${small.url}" alt="${image.alt}" width="${small.width}" height="${small.height}" loading="lazy" decoding="async">`;
}

/** Open Graph and Twitter card tags for a page's image, or the plain card without one. */
export function socialImageTags(image: ArticleImage | undefined): Fragment {
  if (image === undefined) return html`<meta name="twitter:card" content="summary">`;
  const { large } = image;
  return html`<meta property="og:image" content="${large.url}">
<meta property="og:image:type" content="${large.type}">
<meta property="og:image:width" content="${large.width}">
<meta property="og:image:height" content="${large.height}">
<meta property="og:image:alt" content="${image.alt}">
<meta name="twitter:card" content="summary_large_image">`;
}

/** A schema.org `ImageObject` for JSON-LD. */
export function imageObject(file: ImageFile): Record<string, unknown> {
  return { "@type": "ImageObject", url: file.url, width: file.width, height: file.height };
}

/**
 * The site icon for browsers: 32 and 64 px favicons and the 180 px `apple-touch-icon`; without
 * an icon, an empty one, so browsers do not ask for `/favicon.ico`.
 */
export function iconLinks(site: Site): Fragment {
  const icons = new Set([siteIcon(site, 32), siteIcon(site, 64)].filter((file) => file !== undefined));
  const touch = siteIcon(site, 180);
  if (touch === undefined) return html`<link rel="icon" href="data:,">`;
  return html`${[...icons].map(
    (file) => html`<link rel="icon" sizes="${file.width}x${file.height}" type="${file.type}" href="${file.url}">`,
  )}
<link rel="apple-touch-icon" href="${touch.url}">`;
}
