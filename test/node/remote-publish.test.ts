import { execFile } from "node:child_process";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CloudflareStub, startCloudflareStub } from "./cloudflare-api-stub.ts";
import {
  copyContent,
  freshPublish,
  freshPublishWithTombstones,
  runPublish,
  type State,
  type Stored,
  tempDir,
} from "./helpers.ts";

const NAMESPACE = "5eed5eed5eed5eed5eed5eed5eed5eed";
const BUCKET = "patrika-media-test";
let stub: CloudflareStub;
let dir: Awaited<ReturnType<typeof tempDir>>;
let config: string;

beforeEach(async () => {
  stub = await startCloudflareStub();
  stub.kv(NAMESPACE);
  stub.bucket(BUCKET);
  dir = await tempDir();
  config = join(dir.path, "wrangler.toml");
  await writeFile(
    config,
    `name = "patrika"\n\n[[kv_namespaces]]\nbinding = "CONTENT"\nid = "${NAMESPACE}"\n\n` +
      `[[r2_buckets]]\nbinding = "MEDIA"\nbucket_name = "${BUCKET}"\n`,
  );
});
afterEach(async () => {
  await stub.close();
  await dir.cleanup();
});

const credentials = () => ({
  CLOUDFLARE_API_BASE_URL: stub.url,
  CLOUDFLARE_API_TOKEN: stub.token,
  CLOUDFLARE_ACCOUNT_ID: stub.accountId,
  PATRIKA_RETRY_BASE_MS: "1",
});
const publishRemote = (content: string) =>
  runPublish(["--remote", "--config", config, "--content", content], credentials());
const remoteState = (): State => ({
  kv: new Map<string, Stored>(
    [...stub.kv(NAMESPACE)].map(([key, { value, metadata }]) => [
      key,
      { value, sha256: (metadata as { sha256?: string } | undefined)?.sha256 },
    ]),
  ),
  media: new Map([...stub.bucket(BUCKET)].map(([name, { body, contentType }]) => [name, { type: contentType, body }])),
});
const isBulkWrite = (method: string, path: string) => method === "PUT" && path.endsWith("/bulk");
const isBulkDelete = (method: string, path: string) => method === "POST" && path.endsWith("/bulk/delete");
const bulkRequests = () => stub.requests.filter((r) => isBulkWrite(r.method, r.path) || isBulkDelete(r.method, r.path));
const overLimits = () => bulkRequests().filter((r) => (r.pairs ?? 0) > 10_000 || r.bytes > 100_000_000);
const written = (stdout: string) => Number(/(\d+) key\(s\) written/.exec(stdout)?.[1]);

