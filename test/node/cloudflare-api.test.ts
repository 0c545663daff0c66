import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloudflareApiError, cloudflareApi } from "../../scripts/lib/cloudflare-api.ts";
import { connectCloudflare } from "../../scripts/lib/cloudflare-connect.ts";
import { type CloudflareStub, startCloudflareStub } from "./cloudflare-api-stub.ts";
import { tempDir } from "./helpers.ts";

const NAMESPACE = "c0ffee00c0ffee00c0ffee00c0ffee00";
let stub: CloudflareStub;

beforeEach(async () => {
  stub = await startCloudflareStub();
  stub.kv(NAMESPACE);
});
afterEach(() => stub.close());

const api = (token = stub.token, url = stub.url) =>
  cloudflareApi(url, { Authorization: `Bearer ${token}` }, { attempts: 5, baseDelayMs: 1 });
const listKeys = (client = api(), namespace = NAMESPACE) =>
  client.json("list the keys", `/accounts/${stub.accountId}/storage/kv/namespaces/${namespace}/keys`);

describe("requests to Cloudflare's API", () => {
  it("retries a 429 and 5xx answers, then goes on", async () => {
    stub.fail({ status: 429, retryAfter: 0 });
    stub.fail({ status: 503 });
    stub.fail({ status: 500 });
    expect((await listKeys()).result).toEqual([]);
    expect(stub.requests.map((r) => r.status)).toEqual([429, 503, 500, 200]);
  });

  it("gives up after 5 attempts, naming the operation, the status and Cloudflare's message", async () => {
    stub.fail({ status: 503, times: 10 });
    await expect(listKeys()).rejects.toThrow(
      new CloudflareApiError(
        "Could not list the keys: Cloudflare answered 503 Service Unavailable: Internal error [10001], after 5 attempts.",
      ),
    );
    expect(stub.requests).toHaveLength(5);
  });

  it("does not retry a refused token, and says what to do about it", async () => {
    await expect(listKeys(api("not-the-token"))).rejects.toThrow(
      new CloudflareApiError(
        "Cloudflare refused the API token (401 Unauthorized: Invalid API Token [1000]) to list the keys: " +
          "check CLOUDFLARE_API_TOKEN or run `npx wrangler login`.",
      ),
    );
    stub.refuse = 403;
    await expect(listKeys()).rejects.toThrow(
      "Cloudflare refused the API token (403 Forbidden: Authentication error [10000]) to list the keys:",
    );
    expect(stub.requests.map((r) => r.status)).toEqual([401, 403]);
  });

  it("does not retry other 4xx answers", async () => {
    await expect(listKeys(api(), "feedfeedfeedfeedfeedfeedfeedfeed")).rejects.toThrow(
      new CloudflareApiError(
        "Could not list the keys: Cloudflare answered 404 Not Found: namespace not found [10013].",
      ),
    );
    expect(stub.requests).toHaveLength(1);
  });

  it("retries when the API does not answer, then says so", async () => {
    const gone = stub.url;
    await stub.close();
    await expect(listKeys(api(stub.token, gone))).rejects.toThrow(
      new CloudflareApiError(
        `Could not list the keys: the Cloudflare API at ${new URL(gone).origin} did not answer (ECONNREFUSED), ` +
          "after 5 attempts.",
      ),
    );
  });
});

describe("connecting", () => {
  const env = () => ({
    CLOUDFLARE_API_BASE_URL: stub.url,
    CLOUDFLARE_API_TOKEN: stub.token,
    PATRIKA_RETRY_BASE_MS: "1",
  });

  it("takes account_id from the wrangler config first, then CLOUDFLARE_ACCOUNT_ID, as wrangler does", async () => {
    expect((await connectCloudflare("from-config", { ...env(), CLOUDFLARE_ACCOUNT_ID: "from-env" })).accountId).toBe(
      "from-config",
    );
    expect((await connectCloudflare(undefined, { ...env(), CLOUDFLARE_ACCOUNT_ID: "from-env" })).accountId).toBe(
      "from-env",
    );
    expect(stub.requests).toEqual([]);
  });

  it("otherwise uses the one account the credentials can see, and refuses to choose among several", async () => {
    expect((await connectCloudflare(undefined, env())).accountId).toBe(stub.accountId);
    const several = await startCloudflareStub({
      accounts: [
        { id: "aaaa", name: "समाचार" },
        { id: "bbbb", name: "Other" },
      ],
    });
    try {
      await expect(connectCloudflare(undefined, { ...env(), CLOUDFLARE_API_BASE_URL: several.url })).rejects.toThrow(
        new CloudflareApiError(
          "These Cloudflare credentials can see more than one account (समाचार: aaaa, Other: bbbb): " +
            "set CLOUDFLARE_ACCOUNT_ID or account_id in wrangler.toml to the one to publish to.",
        ),
      );
    } finally {
      await several.close();
    }
  });

  it("uses the token of `wrangler login` when CLOUDFLARE_API_TOKEN is not set", async () => {
    const home = await tempDir();
    try {
      await mkdir(join(home.path, ".wrangler/config"), { recursive: true });
      await writeFile(
        join(home.path, ".wrangler/config/default.toml"),
        `oauth_token = "${stub.token}"\nexpiration_time = "2999-01-01T00:00:00.000Z"\nrefresh_token = "unused"\n`,
      );
      const { CLOUDFLARE_API_TOKEN, ...rest } = env();
      const { api, accountId } = await connectCloudflare(undefined, {
        ...rest,
        PATH: process.env.PATH,
        HOME: home.path,
        XDG_CONFIG_HOME: home.path,
      });
      expect(accountId).toBe(stub.accountId);
      expect((await api.json("list your Cloudflare accounts", "/accounts")).result).toHaveLength(1);
    } finally {
      await home.cleanup();
    }
  });

  it("says plainly that there are no credentials", async () => {
    const home = await tempDir();
    try {
      await expect(
        connectCloudflare(undefined, { PATH: process.env.PATH, HOME: home.path, XDG_CONFIG_HOME: home.path }),
      ).rejects.toThrow(
        new CloudflareApiError(
          "No Cloudflare credentials: set CLOUDFLARE_API_TOKEN to an API token that may edit Workers KV, " +
            "or run `npx wrangler login`.",
        ),
      );
    } finally {
      await home.cleanup();
    }
  });
});
