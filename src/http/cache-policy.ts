/**
 * How long feeds may be cached, and by whom. Explained in the README ("For feed readers and
 * aggregators"): five minutes fresh matches how often aggregators poll; an hour of
 * stale-while-revalidate lets a cache answer at once while it fetches the new version; a day of
 * stale-if-error keeps readers served through an outage.
 */
export const FEED_MAX_AGE_SECONDS = 300;
const STALE_WHILE_REVALIDATE_SECONDS = 3600;
const STALE_IF_ERROR_SECONDS = 86_400;

/** The `Cache-Control` value of every feed response, 200 and 304 alike. */
export const FEED_CACHE_CONTROL = `public, max-age=${FEED_MAX_AGE_SECONDS}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}, stale-if-error=${STALE_IF_ERROR_SECONDS}`;

/** RSS `<ttl>` in minutes, consistent with `max-age`. */
export const FEED_TTL_MINUTES = FEED_MAX_AGE_SECONDS / 60;
