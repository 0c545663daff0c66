import type { RequestIdVariables } from "hono/request-id";

/** The Hono environment of the ingest API: the app's, and the name of the token a request writes with. */
export type ApiEnv = { Bindings: Env; Variables: RequestIdVariables & { writer: string } };
