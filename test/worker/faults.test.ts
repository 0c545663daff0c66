import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ArticleImage, ImageFile, Section, Site } from "../../src/content/model.ts";
import worker from "../../src/index.ts";
import { article, LOCAL_IMAGE, SITE, SITE_IMAGES } from "./fixtures.ts";
import { clearKv, publishArticles, publishSeed, request } from "./helpers.ts";

let logged: string[];
beforeEach(async () => {
  await clearKv();
  logged = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
});
afterEach(() => vi.restoreAllMocks());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function expectUnavailable(res: Response, problem: RegExp): Promise<void> {
  const body = await res.text();
  expect(res.status).toBe(503);
  expect(res.headers.get("Retry-After")).toBe("60");
  expect(body).not.toMatch(/\bat \S+:\d+|ShapeError|ContentUnavailable|SyntaxError/);
  const id = res.headers.get("X-Request-Id");
  expect(id).toMatch(UUID);
  expect(body).toContain(`Request id: ${id}`);
  expect(logged.find((line) => line.startsWith(`[${id}] 503 `))).toMatch(problem);
}

describe("content missing or corrupt in KV", () => {
  it("answers 503 for every feed when the namespace is empty, and keeps other URLs working", async () => {
    for (const path of ["/rss.xml", "/atom.xml", "/feed.json"]) {
      await expectUnavailable(await request(path), /head:\/.*missing/);
    }
    expect((await request("/healthz")).status).toBe(200);
    expect((await request("/nope")).status).toBe(404);
    expect((await request("/feed", { redirect: "manual" })).status).toBe(301);
  });

  it("answers 503 when a value is not valid JSON", async () => {
    await publishSeed();
    await env.CONTENT.put("head:/", "{not json");
    await expectUnavailable(await request("/atom.xml"), /head:\/.*not valid JSON/);
  });

  it("answers 503 when a value has the wrong shape", async () => {
    await publishSeed();
    const page = JSON.parse((await env.CONTENT.get("feed:/")) ?? "{}");
    page.items[0].published = "1 Nov 2019 7:18 PM IST";
    page.hash = "changed";
    await env.CONTENT.put("feed:/", JSON.stringify(page));
    await env.CONTENT.put(
      "head:/",
      JSON.stringify({ ...JSON.parse((await env.CONTENT.get("head:/")) ?? "{}"), hash: "changed" }),
    );
    await expectUnavailable(await request("/rss.xml"), /feed:\/.*page\.items\[0\]\.published/);
  });

  it("answers 503 when the head names a page that is not there, but still 304 and HEAD from the head", async () => {
    const head = {
      hash: crypto.randomUUID().replaceAll("-", ""),
      updated: "2019-11-01T19:18:00+05:30",
      language: "hi",
      url: "http://localhost:8787",
      immutable: false,
    };
    await env.CONTENT.put("head:/", JSON.stringify(head));
    await expectUnavailable(await request("/feed.json"), /feed:\/.*missing/);
    const headRes = await request("/feed.json", { method: "HEAD" });
    expect(headRes.status).toBe(200);
    const etag = headRes.headers.get("ETag") ?? "";
    expect((await request("/feed.json", { headers: { "If-None-Match": etag } })).status).toBe(304);
  });

  it("answers 503 when the KV read itself fails", async () => {
    const failing = { get: () => Promise.reject(new Error("KV is down")) } as unknown as KVNamespace;
    const res = await worker.fetch(new Request("http://localhost:8787/rss.xml"), { ...env, CONTENT: failing });
    expect(await res.clone().text()).not.toContain("KV is down");
    await expectUnavailable(res, /head:\/.*KV read failed: KV is down/);
  });

  const { large, small } = LOCAL_IMAGE;
  const { icon = [], logo } = SITE_IMAGES;
  const BAD_IMAGES: [string, unknown, RegExp][] = [
    ["no alt text", { ...LOCAL_IMAGE, alt: undefined }, /image\.alt is not a string/],
    [
      "a relative URL",
      { ...LOCAL_IMAGE, large: { ...large, url: "/media/a.jpeg" } },
      /image\.large\.url is not an absolute/,
    ],
    ["a javascript: URL", { ...LOCAL_IMAGE, small: { ...small, url: "javascript:alert(1)" } }, /image\.small\.url/],
    [
      "a URL not in normal form",
      { ...LOCAL_IMAGE, large: { ...large, url: "HTTP://x.example/a b.jpeg" } },
      /normal form/,
    ],
    ["an unknown type", { ...LOCAL_IMAGE, small: { ...small, type: "image/gif" } }, /image\.small\.type/],
    ["a zero width", { ...LOCAL_IMAGE, large: { ...large, width: 0 } }, /image\.large\.width/],
    ["a height as text", { ...LOCAL_IMAGE, large: { ...large, height: "1333" } }, /image\.large\.height/],
    ["a fractional size in bytes", { ...LOCAL_IMAGE, small: { ...small, bytes: 1.5 } }, /image\.small\.bytes/],
  ];
  it.each(BAD_IMAGES)("answers 503 for an article whose image has %s", async (_, image, problem) => {
    await publishArticles(SITE, [article({ image: image as ArticleImage })]);
    await expectUnavailable(await request("/rss.xml"), problem);
    await expectUnavailable(await request("/articles/test"), problem);
  });

  const BAD_SITES: [string, Partial<Site>, RegExp][] = [
    ["an empty icon", { icon: [] }, /site\.icon is empty/],
    ["an icon that is not square", { icon: [{ ...(icon[0] as ImageFile), height: 31 }] }, /icon\[0\] is not square/],
    ["icon sizes largest first", { icon: [...icon].reverse() }, /icon\[1\] is not larger/],
    ["a logo without a type", { logo: { ...(logo as ImageFile), type: "" } }, /site\.logo\.type/],
    [
      "a section key that cannot be one",
      { sections: [{ key: "Desh", name: "देश" }] },
      /sections\[0\]\.key is not a section key/,
    ],
    ["a section without a name", { sections: [{ key: "desh" } as Section] }, /sections\[0\]\.name is not a string/],
  ];
  it.each(BAD_SITES)("answers 503 for a site with %s", async (_, images, problem) => {
    await publishArticles({ ...SITE, ...images }, [article()]);
    await expectUnavailable(await request("/atom.xml"), problem);
  });
});

