import { type MediaExtension, parseMediaName } from "../../../content/media.ts";

/** What a media file's bytes say it is. */
export interface SniffedImage {
  extension: MediaExtension;
  width: number;
  height: number;
}

/** The problem of a name that is not a media name. */
export function notMediaName(name: string): string {
  return `"${name}" is not a media name ({24 hex digits}-{width}x{height}.jpeg or .png)`;
}

/**
 * Checks an uploaded media file against its name (`{key}-{width}x{height}.{extension}`): its
 * bytes must be a JPEG or PNG (the renditions Patrika makes) of exactly that size. Gives the
 * problem, or `undefined` when the bytes are what the name says.
 */
export function mediaBytesProblem(name: string, bytes: Uint8Array): string | undefined {
  const parsed = parseMediaName(name);
  if (!parsed) return notMediaName(name);
  const image = sniffImage(bytes);
  if (!image) return "the bytes are not a JPEG or PNG image";
  if (image.extension !== parsed.extension) return `the bytes are a ${image.extension} image, not ${parsed.extension}`;
  if (image.width !== parsed.width || image.height !== parsed.height) {
    return `the image is ${image.width}×${image.height} px, not the ${parsed.width}×${parsed.height} px its name says`;
  }
  return undefined;
}

/** The type and size a JPEG or PNG file's header gives, or `undefined` for anything else. */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return { extension: "png", width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length < 4 || view.getUint16(0) !== 0xffd8) return undefined;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = view.getUint16(at + 2);
    const startOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (startOfFrame) return { extension: "jpeg", height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    at += 2 + length;
  }
  return undefined;
}
