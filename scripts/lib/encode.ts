import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { MAX_IMAGE_PIXELS } from "../../src/content/limits.ts";
import { display } from "./problems.ts";
import type { Rendition } from "./renditions.ts";

// JPEG quality of photographs: no visible loss at feed and page sizes, a third the bytes of 95.
const JPEG_QUALITY = 82;

/**
 * Makes a rendition's bytes with sharp: the source turned upright by its EXIF orientation, scaled
 * to the rendition's exact size, in sRGB, as baseline JPEG (half the encoding time of progressive)
 * or PNG, with every piece of metadata (EXIF, GPS, XMP, ICC) left out. The same source always
 * gives the same bytes. Throws, with a message for editors, when the source cannot be decoded or
 * no longer has the bytes its name was made from.
 */
export async function encodeRendition(rendition: Rendition): Promise<Uint8Array<ArrayBuffer>> {
  const { file, sha256 } = rendition.source;
  const bytes = await readFile(file);
  if (createHash("sha256").update(bytes).digest("hex") !== sha256) {
    throw new Error(`${display(file)} changed while publishing; publish again`);
  }
  const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
    .autoOrient()
    .resize(rendition.width, rendition.height, { fit: "fill" })
    .toColourspace("srgb");
  const encoded =
    rendition.format === "jpeg" ? image.jpeg({ quality: JPEG_QUALITY }) : image.png({ compressionLevel: 9 });
  try {
    return new Uint8Array(await encoded.toBuffer());
  } catch (error) {
    const reason = (error as Error).message.trim();
    throw new Error(`${display(file)} cannot be decoded (${reason}); save it again from an image editor`);
  }
}
