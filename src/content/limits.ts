/**
 * Size and effort limits on content. The publisher refuses what exceeds them, so that every
 * value fits Workers KV, every article suits aggregators and no file can stall a publish.
 */

const MIB = 1024 * 1024;

/** Largest content file (`site.yaml` or an article's Markdown) the publisher reads at all, and largest body the ingest API takes. */
export const MAX_SOURCE_BYTES = 4 * MIB;

/** Largest image file (a lead image, the site's icon or logo) the publisher reads. */
export const MAX_IMAGE_BYTES = 15 * MIB;

/** Most pixels an image may have, so that decoding one never takes more than a few hundred MiB. */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** Largest YAML the publisher parses: `site.yaml`, or an article's front matter. */
export const MAX_YAML_BYTES = 256 * 1024;

/** Deepest nesting of lists and mappings in YAML. */
export const MAX_YAML_DEPTH = 16;

/**
 * Largest HTML body of one article, in UTF-8 bytes. Google News takes at most 1 MB an article.
 * With `MAX_YAML_BYTES` it also bounds an article's KV value: JSON at most doubles text (an
 * escaped quote or backslash), so the article stays under 5 MiB, far below `KV_VALUE_LIMIT_BYTES`;
 * the publisher holds every value to `MAX_FEED_PAGE_BYTES` before writing.
 */
export const MAX_ARTICLE_HTML_BYTES = 2 * MIB;

/**
 * Largest article as JSON, in UTF-8 bytes: the writer keeps each article in one row of its
 * SQLite index, and a row holds at most 2 MB (Cloudflare's limit for SQLite-backed Durable
 * Objects), with room for the row's other columns.
 * @see https://developers.cloudflare.com/durable-objects/platform/limits/
 */
export const MAX_ARTICLE_JSON_BYTES = 1_900_000;

/** Why an article is too large for the writer's index, if it is; a problem with its body. */
export function articleSizeProblem(article: object): string | undefined {
  const tooLarge = overLimit(utf8Bytes(JSON.stringify(article)), MAX_ARTICLE_JSON_BYTES);
  return (
    tooLarge &&
    `makes an article of ${tooLarge} as stored (Google News takes at most 1 MB an article); shorten or split it`
  );
}

/** Workers KV's own limit on one value. */
export const KV_VALUE_LIMIT_BYTES = 25 * MIB;

/** Largest KV value any page of a feed could take as JSON, well under `KV_VALUE_LIMIT_BYTES`. */
export const MAX_FEED_PAGE_BYTES = 20 * MIB;

/** Longest time converting one article's Markdown may take. */
export const MARKDOWN_TIME_LIMIT_MS = 10_000;

/** Most heap memory converting one article's Markdown may use. */
export const MARKDOWN_MEMORY_LIMIT_MIB = 512;

/** Length of text in UTF-8 bytes, counted without encoding it (a lone surrogate counts as U+FFFD does). */
export function utf8Bytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** Describes a size over its limit (`"3.5 MiB, over the limit of 2 MiB"`), or `undefined` within it. */
export function overLimit(bytes: number, limit: number): string | undefined {
  return bytes > limit ? `${formatBytes(bytes)}, over the limit of ${formatBytes(limit)}` : undefined;
}

/** A size for people, rounded up so that a size just over a limit never reads as the limit itself. */
export function formatBytes(bytes: number): string {
  const up = (n: number) => Math.ceil(n * 100) / 100;
  if (bytes >= MIB) return `${up(bytes / MIB)} MiB`;
  return bytes >= 1024 ? `${up(bytes / 1024)} KiB` : `${bytes} bytes`;
}

/**
 * Most `*` and `_` marks in the paragraphs of one Markdown body, as the sum of each paragraph's
 * count squared: marked's time grows with that square (on a 2-core machine, 5,000 marks in one
 * paragraph take 0.16 s, 10,000 take 0.44 s, and the 100,000 of 200 KB of `_a_a…` half a minute).
 */
export const MAX_EMPHASIS_MARKS_SQUARED = 5_000 ** 2;

/** Widest run of leading spaces, quote marks and list markers a Markdown line may have (a tab counts four). */
export const MAX_MARKDOWN_PREFIX_COLUMNS = 64;
