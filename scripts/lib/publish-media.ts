import { MEDIA_TYPES, mediaUrl } from "../../src/content/media.ts";
import type { Article, Author, ImageFile, Site } from "../../src/content/model.ts";
import type { MediaFile, MediaListing, MediaTarget } from "./media-target.ts";
import { batchesOf, inParallel } from "./parallel.ts";
import type { Rendition } from "./renditions.ts";

/** Makes a rendition's bytes; throws, with a message for editors, when its source cannot be decoded. */
export type Encoder = (rendition: Rendition) => Promise<Uint8Array<ArrayBuffer>>;

/** What uploading found and did. */
export interface MediaUpload {
  /** The size in bytes of every rendition content needs, by name. */
  sizes: Map<string, number>;
  /** Renditions written. */
  uploaded: string[];
  /** Of those, the ones the bucket held with another size: other bytes had replaced them. */
  replaced: string[];
  /** Renditions the bucket already held. */
  unchanged: number;
  /** Objects the bucket holds that content does not need: to be deleted once KV no longer names them. */
  strays: string[];
}

/** Sources that passed validation but could not be encoded: one `file:field: message` line each. */
export class MediaProblems extends Error {
  override name = "MediaProblems";
  readonly lines: readonly string[];

  constructor(lines: readonly string[]) {
    super(lines.join("\n"));
    this.lines = lines;
  }
}

// Renditions encoded together (sharp runs them on its threads) and then uploaded in one batch,
// and batches in flight at once: one batch uploads while the next encodes.
const BATCH_RENDITIONS = 16;
const BATCHES_IN_FLIGHT = 2;

/**
 * Makes the bucket hold every rendition: from its `listing` (names and sizes, no reads), encodes
 * and uploads only the renditions it lacks or holds with another size than `recorded` (the sizes
 * an earlier publish made them with; see `readMediaRecord`), all of them with `full`, in batches.
 * An object of zero bytes counts as lacking; one the record does not know is encoded and uploaded
 * only when its size differs. When a source cannot be encoded, nothing more is uploaded but every
 * other rendition is still encoded, and `MediaProblems` names each such source once (with the
 * error of its first rendition); what was uploaded before is named by no KV value and is deleted
 * by the next publish.
 */
export async function uploadMedia(
  target: MediaTarget,
  listing: MediaListing,
  renditions: readonly Rendition[],
  encode: Encoder,
  options: {
    full?: boolean;
    recorded?: ReadonlyMap<string, number>;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<MediaUpload> {
  const wanted = new Map(renditions.map((r) => [r.name, r]));
  const sizes = new Map<string, number>();
  const toEncode: Rendition[] = [];
  for (const rendition of wanted.values()) {
    const stored = listing.get(rendition.name);
    if (stored && !options.full && stored === options.recorded?.get(rendition.name)) sizes.set(rendition.name, stored);
    else toEncode.push(rendition);
  }
  const problems = new Map<string, { order: number; line: string }>();
  const order = new Map(toEncode.map((r, i) => [r, i]));
  const put = new Set<string>();
  let done = 0;
  await inParallel([...batchesOf(toEncode, BATCH_RENDITIONS)], BATCHES_IN_FLIGHT, async (batch) => {
    const files = await Promise.all(
      batch.map(async (rendition): Promise<MediaFile> => {
        const body = await encode(rendition).catch((error: Error) => {
          const { file, field } = rendition.source.origin;
          const first = problems.get(`${file}:${field}`);
          const line = `${file}:${field}: ${error.message}`;
          const at = order.get(rendition) ?? 0;
          if (!first || at < first.order) problems.set(`${file}:${field}`, { order: at, line });
          return new Uint8Array();
        });
        return { name: rendition.name, type: MEDIA_TYPES[rendition.format], body };
      }),
    );
    if (problems.size > 0) return;
    const stale = files.filter((file) => options.full || listing.get(file.name) !== file.body.length);
    if (stale.length > 0) await target.put(stale);
    for (const file of files) sizes.set(file.name, file.body.length);
    for (const file of stale) put.add(file.name);
    done += files.length;
    options.onProgress?.(done, toEncode.length);
  });
  if (problems.size > 0) throw new MediaProblems([...problems.values()].map((p) => p.line));
  const uploaded = toEncode.map((r) => r.name).filter((name) => put.has(name));
  return {
    sizes,
    uploaded,
    replaced: options.full ? [] : uploaded.filter((name) => listing.get(name)),
    unchanged: wanted.size - uploaded.length,
    strays: [...listing.keys()].filter((name) => !wanted.has(name)),
  };
}

/** The site, articles and authors with the size in bytes of every media file they name, from `sizes`. */
export function withSizes(
  site: Site,
  articles: readonly Article[],
  authors: readonly Author[],
  sizes: ReadonlyMap<string, number>,
): { site: Site; articles: Article[]; authors: Author[] } {
  const prefix = mediaUrl(site, "");
  const sized = (file: ImageFile): ImageFile => {
    const bytes = file.url.startsWith(prefix) ? sizes.get(file.url.slice(prefix.length)) : undefined;
    return bytes === undefined ? file : { ...file, bytes };
  };
  const sizedAuthor = (author: Author): Author =>
    author.avatar ? { ...author, avatar: sized(author.avatar) } : author;
  return {
    site: {
      ...site,
      ...(site.icon && { icon: site.icon.map(sized) }),
      ...(site.logo && { logo: sized(site.logo) }),
    },
    articles: articles.map((article) => ({
      ...article,
      ...(article.image && {
        image: { ...article.image, large: sized(article.image.large), small: sized(article.image.small) },
      }),
      ...(article.authors && { authors: article.authors.map(sizedAuthor) }),
    })),
    authors: authors.map(sizedAuthor),
  };
}
