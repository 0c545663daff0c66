import { Hono } from "hono";
import { FEED_FILES, type FeedFormat } from "./content/urls.ts";
import { handleError } from "./http/errors.ts";
import { serveFeed } from "./http/feed-route.ts";
import { MAIN_FEED } from "./kv/keys.ts";

const app = new Hono<{ Bindings: Env }>();

for (const format of Object.keys(FEED_FILES) as FeedFormat[]) {
  app.get(`/${FEED_FILES[format]}`, (c) => serveFeed(c, MAIN_FEED, format));
}

app.onError(handleError);

export default app;