describe("sitemap values missing or corrupt in KV", () => {
  it("answers 503 for every sitemap and robots.txt when the namespace is empty", async () => {
    for (const path of ["/sitemap.xml", "/sitemaps/pages.xml", "/robots.txt"]) {
      await expectUnavailable(await request(path), /sitemap:\/sitemap\.xml.*missing/);
    }
    await expectUnavailable(await request("/news-sitemap.xml"), /head:\/news-sitemap\.xml.*missing/);
  });

  const BAD_VALUES: [string, string, (value: Record<string, never>) => unknown, string, RegExp][] = [
    ["an index without a base URL", "sitemap:/sitemap.xml", (v) => ({ ...v, baseUrl: 7 }), "/robots.txt", /baseUrl/],
    [
      "an index whose base URL ends in a line break",
      "sitemap:/sitemap.xml",
      (v) => ({ ...v, baseUrl: "http://localhost:8787\nDisallow: /" }),
      "/robots.txt",
      /index\.baseUrl is not a base URL/,
    ],
    [
      "an index whose base URL has a path",
      "sitemap:/sitemap.xml",
      (v) => ({ ...v, baseUrl: "http://localhost:8787/news" }),
      "/robots.txt",
      /index\.baseUrl is not a base URL/,
    ],
    [
      "an index listing another path",
      "sitemap:/sitemap.xml",
      (v) => ({ ...v, sitemaps: [{ path: "/feed.json", hash: "x" }] }),
      "/sitemap.xml",
      /index\.sitemaps\[0\]\.path/,
    ],
    [
      "a sitemap with a relative URL",
      "sitemap:/sitemaps/pages.xml",
      (v) => ({ ...v, urls: [{ loc: "/articles/test" }] }),
      "/sitemaps/pages.xml",
      /sitemap:\/sitemaps\/pages\.xml.*sitemap\.urls\[0\]\.loc/,
    ],
    [
      "news with a language that is not ISO 639",
      "sitemap:/news-sitemap.xml",
      (v) => ({ ...v, language: "hi-IN" }),
      "/news-sitemap.xml",
      /news\.language/,
    ],
    [
      "a news head with a date that is not RFC 3339",
      "head:/news-sitemap.xml",
      (v) => ({ ...v, articles: [{ published: "1 Nov 2019", updated: "1 Nov 2019" }] }),
      "/news-sitemap.xml",
      /head:\/news-sitemap\.xml.*head\.articles\[0\]\.published/,
    ],
  ];
  it.each(BAD_VALUES)("answers 503 for %s, naming the key", async (_, key, spoil, path, problem) => {
    await publishSeed();
    await env.CONTENT.put(key, JSON.stringify(spoil(JSON.parse((await env.CONTENT.get(key)) ?? "{}"))));
    await expectUnavailable(await request(path), problem);
  });

  it("answers 503 when the index lists a sitemap that is not there, but still 304 and HEAD from the index", async () => {
    await publishSeed();
    await env.CONTENT.delete("sitemap:/sitemaps/pages.xml");
    await expectUnavailable(await request("/sitemaps/pages.xml"), /sitemap:\/sitemaps\/pages\.xml.*missing/);
    const head = await request("/sitemaps/pages.xml", { method: "HEAD" });
    expect(head.status).toBe(200);
    const etag = head.headers.get("ETag") ?? "";
    expect((await request("/sitemaps/pages.xml", { headers: { "If-None-Match": etag } })).status).toBe(304);
  });
});
