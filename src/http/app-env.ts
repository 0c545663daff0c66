import type { RequestIdVariables } from "hono/request-id";

/** The Hono environment of the app: the Worker's bindings and the per-request variables. */
export type AppEnv = { Bindings: Env; Variables: RequestIdVariables };
