import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.ts";

/**
 * Bench-only: with `KV_READS_HEADER` set to `on`, counts the KV reads a request makes and reports
 * them in an `X-KV-Reads` response header. With any other value it does nothing.
 */
export function kvReadCount(): MiddlewareHandler<AppEnv> {
  return async function kvReadCount(c, next) {
    if (c.env.KV_READS_HEADER !== "on") return next();
    let reads = 0;
    const kv = c.env.CONTENT;
    const counted = new Proxy(kv, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (property === "get" || property === "getWithMetadata") reads++;
          return value.apply(target, args);
        };
      },
    });
    c.env = { ...c.env, CONTENT: counted };
    await next();
    c.res.headers.set("X-KV-Reads", String(reads));
  };
}
