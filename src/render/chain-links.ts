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
}

/**
 * Links of a feed document: the subscription document points to the newest archive page,
 * each archive page to the one before it and back to the subscription document. Archive pages
 * carry no `next-archive`, so a page that is full never has to change.
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
  };
}
