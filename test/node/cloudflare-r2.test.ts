import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cloudflareApi } from "../../scripts/lib/cloudflare-api.ts";
import { r2Bucket } from "../../scripts/lib/cloudflare-r2.ts";
import { type CloudflareStub, startCloudflareStub } from "./cloudflare-api-stub.ts";

let stub: CloudflareStub;

beforeEach(async () => {
  stub = await startCloudflareStub();
});
afterEach(() => stub.close());

const api = () => cloudflareApi(stub.url, { Authorization: `Bearer ${stub.token}` }, { attempts: 5, baseDelayMs: 1 });
const answered = (method: string, suffix: string) =>
  stub.requests.filter((r) => r.method === method && r.path.endsWith(suffix) && r.status === 200);

describe("an R2 bucket through Cloudflare's API", () => {
  it("lists every object a page at a time, writes one with its content type, deletes", async () => {
    const objects = stub.bucket("media");
    for (let i = 0; i < 1000; i++)
      objects.set(`images/${String(i).padStart(4, "0")}.jpg`, {
        body: Buffer.from([i % 256]),
        contentType: "image/jpeg",
      });
    const media = r2Bucket(api(), stub.accountId, "media");
    const photo = new TextEncoder().encode("<svg>चित्र</svg>");
    await media.put("images/नया चित्र.svg", photo, "image/svg+xml");
    expect(objects.get("images/नया चित्र.svg")).toEqual({ body: Buffer.from(photo), contentType: "image/svg+xml" });

    const listed = await media.list();
    expect(answered("GET", "/objects")).toHaveLength(2);
    expect(listed.map((o) => o.key)).toEqual([...objects.keys()].sort());
    expect(listed.find((o) => o.key === "images/नया चित्र.svg")).toEqual({
      key: "images/नया चित्र.svg",
      size: photo.length,
      etag: createHash("md5").update(photo).digest("hex"),
    });

    await media.remove(["images/नया चित्र.svg", "images/0000.jpg"]);
    expect(objects.size).toBe(999);
    expect(objects.has("images/नया चित्र.svg")).toBe(false);
  });
});
