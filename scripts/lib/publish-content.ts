import { splitByEmbargo } from "../../src/content/embargo.ts";
import type { Article, Author, Site, Takedown } from "../../src/content/model.ts";
import { buildKvEntries, type KvEntry } from "../../src/kv/entries.ts";
import { MEDIA_RECORD_KEY } from "../../src/kv/keys.ts";
import { readMediaRecord, writeMediaRecord } from "./media-record.ts";
import { type PublishOptions, type PublishSummary, publishEntries } from "./publish.ts";
import { type Encoder, uploadMedia, withSizes } from "./publish-media.ts";
import type { Rendition } from "./renditions.ts";
import type { Target } from "./target.ts";
import { tombstones } from "./tombstones.ts";

/**
 * Validated content, ready to publish (see `loadContent`): the site and articles name their media
 * files without their size in bytes, which publishing adds once the files exist.
 */
export interface Content {
  site: Site;
  articles: Article[];
  /** The stories withdrawn (`withdrawn:`): their files stay, their keys hold tombstones. */
  withdrawn: Takedown[];
  /** The authors of authors.yaml, bios included. */
  authors: Author[];
  /** Every media file the site and articles name, each once. */
  renditions: Rendition[];
}

/** What one publish did to the media bucket. */
export interface MediaSummary {
  uploaded: string[];
  /** Of those uploaded, the files the bucket held with another size than they were made with. */
  replaced: string[];
  deleted: string[];
  unchanged: number;
}

// The takedown an entry is the tombstone of, if it is one.
function takedownOf(entry: KvEntry): Takedown[] {
  const data = entry.data as { gone?: { reason?: string } } | undefined;
  if (!data?.gone) return [];
  return [{ slug: entry.key.slice("article:".length), ...data.gone }];
}

/**
 * Makes the target hold exactly `content`: media first, so that no KV value ever names a file the
 * bucket lacks, and the record of their sizes (see `readMediaRecord`); then KV (see `publishEntries`), whose values carry each file's URL, size and
 * bytes; then the deletion of files no value names any more, after KV stopped naming them. A
 * publish stopped at any point leaves readers nothing broken and is finished by the next one.
 * Articles whose publication time is still to come are held (`scheduled`): KV gets nothing of
 * them, and the writer, which the target hands every article, releases each at its time.
 */
export async function publishContent(
  target: Pick<Target, "kv" | "media" | "writer">,
  content: Content,
  encode: Encoder,
  options: PublishOptions & { onMediaProgress?: (done: number, total: number) => void } = {},
): Promise<{ kv: PublishSummary; media: MediaSummary; scheduled: Article[] }> {
  const listing = await target.media.list();
  const record = await readMediaRecord(target.kv);
  const media = await uploadMedia(target.media, listing, content.renditions, encode, {
    recorded: record.sizes,
    ...(options.full && { full: true }),
    ...(options.onMediaProgress && { onProgress: options.onMediaProgress }),
  });
  const recordWritten = await writeMediaRecord(target.kv, media.sizes, record);
  const { site, articles, authors } = withSizes(content.site, content.articles, content.authors, media.sizes);
  const { published, scheduled } = splitByEmbargo(articles, Date.now());
  const built = await buildKvEntries(site, published, authors, content.withdrawn);
  const entries = await publishEntries(target.kv, built, { ...options, instead: tombstones(target.kv, site) });
  const kv = { ...entries, written: [...(recordWritten ? [MEDIA_RECORD_KEY] : []), ...entries.written] };
  await target.media.remove(media.strays);
  const gone = [...built, ...entries.kept].flatMap(takedownOf);
  await target.writer?.adopt({ site, authors, articles, gone }, [...built, ...entries.kept]);
  const { uploaded, replaced, strays: deleted, unchanged } = media;
  return { kv, media: { uploaded, replaced, deleted, unchanged }, scheduled };
}
