import type { ArticleImage, ImageFile } from "../content/model.ts";
import type { XmlElement } from "./xml-element.ts";

/** The Media RSS namespace. */
export const MEDIA_RSS_NAMESPACE = "http://search.yahoo.com/mrss/";

/**
 * The Media RSS elements of an article's lead image, for RSS items and Atom entries alike:
 * `media:content` for the large rendition, with the alt text as its title, the caption as its
 * description and the credit, then `media:thumbnail` for the small rendition. Every text and
 * URL goes through `seal`.
 * @see https://www.rssboard.org/media-rss
 */
export function mediaRssElements(image: ArticleImage, seal: (text: string) => string): XmlElement[] {
  const { large, small, caption, credit } = image;
  const children: XmlElement[] = [{ name: "media:title", attributes: { type: "plain" }, text: seal(image.alt) }];
  if (caption !== undefined) {
    children.push({ name: "media:description", attributes: { type: "plain" }, text: seal(caption) });
  }
  if (credit !== undefined) children.push({ name: "media:credit", attributes: {}, text: seal(credit) });
  return [
    {
      name: "media:content",
      attributes: {
        url: seal(large.url),
        medium: "image",
        type: seal(large.type),
        width: large.width,
        height: large.height,
        ...(large.bytes === undefined ? {} : { fileSize: large.bytes }),
      },
      children,
    },
    { name: "media:thumbnail", attributes: { url: seal(small.url), width: small.width, height: small.height } },
  ];
}

/**
 * An Atom `link rel="enclosure"` for an image file, with its true media type (`feed` guesses one
 * from the URL's extension) and its length when known (unknown for an external image).
 * @see https://www.rfc-editor.org/rfc/rfc4287#section-4.2.7.2
 */
export function atomEnclosure(file: ImageFile, seal: (text: string) => string): XmlElement {
  return {
    name: "link",
    attributes: {
      rel: "enclosure",
      type: seal(file.type),
      ...(file.bytes === undefined ? {} : { length: file.bytes }),
      href: seal(file.url),
    },
  };
}
