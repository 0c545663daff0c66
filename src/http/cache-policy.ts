// How long feeds may be cached, and by whom; explained in docs/http.md ("For feed readers and
// aggregators") and docs/editors.md ("Takedowns"). Subscription feeds, pages and the newest, still growing archive
// page: five minutes fresh (how often aggregators poll) and a minute of stale-while-revalidate so
// a cache answers at once while it refetches; no stale-if-error, so a story taken down is gone
// from caches within minutes even while we fail. A full archive page never changes, so it is
// fresh for a year and `immutable`.
/** How long a live document (a subscription feed, a page, a sitemap) is fresh. */
export const LIVE_MAX_AGE_SECONDS = 300;
const ARCHIVE_MAX_AGE_SECONDS = 31_536_000;

/** The `Cache-Control` of a feed response, 200 and 304 alike, and the matching RSS `<ttl>`. */
export function cachePolicy(immutable: boolean): { cacheControl: string; ttlMinutes: number } {
  if (immutable) {
    return {
      cacheControl: `public, max-age=${ARCHIVE_MAX_AGE_SECONDS}, immutable`,
      ttlMinutes: ARCHIVE_MAX_AGE_SECONDS / 60,
    };
  }
  return { cacheControl: liveCacheControl(LIVE_MAX_AGE_SECONDS), ttlMinutes: LIVE_MAX_AGE_SECONDS / 60 };
}

/** The `Cache-Control` of a live document that stays fresh for `maxAgeSeconds`. */
export function liveCacheControl(maxAgeSeconds: number): string {
  return `public, max-age=${maxAgeSeconds}, stale-while-revalidate=60`;
}

/** How long an isolate may keep a feed head, from the `HEAD_CACHE_SECONDS` variable (0 if unset or bad). */
export function headCacheSeconds(env: Env): number {
  const seconds = Number(env.HEAD_CACHE_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) : 0;
}
