import { Hono } from "hono";
import { methodNotAllowed } from "hono/method-not-allowed";
import { requestId } from "hono/request-id";
import type { AppEnv } from "./http/app-env.ts";
import { readerCors } from "./http/cors.ts";
import { handleError, methodNotAllowedResponse, notFound } from "./http/errors.ts";
import { feedRoutes } from "./http/feed-routes.ts";
import { kvReadCount } from "./http/kv-read-count.ts";
import { mediaRoutes } from "./http/media-route.ts";
import { pageRoutes } from "./http/page-routes.ts";
import { requestGuard } from "./http/request-guard.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { sitemapRoutes } from "./http/sitemap-routes.ts";
import { apiRoutes } from "./write/api/routes.ts";

const app = new Hono<AppEnv>();

app.use(requestId({ limitLength: 0 }));
app.use(kvReadCount());
app.use(securityHeaders);
app.use(requestGuard());
app.use(methodNotAllowed({ app, onMethodNotAllowed: methodNotAllowedResponse }));

app.route("/", feedRoutes());
app.route("/", pageRoutes());
app.route("/", mediaRoutes());
app.route("/", sitemapRoutes());
app.route("/api/v1", apiRoutes());
app.use("/healthz", readerCors);
app.get("/healthz", (c) => c.text("ok\n", 200, { "Cache-Control": "no-store" }));

app.notFound(notFound);
app.onError(handleError);

export default app;
export { PublicationWriter } from "./write/writer/writer.ts";
