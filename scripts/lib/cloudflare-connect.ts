import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import {
  type ApiAuth,
  type CloudflareApi,
  CloudflareApiError,
  cloudflareApi,
  DEFAULT_API_BASE_URL,
} from "./cloudflare-api.ts";

/** The API client and the account every call is made in. */
export interface CloudflareAccount {
  api: CloudflareApi;
  accountId: string;
}

/**
 * Connects to the Cloudflare API as wrangler does: at `CLOUDFLARE_API_BASE_URL` (default the
 * public API), with `CLOUDFLARE_API_TOKEN` or else the credentials `wrangler auth token` gives
 * (so `wrangler login` is enough), in the account wrangler would use: `account_id` from the
 * wrangler config, else `CLOUDFLARE_ACCOUNT_ID`, else the one account the credentials can see.
 * `PATRIKA_RETRY_BASE_MS` sets the first retry's wait (default 500 ms).
 */
export async function connectCloudflare(
  configAccountId: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CloudflareAccount> {
  const baseUrl = env.CLOUDFLARE_API_BASE_URL || DEFAULT_API_BASE_URL;
  const baseDelayMs = Number(env.PATRIKA_RETRY_BASE_MS || 500);
  if (!Number.isFinite(baseDelayMs) || baseDelayMs < 0)
    throw new CloudflareApiError(
      `PATRIKA_RETRY_BASE_MS must be a number of milliseconds, not "${env.PATRIKA_RETRY_BASE_MS}".`,
    );
  const api = cloudflareApi(baseUrl, await credentials(env), { attempts: 5, baseDelayMs });
  const accountId = configAccountId || env.CLOUDFLARE_ACCOUNT_ID || (await onlyAccount(api));
  return { api, accountId };
}

async function credentials(env: NodeJS.ProcessEnv): Promise<ApiAuth> {
  if (env.CLOUDFLARE_API_TOKEN) return { Authorization: `Bearer ${env.CLOUDFLARE_API_TOKEN}` };
  const wrangler = join(dirname(createRequire(import.meta.url).resolve("wrangler/package.json")), "bin/wrangler.js");
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, [wrangler, "auth", "token", "--json"], { env }));
  } catch {
    throw new CloudflareApiError(
      "No Cloudflare credentials: set CLOUDFLARE_API_TOKEN to an API token that may edit Workers KV, " +
        "or run `npx wrangler login`.",
    );
  }
  const given = parseJson(stdout) as { type?: string; token?: string; key?: string; email?: string } | undefined;
  if (given?.type === "api_key" && given.key && given.email)
    return { "X-Auth-Key": given.key, "X-Auth-Email": given.email };
  if (given?.token) return { Authorization: `Bearer ${given.token}` };
  throw new CloudflareApiError("`wrangler auth token --json` printed no credentials this command understands.");
}

async function onlyAccount(api: CloudflareApi): Promise<string> {
  const { result } = await api.json<{ id: string; name: string }[]>("list your Cloudflare accounts", "/accounts", {
    query: { per_page: "50" },
  });
  const [first, ...others] = result;
  if (first && others.length === 0) return first.id;
  if (!first) throw new CloudflareApiError("These Cloudflare credentials can see no account.");
  throw new CloudflareApiError(
    `These Cloudflare credentials can see more than one account (${result.map((a) => `${a.name}: ${a.id}`).join(", ")}): ` +
      "set CLOUDFLARE_ACCOUNT_ID or account_id in wrangler.toml to the one to publish to.",
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
