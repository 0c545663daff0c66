import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloudflareApiError, cloudflareApi } from "../../scripts/lib/cloudflare-api.ts";
import { kvNamespaceTarget } from "../../scripts/lib/remote-target.ts";
import { sha256 } from "../../src/kv/hash.ts";
import { type CloudflareStub, startCloudflareStub } from "./cloudflare-api-stub.ts";

const NAMESPACE = "c0ffee00c0ffee00c0ffee00c0ffee00";
let stub: CloudflareStub;

beforeEach(async () => {
  stub = await startCloudflareStub();
  stub.kv(NAMESPACE);
});
afterEach(() => stub.close());

const namespace = () =>
  kvNamespaceTarget(
    cloudflareApi(stub.url, { Authorization: `Bearer ${stub.token}` }, { attempts: 5, baseDelayMs: 1 }),
    stub.accountId,
    NAMESPACE,
  );
const entry = async (key: string, value: string) => ({ key, value, hash: await sha256(value) });
const answered = (method: string, suffix: string) =>
  stub.requests.filter((r) => r.method === method && r.path.endsWith(suffix) && r.status === 200);

describe("a KV namespace through Cloudflare's API", () => {
  it("writes more than 10,000 pairs in bulk writes of at most 10,000, lists them a page at a time, deletes them in bulk", async () => {
    const entries = await Promise.all(Array.from({ length: 10_001 }, (_, i) => entry(`article:a${i}`, `लेख ${i}`)));
    let reported = 0;
    await namespace().put(entries, (count) => {
      reported += count;
    });
    expect(answered("PUT", "/bulk").map((r) => r.pairs)).toEqual([10_000, 1]);
    expect(reported).toBe(10_001);
    expect(stub.kv(NAMESPACE).get("article:a7")).toEqual({ value: "लेख 7", metadata: { sha256: entries[7]?.hash } });

    const listing = await namespace().list();
    expect(answered("GET", "/keys").map((r) => r.query.has("cursor"))).toEqual([false, ...Array(10).fill(true)]);
    expect(listing).toEqual(new Map(entries.map((e) => [e.key, e.hash])));

    await namespace().remove([...listing.keys()]);
    expect(answered("POST", "/bulk/delete").map((r) => r.pairs)).toEqual([10_000, 1]);
    expect(stub.kv(NAMESPACE).size).toBe(0);
  });

  it("keeps every bulk write within 100 MB counted in UTF-8 bytes, not in characters", async () => {
    const devanagari = "क".repeat(3_000_000);
    const entries = await Promise.all(
      Array.from({ length: 12 }, (_, i) => entry(`feed:/archive/${i}`, devanagari + i)),
    );
    await namespace().put(entries);
    const writes = stub.requests.filter((r) => r.method === "PUT");
    expect(writes.length).toBeGreaterThan(1);
    expect(writes.map((r) => [r.status, r.bytes <= 100_000_000])).toEqual(writes.map(() => [200, true]));
    expect(stub.kv(NAMESPACE).get("feed:/archive/11")?.value).toBe(`${devanagari}11`);
  });

  it("sends again the keys a bulk write answers as unsuccessful, and stops plainly when they keep failing", async () => {
    const entries = await Promise.all(["a", "b", "c"].map((slug) => entry(`article:${slug}`, slug)));
    stub.unsuccessful.set("article:b", 1);
    await namespace().put(entries);
    expect(answered("PUT", "/bulk").map((r) => r.pairs)).toEqual([3, 1]);
    expect([...stub.kv(NAMESPACE).keys()].sort()).toEqual(["article:a", "article:b", "article:c"]);

    stub.unsuccessful.set("article:c", 3);
    await expect(namespace().put(entries)).rejects.toThrow(
      new CloudflareApiError(
        `Could not write 1 key(s) to KV namespace ${NAMESPACE}: Cloudflare answered them unsuccessful 3 times (article:c).`,
      ),
    );
  });

  it("reads a value as text, and null for a key it does not hold", async () => {
    await namespace().put([await entry("article:नमस्ते/1", "नमस्ते दुनिया")]);
    expect(await namespace().get("article:नमस्ते/1")).toBe("नमस्ते दुनिया");
    expect(await namespace().get("article:absent")).toBeNull();
  });
});
