import { documentDir } from "../content/archive.ts";
import type { FeedPage } from "../content/model.ts";
import { type FeedFormat, feedUrl } from "../content/urls.ts";

/** The links that tie one feed document into its RFC 5005 chain, for one format. */
export interface ChainLinks {
  self: string;
  /** The subscription document, from an archive page. */
  current?: string;
  /** The next older archive page. */
  prevArchive?: string;
  /** The next newer archive page, from an archive page that has one. */
  nextArchive?: string;
}

/**
 * Links of a feed document: the subscription document points to the newest archive page; each
 * archive page to the subscription document, the page before it and the page after it.
 * @see https://www.rfc-editor.org/rfc/rfc5005#section-4
 */
export function chainLinks(page: FeedPage, format: FeedFormat): ChainLinks {
  const { site, dir, archive } = page;
  const url = (p: number | null) => feedUrl(site, documentDir(dir, p), format);
  const older = archive.page === null ? archive.pages : archive.page - 1;
  return {
    self: url(archive.page),
    ...(archive.page === null ? {} : { current: url(null) }),
    ...(older >= 1 ? { prevArchive: url(older) } : {}),
    ...(archive.page !== null && archive.page < archive.pages ? { nextArchive: url(archive.page + 1) } : {}),
  };
}
