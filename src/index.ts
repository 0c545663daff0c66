import { Hono } from "hono";
import { cors } from "hono/cors";
import { methodNotAllowed } from "hono/method-not-allowed";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { FEED_ALIASES, REDIRECT_CACHE_CONTROL } from "./http/aliases.ts";
import type { AppEnv } from "./http/app-env.ts";
import { handleError, methodNotAllowedResponse, notFound } from "./http/errors.ts";
import { feedRoutes } from "./http/feed-routes.ts";
import { requestGuard } from "./http/request-guard.ts";

const app = new Hono<AppEnv>();

app.use(requestId());
app.use(secureHeaders({ crossOriginResourcePolicy: "cross-origin", crossOriginOpenerPolicy: false }));
app.use(
  cors({
    origin: "*",
    allowMethods: ["GET", "HEAD", "OPTIONS"],
    exposeHeaders: ["ETag", "Last-Modified", "Content-Language", "Retry-After"],
    maxAge: 86_400,
  }),
);
app.use(requestGuard());
app.use(methodNotAllowed({ app, onMethodNotAllowed: methodNotAllowedResponse }));

app.route("/", feedRoutes());
for (const [alias, target] of Object.entries(FEED_ALIASES)) {
  app.get(alias, (c) => {
    c.header("Cache-Control", REDIRECT_CACHE_CONTROL);
    return c.redirect(target, 301);
  });
}
app.get("/healthz", (c) => c.text("ok\n", 200, { "Cache-Control": "no-store" }));

app.notFound(notFound);
app.onError(handleError);

export default app;
