import type { MiddlewareHandler } from "hono";
import type { ApiEnv } from "./api-env.ts";

// Secrets named PUBLISH_TOKEN (the token called "publish") or PUBLISH_TOKEN_{NAME} (called "name").
const TOKEN_SECRET = /^PUBLISH_TOKEN(?:_([A-Z0-9_]+))?$/;

/**
 * Lets a request through only with `Authorization: Bearer {token}` naming one of the Worker's
 * publish tokens (secrets `PUBLISH_TOKEN` and `PUBLISH_TOKEN_{NAME}`; `wrangler secret put`, or
 * `.dev.vars` locally), and records the token's name as `writer` for the audit log. Tokens are
 * compared by their SHA-256 digests in constant time, every token every time. Anything else is
 * 401 with nothing revealed; deleting a secret revokes its token.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export function publishAuth(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const match = /^Bearer +([\x21-\x7e]{1,512})$/i.exec(c.req.header("Authorization") ?? "");
    const name = match ? await tokenName(c.env as unknown as Record<string, unknown>, match[1] ?? "") : undefined;
    if (name === undefined) {
      return c.json({ error: "unauthorized", problems: ["Authorization: a valid bearer token is required"] }, 401, {
        "WWW-Authenticate": 'Bearer realm="patrika"',
      });
    }
    c.set("writer", name);
    await next();
  };
}

async function tokenName(env: Record<string, unknown>, given: string): Promise<string | undefined> {
  const presented = await digest(given);
  let found: string | undefined;
  for (const [secret, value] of Object.entries(env)) {
    const match = TOKEN_SECRET.exec(secret);
    if (!match || typeof value !== "string" || value.length < 16) continue;
    const same = crypto.subtle.timingSafeEqual(presented, await digest(value));
    if (same && found === undefined) found = (match[1] ?? "publish").toLowerCase();
  }
  return found;
}

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}
