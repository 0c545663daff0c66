import { createHash } from "node:crypto";
import { lstatSync, realpathSync, type Stats, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, posix, sep } from "node:path";
import sharp, { type Metadata } from "sharp";
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from "../../../src/content/limits.ts";
import { detached } from "../content/detached.ts";
import { readRegularFile } from "../content/files.ts";
import { type LocalIndex, stampOf } from "../content/local-index.ts";
import { limited } from "../parallel.ts";
import type { SourceImage } from "./renditions.ts";

/** A source image as read, or why it cannot be used. */
export type SourceRead = { image: Omit<SourceImage, "origin"> } | { problem: string };

/** The folder below `content/` that holds every image file. */
export const MEDIA_FOLDER = "media";

// Images being read and described at once: sharp decodes their headers on the thread pool.
const READ_CONCURRENCY = 4;
// The formats we take, as named from sharp's report (AVIF is HEIF with AV1 compression).
const TAKEN = new Set(["jpeg", "png", "webp", "avif"]);

/**
 * Reads the image files content names, each once however often it is named: a path relative to
 * `content/` that stays inside `content/media/` (no `..`, no symbolic link leading out, and
 * `content/media/` itself no link), naming a regular file of at most `MAX_IMAGE_BYTES` and
 * `MAX_IMAGE_PIXELS` that is a JPEG, PNG, WebP or AVIF image by its bytes, whatever its
 * extension. Only its header is decoded, and not even that when `index` knows the file unchanged.
 */
export class SourceImages {
  readonly #dir: string;
  readonly #index: LocalIndex | undefined;
  readonly #read = new Map<string, Promise<SourceRead>>();
  readonly #readFile = limited(READ_CONCURRENCY, (src: string) => this.#readNow(src));
  // The real path of each folder resolved so far (every symbolic link resolved), by its path.
  readonly #folders = new Map<string, string>();
  #media: string | undefined;

  constructor(contentDir: string, index?: LocalIndex) {
    this.#dir = contentDir;
    this.#index = index;
  }

  /**
   * Starts reading `src` (as written in content) unless it already is, and resolves when done.
   * At most `READ_CONCURRENCY` files are read at once; the rest wait their turn.
   */
  read(src: string): Promise<SourceRead> {
    let pending = this.#read.get(src);
    if (!pending) {
      const own = detached(src);
      pending = this.#readFile(own);
      this.#read.set(own, pending);
    }
    return pending;
  }

  async #readNow(src: string): Promise<SourceRead> {
    const place = placeProblem(src);
    if (place) return { problem: place };
    const file = join(this.#dir, src);
    try {
      this.#media ??= join(realpathSync(this.#dir), MEDIA_FOLDER);
      const { real, stats } = this.#resolved(file);
      if (!real.startsWith(`${this.#media}${sep}`)) {
        return { problem: `"${src}" is a symbolic link to a file outside content/${MEDIA_FOLDER}/` };
      }
      const stamp = stampOf(stats);
      const known = this.#index?.image(src, stamp);
      if (known) return { image: { ...known.image, file } };
      const read = readRegularFile(real, MAX_IMAGE_BYTES);
      if ("notRegular" in read) return { problem: `"${src}" is not a regular file` };
      if ("over" in read)
        return { problem: `"${src}" is ${read.over}; save it smaller (a JPEG of 2,000 px is plenty)` };
      const described = await describe(src, file, read.bytes);
      if ("image" in described) {
        const { file: _file, ...image } = described.image;
        this.#index?.keepImage(src, { stamp, image }, stats);
      }
      return described;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return { problem: `"${src}" does not exist (looked for content/${src})` };
      return { problem: `"${src}" cannot be read: ${(error as Error).message}` };
    }
  }

  // The real path of `file` (every symbolic link resolved) and the stats of what it names; its
  // folder is resolved once for all the files in it.
  #resolved(file: string): { real: string; stats: Stats } {
    const stats = lstatSync(file);
    if (stats.isSymbolicLink()) {
      const real = realpathSync(file);
      return { real, stats: statSync(real) };
    }
    const folder = dirname(file);
    const real = this.#folders.get(folder) ?? realpathSync(folder);
    this.#folders.set(folder, real);
    return { real: join(real, basename(file)), stats };
  }
}

// Why `src` cannot name a file inside content/media/, or `undefined`.
function placeProblem(src: string): string | undefined {
  const example = `write it relative to content/, like ${MEDIA_FOLDER}/2019/photo.jpg`;
  if (isAbsolute(src) || /^[a-zA-Z]:/.test(src)) return `"${src}" is an absolute path; ${example}`;
  if (src.includes("\\")) return `"${src}" contains a backslash; separate folders with /`;
  if (src.split("/").includes("..")) return `"${src}" contains ".."; ${example}`;
  if (!posix.normalize(src).startsWith(`${MEDIA_FOLDER}/`)) {
    return `"${src}" is not inside content/${MEDIA_FOLDER}/; put images there and ${example}`;
  }
  return undefined;
}

async function describe(src: string, file: string, bytes: Buffer): Promise<SourceRead> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch {
    return { problem: `"${src}" is not an image (JPEG, PNG, WebP or AVIF)` };
  }
  const format = metadata.format === "heif" && metadata.compression === "av1" ? "avif" : metadata.format;
  if (!TAKEN.has(String(format))) {
    const kind = metadata.format === "heif" ? `HEIF (${metadata.compression})` : String(format).toUpperCase();
    return { problem: `"${src}" is an image in ${kind} format; save it as JPEG, PNG, WebP or AVIF` };
  }
  const { width, height } = metadata.autoOrient;
  if (width * height > MAX_IMAGE_PIXELS) {
    return {
      problem: `"${src}" has ${width}×${height} pixels, over the limit of ${MAX_IMAGE_PIXELS / 1_000_000} megapixels; scale it down`,
    };
  }
  return {
    image: {
      file,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      width,
      height,
      alpha: metadata.hasAlpha,
      plainJpeg:
        format === "jpeg" &&
        (metadata.orientation ?? 1) === 1 &&
        !metadata.hasProfile &&
        (metadata.space === "srgb" || metadata.space === "b-w"),
    },
  };
}
