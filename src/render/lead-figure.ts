import type { ArticleImage } from "../content/model.ts";
import { escapeHtml } from "./escape.ts";

/**
 * The lead image as the start of an article's full content in every feed format, for readers
 * that show only the content (not every reader reads `media:content` or `image`): the large
 * rendition with its size and alt text, and a caption "caption — credit" with what exists.
 */
export function leadFigure(image: ArticleImage): string {
  const { large } = image;
  const caption = [image.caption, image.credit].filter((part) => part !== undefined).join(" — ");
  return [
    `<figure><img src="${escapeHtml(large.url)}" alt="${escapeHtml(image.alt)}"`,
    ` width="${large.width}" height="${large.height}">`,
    caption === "" ? "" : `<figcaption>${escapeHtml(caption)}</figcaption>`,
    "</figure>\n",
  ].join("");
}
