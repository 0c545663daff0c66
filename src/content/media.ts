import type { ImageFile, Site } from "./model.ts";

/**
 * Media files live in the R2 bucket bound as `MEDIA`, one object per rendition, served at
 * `/media/{name}`. A name is derived from the source image's bytes and the rendition, and carries
 * the rendition's size: `{24 hex digits}-{width}x{height}.{extension}`. The same bytes always give
 * the same name, so an unchanged image is never uploaded twice and a name never changes meaning.
 */

/** The media type of each extension a media name may have. */
export const MEDIA_TYPES = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
} as const;

/** An extension a media name may have. */
export type MediaExtension = keyof typeof MEDIA_TYPES;

const SERVED_TYPES: ReadonlySet<string> = new Set(Object.values(MEDIA_TYPES));

/** Whether `type` is one of `MEDIA_TYPES`, the image types Patrika publishes and serves. */
export function isMediaType(type: string | undefined): type is (typeof MEDIA_TYPES)[MediaExtension] {
  return type !== undefined && SERVED_TYPES.has(type);
}

/**
 * Edge lengths, in px, of the site icon's square renditions: favicons (32, 64), the RSS channel
 * image (144, the most RSS 2.0 allows), `apple-touch-icon` (180) and the JSON Feed icon (512).
 */
export const ICON_SIZES = [32, 64, 144, 180, 512] as const;

/** Shortest side, in px, a lead image may have: the least any partner takes. */
export const MIN_IMAGE_SIDE = 400;

/** Narrowest logo, in px. */
export const MIN_LOGO_WIDTH = 600;

/** Smallest edge of an author's avatar: the size the author page shows it at. */
export const MIN_AVATAR_EDGE = 96;

/** The media type of an external (https) image, told by its URL's extension. */
export const EXTERNAL_IMAGE_TYPES: Readonly<Record<string, string>> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
};

const MEDIA_NAME = /^([0-9a-f]{24})-([1-9]\d{0,4})x([1-9]\d{0,4})\.(jpeg|png|webp|avif)$/;

/** A media name's parts, or `undefined` when `name` is not one. */
export function parseMediaName(
  name: string,
): { key: string; width: number; height: number; extension: MediaExtension } | undefined {
  const m = MEDIA_NAME.exec(name);
  if (!m) return undefined;
  return { key: m[1] as string, width: Number(m[2]), height: Number(m[3]), extension: m[4] as MediaExtension };
}

/** The media name of a rendition. */
export function mediaName(key: string, width: number, height: number, extension: MediaExtension): string {
  return `${key}-${width}x${height}.${extension}`;
}

/** Absolute URL of a media file. */
export function mediaUrl(site: Site, name: string): string {
  return `${site.baseUrl}/media/${name}`;
}

/** The smallest rendition of the site icon at least `edge` px wide, else the largest; none without an icon. */
export function siteIcon(site: Site, edge: number): ImageFile | undefined {
  return site.icon?.find((file) => file.width >= edge) ?? site.icon?.at(-1);
}
