import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { request } from "./helpers.ts";

const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));

/** A 1×1 PNG and a 2×1 JPEG, byte for byte. */
const PNG = hex(
  "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000970485973000003e8000003e801b57b526b" +
    "0000000c4944415408d763d8ac260700028700f84e4440e60000000049454e44ae426082",
);
const JPEG = hex(
  "ffd8ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51" +
    "575f626768673e4d71797064785c656763ffdb0043011112121815182f1a1a2f634238426363636363636363636363636363636363" +
    "636363636363636363636363636363636363636363636363636363636363636363ffc00011080001000203012200021101031101ff" +
    "c4001500010100000000000000000000000000000005ffc40014100100000000000000000000000000000000ffc40015010101000000" +
    "00000000000000000000000406ffc40014110100000000000000000000000000000000ffda000c03010002110311003f008c004a17ffd9",
);

const ICON = "0a1b2c3d4e5f60718293a4b5-1x1.png";
const PHOTO = "c0ffee00c0ffee00c0ffee00-2x1.jpeg";
const UNTYPED = "1111222233334444aaaabbbb-1x1.png";
const MISLABELLED = "5555666677778888ccccdddd-1x1.png";

beforeAll(async () => {
  await env.MEDIA.put(ICON, PNG, { httpMetadata: { contentType: "image/png" } });
  await env.MEDIA.put(PHOTO, JPEG, { httpMetadata: { contentType: "image/jpeg" } });
  await env.MEDIA.put(UNTYPED, PNG);
  await env.MEDIA.put(MISLABELLED, PNG, { httpMetadata: { contentType: "text/html" } });
});

/** Fetches through the Worker with every R2 call recorded. */
async function fetchCounted(path: string, init?: RequestInit): Promise<{ res: Response; calls: string[] }> {
  const calls: string[] = [];
  const media = new Proxy(env.MEDIA, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return value.apply(target, args);
      };
    },
  });
  const res = await worker.fetch(new Request(`http://localhost:8787${path}`, init), { ...env, MEDIA: media });
  return { res, calls };
}

describe("/media/{name}", () => {
  it.each([
    [ICON, PNG, "image/png"],
    [PHOTO, JPEG, "image/jpeg"],
  ])(
    "serves %s byte for byte with its type, R2's strong ETag and a year of immutable caching",
    async (name, bytes, type) => {
      const { res, calls } = await fetchCounted(`/media/${name}`);
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
      expect(calls).toEqual(["get"]);
      const stored = await env.MEDIA.head(name);
      expect(res.headers.get("ETag")).toBe(stored?.httpEtag);
      expect(res.headers.get("ETag")).toMatch(/^"[^"]+"$/);
      expect(res.headers.get("Content-Type")).toBe(type);
      expect(res.headers.get("Content-Length")).toBe(String(bytes.length));
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("Last-Modified")).toBe(stored?.uploaded.toUTCString());
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    },
  );

  it("takes the type from the name when R2 stores none, or one that is not a published image type", async () => {
    for (const name of [UNTYPED, MISLABELLED]) {
      const res = await request(`/media/${name}`);
      expect([name, res.headers.get("Content-Type")]).toEqual([name, "image/png"]);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
    }
  });

  it("answers 304 without reading the body to its ETag, weak or in a list, and to If-Modified-Since", async () => {
    const etag = (await env.MEDIA.head(PHOTO))?.httpEtag ?? "";
    const lastModified = (await request(`/media/${PHOTO}`)).headers.get("Last-Modified") ?? "";
    const cases: Record<string, string>[] = [
      { "If-None-Match": etag },
      { "If-None-Match": `W/${etag}` },
      { "If-None-Match": `"other", ${etag}` },
      { "If-None-Match": "*" },
      { "If-Modified-Since": lastModified },
    ];
    for (const headers of cases) {
      const { res, calls } = await fetchCounted(`/media/${PHOTO}`, { headers });
      expect([headers, res.status, calls]).toEqual([headers, 304, ["head"]]);
      expect(await res.text()).toBe("");
      expect(res.headers.get("ETag")).toBe(etag);
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    }
  });

  it("answers 200 with the body when the client's copy is not this one", async () => {
    const cases: Record<string, string>[] = [
      { "If-None-Match": '"other"' },
      { "If-None-Match": "not a list" },
      { "If-Modified-Since": "Fri, 01 Nov 2019 13:48:00 GMT" },
    ];
    for (const headers of cases) {
      const { res } = await fetchCounted(`/media/${PHOTO}`, { headers });
      expect([headers, res.status]).toEqual([headers, 200]);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(JPEG);
    }
  });

  it("answers HEAD from the metadata alone: the headers of GET and no body", async () => {
    const { res, calls } = await fetchCounted(`/media/${ICON}`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(calls).toEqual(["head"]);
    expect(await res.text()).toBe("");
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("Content-Length")).toBe(String(PNG.length));
    expect(res.headers.get("ETag")).toBe((await env.MEDIA.head(ICON))?.httpEtag);
    const conditional = await request(`/media/${ICON}`, {
      method: "HEAD",
      headers: { "If-None-Match": res.headers.get("ETag") ?? "" },
    });
    expect(conditional.status).toBe(304);
  });

  it("answers 404 for a media name R2 does not have", async () => {
    const { res, calls } = await fetchCounted("/media/000000000000000000000000-1x1.png");
    expect(res.status).toBe(404);
    expect(calls).toEqual(["get"]);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });

  it.each([
    "x.png",
    "0A1B2C3D4E5F60718293A4B5-1x1.png",
    "0a1b2c3d4e5f60718293a4b5-1x1.gif",
    "0a1b2c3d4e5f60718293a4b5-0x1.png",
    "0a1b2c3d4e5f60718293a4b5-1x1.png.html",
    "0a1b2c3d4e5f60718293a4b5.png",
    "..%2F0a1b2c3d4e5f60718293a4b5-1x1.png",
  ])("answers 404 for %s, which is no media name, without asking R2", async (name) => {
    const { res, calls } = await fetchCounted(`/media/${name}`);
    expect(res.status).toBe(404);
    expect(calls).toEqual([]);
  });

  it("answers 405 to other methods, and a CORS preflight", async () => {
    const post = await request(`/media/${ICON}`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    const preflight = await request(`/media/${ICON}`, {
      method: "OPTIONS",
      headers: { Origin: "https://reader.example", "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("answers 503 with Retry-After when R2 fails, and logs the object's name", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = new Proxy(env.MEDIA, {
      get: () => () => Promise.reject(new Error("R2 is down")),
    });
    const res = await worker.fetch(new Request(`http://localhost:8787/media/${ICON}`), { ...env, MEDIA: broken });
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("60");
    expect(logged.mock.calls.map((args) => args.join(" "))).toEqual([
      expect.stringMatching(new RegExp(`503 GET /media/${ICON}: R2 object "${ICON}": the R2 read failed: R2 is down`)),
    ]);
    logged.mockRestore();
  });
});
