import { ICON_SIZES, MEDIA_TYPES, mediaName, mediaUrl } from "../../../src/content/media.ts";
import type { ImageFile, Site } from "../../../src/content/model.ts";
import { sha256 } from "../../../src/kv/hash.ts";

// The media files the publisher makes from an image are each named from the source's bytes and
// the variant (see `mediaName`). Bump MEDIA_PIPELINE whenever a variant or the way it is made
// changes (encode.ts, or an upgrade of sharp), so that every name changes with it and the next
// publish makes the files again.
const MEDIA_PIPELINE = "media-1";
// Widest lead image rendition (feeds, og:image, the article page); never enlarged.
const LARGE_WIDTH = 2000;
// Width of the small lead image rendition: lists, media:thumbnail, srcset.
const SMALL_WIDTH = 400;
// Edge of an author's square avatar rendition, never enlarged: the "relatively large" size JSON
// Feed suggests, and above the 200 px og:image takes at least.
const AVATAR_EDGE = 512;
// The box the logo's one rendition fits in, never enlarged.
const LOGO_BOX = { width: 2000, height: 600 } as const;

/** A source image as the publisher read it from `content/media/`. */
export interface SourceImage {
  /** Path of the file. */
  file: string;
  /** Hex SHA-256 of its bytes. */
  sha256: string;
  /** Size once turned upright by its EXIF orientation. */
  width: number;
  height: number;
  /** Whether it has an alpha channel (its renditions are then PNG, else JPEG). */
  alpha: boolean;
  /** Whether it is a JPEG in sRGB or grey with no EXIF orientation and no colour profile. */
  plainJpeg: boolean;
  /** Where content names it, for problems found while encoding: `file` and `field`. */
  origin: { file: string; field: string };
}

/** One media file to publish: a source image scaled to a variant's size, in JPEG or PNG. */
export interface Rendition {
  name: string;
  format: "jpeg" | "png";
  width: number;
  height: number;
  source: SourceImage;
  /** Whether another rendition of the source is always made by decoding it (so a copy of this one needs no decode). */
  decodedBySibling?: boolean;
}

/** The large and small renditions of a lead image (the same one when the image is at most `SMALL_WIDTH` wide). */
export async function leadRenditions(source: SourceImage): Promise<{ large: Rendition; small: Rendition }> {
  const format = source.alpha ? "png" : "jpeg";
  const large = await rendition(source, "large", format, scaleToFit(source, LARGE_WIDTH, Infinity));
  if (large.width <= SMALL_WIDTH) return { large, small: large };
  const small = await rendition(source, "small", format, scaleToFit(source, SMALL_WIDTH, Infinity));
  return { large: { ...large, decodedBySibling: true }, small };
}

/** The site icon's square PNG renditions, one for each of `ICON_SIZES`, smallest first. */
export function iconRenditions(source: SourceImage): Promise<Rendition[]> {
  return Promise.all(ICON_SIZES.map((edge) => rendition(source, `icon-${edge}`, "png", { width: edge, height: edge })));
}

/** The logo's one PNG rendition, within `LOGO_BOX`. */
export function logoRendition(source: SourceImage): Promise<Rendition> {
  return rendition(source, "logo", "png", scaleToFit(source, LOGO_BOX.width, LOGO_BOX.height));
}

/** An author's avatar: one square rendition of at most `AVATAR_EDGE` px, PNG when it has an alpha channel. */
export function avatarRendition(source: SourceImage): Promise<Rendition> {
  const edge = Math.min(source.width, AVATAR_EDGE);
  return rendition(source, "avatar", source.alpha ? "png" : "jpeg", { width: edge, height: edge });
}

/** How the site and articles name a rendition; `bytes` is added once the file exists (see `withSizes`). */
export function imageFile(site: Site, rendition: Rendition): ImageFile {
  return {
    url: mediaUrl(site, rendition.name),
    type: MEDIA_TYPES[rendition.format],
    width: rendition.width,
    height: rendition.height,
  };
}

async function rendition(
  source: SourceImage,
  variant: string,
  format: Rendition["format"],
  size: { width: number; height: number },
): Promise<Rendition> {
  const key = (await sha256(`${MEDIA_PIPELINE}\n${variant}\n${source.sha256}`)).slice(0, 24);
  return { name: mediaName(key, size.width, size.height, format), format, ...size, source };
}

// The source's size scaled down, keeping its proportions, to fit within the box; never enlarged.
function scaleToFit(source: SourceImage, width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, width / source.width, height / source.height);
  return {
    width: Math.max(1, Math.round(source.width * scale)),
    height: Math.max(1, Math.round(source.height * scale)),
  };
}