describe("publish --remote against a stand-in for the Cloudflare API", () => {
  it("stores what a local publish stores, writes nothing the second time, and deletes a removed article", async () => {
    const content = await copyContent(dir.path);
    const article = await readFile(join(content, "articles/whatsapp-pegasus-spying-action.md"), "utf8");
    await writeFile(
      join(content, "articles/second-story.md"),
      article.replace("2019-11-01T19:18:00", "2019-11-02T08:00:00"),
    );

    const first = await publishRemote(content);
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain(
      `Published to remote KV (Cloudflare namespace ${NAMESPACE}) and R2 bucket ${BUCKET}: 2 article(s),`,
    );
    expect(remoteState()).toEqual(await freshPublish(content));
    expect(overLimits()).toEqual([]);

    const seen = stub.requests.length;
    expect(written((await publishRemote(content)).stdout)).toBe(0);
    expect(stub.requests.slice(seen).map((r) => `${r.method} ${r.path.split("/").at(-1)}`)).toEqual([
      "GET objects",
      "GET publish%3Amedia",
      "GET keys",
      "GET publish%3Astate",
    ]);

    await rm(join(content, "articles/second-story.md"));
    const removal = await publishRemote(content);
    expect(removal.code).toBe(0);
    expect(remoteState()).toEqual(await freshPublishWithTombstones(content, remoteState()));
  });

  it("publishes a store of several list pages through a 429 and a 503, and deletes through a 503", {
    timeout: 120_000,
  }, async () => {
    const content = join(dir.path, "content");
    await promisify(execFile)(process.execPath, [
      "scripts/synthetic-content.ts",
      ...["--count", "400", "--out", content, "--seed", "11"],
    ]);
    stub.fail({ status: 429, retryAfter: 1, skip: 1, match: isBulkWrite });
    stub.fail({ status: 503, match: isBulkWrite });
    expect((await publishRemote(content)).code).toBe(0);
    const statuses = bulkRequests().map((r) => r.status);
    expect(statuses).toEqual([200, 429, 503, ...Array(statuses.length - 3).fill(200)]);
    expect(overLimits()).toEqual([]);

    const seen = stub.requests.length;
    expect(written((await publishRemote(content)).stdout)).toBe(0);
    const [objects, record, ...rest] = stub.requests.slice(seen);
    const [state, ...listing] = rest.reverse();
    listing.reverse();
    expect([objects?.method, objects?.path.endsWith(`/r2/buckets/${BUCKET}/objects`)]).toEqual(["GET", true]);
    expect([record?.method, record?.path.endsWith("/values/publish%3Amedia")]).toEqual(["GET", true]);
    expect([state?.method, state?.path.endsWith("/values/publish%3Astate")]).toEqual(["GET", true]);
    expect(listing.length).toBeGreaterThan(1);
    expect(listing.map((r) => [r.method, r.path.endsWith("/keys"), r.query.has("cursor")])).toEqual(
      listing.map((_, i) => ["GET", true, i > 0]),
    );

    const [gone = ""] = (await readdir(join(content, "articles"))).sort();
    await rm(join(content, "articles", gone));
    stub.fail({ status: 503, match: isBulkDelete });
    expect((await publishRemote(content)).code).toBe(0);
    const deletions = stub.requests.filter((r) => isBulkDelete(r.method, r.path)).map((r) => r.status);
    expect(deletions).toEqual([503, ...Array(deletions.length - 1).fill(200)]);
    expect(remoteState()).toEqual(await freshPublishWithTombstones(content, remoteState()));
  });

  it("stops at a refused token with one plain line and exit status 1, having written nothing", async () => {
    const content = await copyContent(dir.path);
    stub.refuse = 403;
    const refused = await publishRemote(content);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "Publish failed: Cloudflare refused the API token (403 Forbidden: Authentication error [10000]) to list the " +
        `objects of R2 bucket ${BUCKET}: check CLOUDFLARE_API_TOKEN or run \`npx wrangler login\`.\n`,
    );
    expect(stub.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("says which write failed when Cloudflare keeps failing, and the next publish finishes the job", async () => {
    const content = await copyContent(dir.path);
    stub.fail({ status: 503, times: 5, skip: 1, match: isBulkWrite });
    const failed = await publishRemote(content);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /^Publish failed: Could not write \d+ key\(s\) to KV namespace \w+: Cloudflare answered 503 Service Unavailable: Internal error \[10001\], after 5 attempts\.\n$/,
    );
    expect(remoteState().kv.size).toBeGreaterThan(0);

    const retry = await publishRemote(content);
    expect(retry.code).toBe(0);
    expect(remoteState()).toEqual(await freshPublish(content));
  });

  it("fails with one plain line without credentials, or with the placeholder namespace id of wrangler.toml", async () => {
    const content = await copyContent(dir.path);
    const home = join(dir.path, "home");
    const anonymous = await runPublish(["--remote", "--config", config, "--content", content], {
      CLOUDFLARE_API_BASE_URL: stub.url,
      CLOUDFLARE_API_TOKEN: undefined,
      HOME: home,
      XDG_CONFIG_HOME: home,
    });
    expect(anonymous).toMatchObject({
      code: 1,
      stderr:
        "Publish failed: No Cloudflare credentials: set CLOUDFLARE_API_TOKEN to an API token that may edit " +
        "Workers KV, or run `npx wrangler login`.\n",
    });

    const placeholder = await runPublish(["--remote", "--content", content], credentials());
    expect(placeholder).toMatchObject({
      code: 1,
      stderr:
        "Publish failed: wrangler.toml still has the placeholder id for the KV namespace CONTENT: create the " +
        "namespace with `npx wrangler kv namespace create CONTENT` and put its id there.\n",
    });
    expect(stub.requests).toEqual([]);
  });
});
