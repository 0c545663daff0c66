import { beforeAll, describe, expect, it } from "vitest";
import { clearKv, publishSeed, request } from "./helpers.ts";

const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const DOCUMENT_HEADERS = ["Content-Security-Policy", "Referrer-Policy", "Strict-Transport-Security", "X-Frame-Options"];

beforeAll(async () => {
  await clearKv();
  await publishSeed();
});

describe("headers", () => {
  it("on every response: nosniff, a cross-origin resource policy and our own request id", async () => {
    const responses = [
      await request("/rss.xml"),
      await request("/healthz"),
      await request("/nope"),
      await request("/feed", { redirect: "manual" }),
      await request("/%ZZ"),
      await request("/rss.xml", { method: "POST" }),
      await request("/", { headers: { Accept: BROWSER } }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 301, 400, 405, 200]);
    for (const res of responses) {
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
      expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("guards documents a browser renders, and only those, with the document headers", async () => {
    const browser = { headers: { Accept: BROWSER } };
    for (const path of ["/", "/atom.xml", "/articles/whatsapp-pegasus-spying-action"]) {
      const res = await request(path, browser);
      expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      for (const name of DOCUMENT_HEADERS) expect([name, res.headers.get(name)]).not.toEqual([name, null]);
      const etag = res.headers.get("ETag") ?? "";
      const notModified = await request(path, { headers: { Accept: BROWSER, "If-None-Match": etag } });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get("X-Frame-Options")).toBe(res.headers.get("X-Frame-Options"));
    }
    for (const res of [await request("/atom.xml"), await request("/feed.json"), await request("/healthz")]) {
      for (const name of DOCUMENT_HEADERS) expect([name, res.headers.get(name)]).toEqual([name, null]);
    }
  });

  it("lets any origin read feeds and pages, on 200, 304, HEAD and errors alike", async () => {
    const etag = (await request("/rss.xml")).headers.get("ETag") ?? "";
    const responses = [
      await request("/rss.xml", { headers: { Origin: "https://reader.example" } }),
      await request("/rss.xml", { headers: { "If-None-Match": etag } }),
      await request("/atom.xml", { method: "HEAD" }),
      await request("/tags/nope/rss.xml"),
      await request("/"),
      await request("/healthz"),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 304, 200, 404, 200, 200]);
    for (const res of responses) {
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(res.headers.get("Access-Control-Expose-Headers")).toBe(
        "ETag,Last-Modified,Content-Language,Link,Retry-After",
      );
    }
    expect((await request("/nope")).headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
