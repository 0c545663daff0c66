/** Items per RFC 5005 archive page. Documented in docs/storage.md ("Archives"). */
export const ARCHIVE_PAGE_SIZE = 50;

/** A feed split into its subscription document and its archive pages. */
export interface Chain<T> {
  /** The newest items, newest first. */
  subscription: T[];
  /** Archive pages, page 1 (the oldest items) first; each page newest first. */
  archives: T[][];
}

/**
 * Splits a feed's items (newest first) into the subscription document, which holds the newest
 * `subscriptionSize`, and archive pages of `pageSize` that hold every other item exactly once.
 * Pages fill from the oldest item on, so a full page keeps its items as newer articles arrive.
 * After the last full page there is always a growing page (empty when the items divide evenly),
 * and there are never fewer than two pages: so a full page already links to the page after it
 * when it fills, and never changes again, and every page has a neighbour to link to.
 * @see https://www.rfc-editor.org/rfc/rfc5005#section-4
 */
export function splitIntoChain<T>(
  newestFirst: readonly T[],
  subscriptionSize: number,
  pageSize = ARCHIVE_PAGE_SIZE,
): Chain<T> {
  const oldestFirst = newestFirst.slice(subscriptionSize).reverse();
  const archives: T[][] = [];
  for (let start = 0; start < oldestFirst.length; start += pageSize) {
    archives.push(oldestFirst.slice(start, start + pageSize).reverse());
  }
  const last = archives.at(-1);
  if (last && (archives.length === 1 || last.length === pageSize)) archives.push([]);
  return { subscription: newestFirst.slice(0, subscriptionSize), archives };
}

/** Folder of one document of a feed: the subscription folder, or `{dir}/archive/{page}`. */
export function documentDir(dir: string, page: number | null): string {
  return page === null ? dir : `${dir}/archive/${page}`;
}

/** How a feed of `count` items splits (see `splitIntoChain`), without the items. */
export interface ChainShape {
  /** Items in archive pages: those beyond the subscription document. */
  archived: number;
  /** Archive pages, the growing (possibly empty) last page included. */
  pages: number;
}

/** The shape `splitIntoChain` gives a feed of `count` items, computed from the count alone. */
export function chainShape(count: number, subscriptionSize: number, pageSize = ARCHIVE_PAGE_SIZE): ChainShape {
  const archived = Math.max(0, count - subscriptionSize);
  const full = Math.ceil(archived / pageSize);
  const growing = archived > 0 && (full === 1 || archived % pageSize === 0) ? 1 : 0;
  return { archived, pages: full + growing };
}

/** The archive page (1, 2, …) holding the item at `oldestFirst` position among a chain's archived items. */
export function archivePageOf(oldestFirst: number, pageSize = ARCHIVE_PAGE_SIZE): number {
  return Math.floor(oldestFirst / pageSize) + 1;
}
