import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { MAX_IMAGE_PIXELS } from "../../../src/content/limits.ts";
import { display } from "../content/problems.ts";
import { stripJpeg } from "./jpeg-strip.ts";
import type { Rendition } from "./renditions.ts";

// JPEG quality of photographs: no visible loss at feed and page sizes, a third the bytes of 95.
const JPEG_QUALITY = 82;
// Heaviest JPEG, in bytes a pixel, whose own image data may be its full-size rendition: about
// what encoding a detailed photograph at JPEG_QUALITY gives.
const MAX_COPIED_BYTES_PER_PIXEL = 0.35;

/**
 * Makes a rendition's bytes. A rendition of a plain JPEG's own size (see `SourceImage`) that is no
 * heavier than `MAX_COPIED_BYTES_PER_PIXEL` is the file's own image data with every metadata
 * segment left out (`stripJpeg`): no loss, and no encoding; its source is still decoded in full
 * (unless a sibling rendition always decodes it, see `Rendition`), so that a truncated or corrupt
 * file is never published. Any other is made with sharp: the source turned upright by its EXIF
 * orientation, scaled to the rendition's exact size, in sRGB, as baseline JPEG (half the encoding
 * time of progressive) or PNG, with every piece of metadata (EXIF, GPS, XMP, ICC) left out. The
 * same source always gives the same bytes. Throws, with a message for editors, when the source
 * cannot be decoded (any decoder warning counts) or no longer has the bytes its name was made from.
 */
export async function encodeRendition(rendition: Rendition): Promise<Uint8Array<ArrayBuffer>> {
  const { source } = rendition;
  const bytes = await readFile(source.file);
  if (createHash("sha256").update(bytes).digest("hex") !== source.sha256) {
    throw new Error(`${display(source.file)} changed while publishing; publish again`);
  }
  const fullSize = rendition.width === source.width && rendition.height === source.height;
  const light = bytes.length <= source.width * source.height * MAX_COPIED_BYTES_PER_PIXEL;
  const copied = fullSize && light && source.plainJpeg && rendition.format === "jpeg" ? stripJpeg(bytes) : undefined;
  const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "warning" });
  try {
    if (copied) {
      if (!rendition.decodedBySibling) await image.raw().toBuffer();
      return copied;
    }
    const made = image.autoOrient().resize(rendition.width, rendition.height, { fit: "fill" }).toColourspace("srgb");
    const encoded = rendition.format === "jpeg" ? made.jpeg({ quality: JPEG_QUALITY }) : made.png();
    return new Uint8Array(await encoded.toBuffer());
  } catch (error) {
    const reason = (error as Error).message.trim().split("\n")[0];
    throw new Error(`${display(source.file)} cannot be decoded (${reason}); save it again from an image editor`);
  }
}
