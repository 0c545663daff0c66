/**
 * A JPEG's own bytes with everything but the image left out: APP segments (EXIF with its GPS
 * position and thumbnail, XMP, IPTC, ICC profiles, MPF), comments, and anything after the end of
 * the image (the video some phones append). Kept are the tables, frame and scans, a JFIF header
 * and an Adobe header (which says how to convert the colours). The image data is copied as it is,
 * so nothing is lost to encoding again. `undefined` when the file is not laid out as JPEG
 * segments should be (such as a truncated file): encode it instead.
 */
export function stripJpeg(bytes: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    while (bytes[at + 1] === 0xff) at++;
    const marker = bytes[at + 1] ?? -1;
    if (marker === 0xd9) return concat([...kept, bytes.subarray(at, at + 2)]);
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) return undefined;
    const keep = keeps(marker, bytes.subarray(at + 4, end));
    if (keep === undefined) return undefined;
    if (keep) kept.push(bytes.subarray(at, end));
    at = end;
    if (marker === 0xda) {
      const scanEnd = entropyCodedEnd(bytes, at);
      if (scanEnd === undefined) return undefined;
      kept.push(bytes.subarray(at, scanEnd));
      at = scanEnd;
    }
  }
  return undefined;
}

// Whether a segment is kept, dropped (metadata), or `undefined` for one this does not know.
function keeps(marker: number, payload: Uint8Array): boolean | undefined {
  const starts = (text: string) => String.fromCharCode(...payload.subarray(0, text.length)) === text;
  if (marker === 0xe0) return starts("JFIF\0");
  if (marker === 0xee) return starts("Adobe");
  if ((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe) return false;
  const frame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8;
  return frame || [0xc4, 0xdb, 0xdd, 0xda, 0xdc].includes(marker) ? true : undefined;
}

// Where the entropy-coded data starting at `from` ends: at the first marker that is neither a
// stuffed 0xFF00 nor a restart marker.
function entropyCodedEnd(bytes: Uint8Array, from: number): number | undefined {
  for (let i = from; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1] as number;
    if (next !== 0x00 && next !== 0xff && (next < 0xd0 || next > 0xd7)) return i;
  }
  return undefined;
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
