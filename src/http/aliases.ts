import { FEED_FILES } from "../content/urls.ts";

/** Paths feed readers commonly guess, each redirected permanently (301) to its canonical feed. */
export const FEED_ALIASES: Readonly<Record<string, string>> = {
  "/feed": `/${FEED_FILES.rss}`,
  "/feed/": `/${FEED_FILES.rss}`,
  "/rss": `/${FEED_FILES.rss}`,
  "/feed.xml": `/${FEED_FILES.rss}`,
  "/index.xml": `/${FEED_FILES.rss}`,
  "/atom": `/${FEED_FILES.atom}`,
  "/json": `/${FEED_FILES.json}`,
};

/** How long clients may cache a permanent redirect. */
export const REDIRECT_CACHE_CONTROL = "public, max-age=86400";
