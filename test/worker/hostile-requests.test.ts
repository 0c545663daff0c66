import { beforeAll, describe, expect, inject, it } from "vitest";
import { publishSeed, request } from "./helpers.ts";

beforeAll(publishSeed);

interface Case {
  name: string;
  path: string;
  status: number;
  method?: string;
  headers?: Record<string, string>;
  location?: string;
}

const long = (n: number) => "a".repeat(n);
const cases: Case[] = [
  { name: "dot-dot traversal", path: "/../../etc/passwd", status: 404 },
  { name: "encoded dot-dot traversal", path: "/%2e%2e/%2e%2e/etc/passwd", status: 404 },
  { name: "encoded slash traversal", path: "/..%2f..%2fetc%2fpasswd", status: 404 },
  { name: "double-encoded traversal", path: "/%252e%252e/%252e%252e/etc/passwd", status: 404 },
  { name: "backslash traversal", path: "/..%5c..%5cwindows%5cwin.ini", status: 404 },
  { name: "NUL after a feed name", path: "/rss.xml%00", status: 400 },
  { name: "NUL alone", path: "/%00", status: 400 },
  { name: "CRLF header injection", path: "/%0d%0aSet-Cookie:%20x=1", status: 400 },
  { name: "escape sequence", path: "/%1b[31mred", status: 400 },
  { name: "DEL character", path: "/%7f", status: 400 },
  { name: "truncated UTF-8", path: "/%E0%A4", status: 400 },
  { name: "invalid UTF-8 continuation", path: "/%C3%28", status: 400 },
  { name: "overlong UTF-8 slash", path: "/%C0%AF", status: 400 },
  { name: "UTF-8 encoded surrogate", path: "/%ED%A0%80", status: 400 },
  { name: "byte FF", path: "/%FF", status: 400 },
  { name: "non-hex escape", path: "/%ZZ", status: 400 },
  { name: "lone percent", path: "/%", status: 400 },
  { name: "percent after a feed name", path: "/rss.xml%", status: 400 },
  { name: "script tag in the path", path: "/<script>alert(1)</script>", status: 404 },
  { name: "attribute breakout in the path", path: '/"><img src=x onerror=alert(1)>', status: 404 },
  { name: "markup in the query of a feed", path: "/rss.xml?<script>alert(1)</script>=1", status: 200 },
  { name: "cache-busting query", path: "/atom.xml?v=12345", status: 200 },
  { name: "over-long path", path: `/${long(3000)}`, status: 414 },
  { name: "over-long query", path: `/rss.xml?q=${long(3000)}`, status: 414 },
  { name: "POST to a feed", path: "/rss.xml", method: "POST", status: 405 },
  { name: "PUT to a feed", path: "/atom.xml", method: "PUT", status: 405 },
  { name: "DELETE a feed", path: "/feed.json", method: "DELETE", status: 405 },
  { name: "PATCH a feed", path: "/rss.xml", method: "PATCH", status: 405 },
  { name: "WebDAV PROPFIND", path: "/rss.xml", method: "PROPFIND", status: 405 },
  { name: "TRACE", path: "/atom.xml", method: "TRACE", status: 405 },
  { name: "WebDAV MKCOL", path: "/feed.json", method: "MKCOL", status: 405 },
  { name: "POST to an alias", path: "/feed", method: "POST", status: 405 },
  { name: "POST to an unknown path", path: "/nope", method: "POST", status: 404 },
  { name: "upper-case feed name", path: "/RSS.XML", status: 404 },
  { name: "trailing slash after a feed", path: "/rss.xml/", status: 404 },
  { name: "double slash", path: "//rss.xml", status: 404 },
  { name: "path parameter", path: "/rss.xml;jsessionid=1", status: 404 },
  { name: "probe for secrets", path: "/.env", status: 404 },
  { name: "probe for WordPress", path: "/wp-login.php", status: 404 },
  { name: "emoji path", path: "/%F0%9F%98%80", status: 404 },
  { name: "Devanagari path", path: "/%E0%A4%96%E0%A4%AC%E0%A4%B0", status: 404 },
  { name: "alias /feed", path: "/feed", status: 301, location: "/rss.xml" },
  { name: "alias /feed/", path: "/feed/", status: 301, location: "/rss.xml" },
  { name: "alias /rss", path: "/rss", status: 301, location: "/rss.xml" },
  { name: "alias /feed.xml", path: "/feed.xml", status: 301, location: "/rss.xml" },
  { name: "alias /index.xml", path: "/index.xml", status: 301, location: "/rss.xml" },
  { name: "alias /atom", path: "/atom", status: 301, location: "/atom.xml" },
  { name: "alias /json with a query", path: "/json?x=<b>", status: 301, location: "/feed.json" },
  { name: "HEAD on an alias", path: "/rss", method: "HEAD", status: 301, location: "/rss.xml" },
  { name: "huge If-None-Match", path: "/rss.xml", headers: { "If-None-Match": `"${long(60_000)}"` }, status: 200 },
  { name: "unterminated weak tag", path: "/rss.xml", headers: { "If-None-Match": 'W/"abc' }, status: 200 },
  { name: "If-None-Match without quotes", path: "/rss.xml", headers: { "If-None-Match": "abc, def" }, status: 200 },
  { name: "garbage If-Modified-Since", path: "/atom.xml", headers: { "If-Modified-Since": "<script>" }, status: 200 },
  {
    name: "If-Modified-Since in the future",
    path: "/atom.xml",
    headers: { "If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT" },
    status: 200,
  },
  { name: "huge unrelated header", path: "/feed.json", headers: { "X-Junk": long(60_000) }, status: 200 },
  { name: "markup in Accept", path: "/feed.json", headers: { Accept: "<script>alert(1)</script>" }, status: 200 },
  {
    name: "markup in X-Request-Id",
    path: "/rss.xml",
    headers: { "X-Request-Id": "<script>alert(1)</script>" },
    status: 200,
  },
  { name: "over-long tag", path: `/tags/${"%E0%A4%95".repeat(150)}/rss.xml`, status: 404 },
  { name: "over-long tag page", path: `/tags/${long(1500)}`, status: 404 },
  { name: "over-long article slug", path: `/articles/${long(600)}`, status: 404 },
  { name: "OPTIONS on an unknown path", path: "/nope", method: "OPTIONS", status: 404 },
  { name: "OPTIONS with broken encoding", path: "/%ZZ", method: "OPTIONS", status: 400 },
  { name: "OPTIONS on an over-long URL", path: `/${long(3000)}`, method: "OPTIONS", status: 414 },
  {
    name: "If-None-Match with junk around the tag",
    path: "/rss.xml",
    headers: { "If-None-Match": 'junk"x"junk' },
    status: 200,
  },
  {
    name: "If-Modified-Since on 30 February",
    path: "/rss.xml",
    headers: { "If-Modified-Since": "Sun, 30 Feb 2020 13:48:00 GMT" },
    status: 200,
  },
  {
    name: "If-Modified-Since with the wrong weekday",
    path: "/rss.xml",
    headers: { "If-Modified-Since": "Tue, 02 Nov 2020 13:48:00 GMT" },
    status: 200,
  },
];

// The markup these requests inject (a feed's own content has a lead image, so a bare `<img` is no sign).
const MARKUP = /<script|<img src=x|onerror|alert\(1\)/i;

describe("malformed and hostile requests", () => {
  it.each(cases)("$name → $status", async ({ path, method = "GET", headers, status, location }) => {
    const res = await request(path, { method, headers, redirect: "manual" });
    const body = await res.text();
    expect(res.status).toBe(status);
    expect(body).not.toMatch(MARKUP);
    for (const [name, value] of res.headers) expect(`${name}: ${value}`).not.toMatch(MARKUP);
    if (location) {
      expect(res.headers.get("Location")).toBe(location);
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=86400");
    }
    if (status === 405) expect(res.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    if (status >= 400) {
      expect(res.headers.get("Content-Type")).toBe("text/plain; charset=UTF-8");
      expect(body).not.toMatch(/\bat \S+:\d+|Error:/);
    }
    if (status === 404) expect(body).toContain("/rss.xml");
  });

  it("never takes the request id from the client, even a well-formed one", async () => {
    const chosen = crypto.randomUUID();
    const res = await request("/nope", { headers: { "X-Request-Id": chosen } });
    const id = res.headers.get("X-Request-Id");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(id).not.toBe(chosen);
  });

  it("sends language and nosniff headers with every feed", async () => {
    for (const path of ["/rss.xml", "/atom.xml", "/feed.json"]) {
      const res = await request(path);
      expect(res.headers.get("Content-Language")).toBe("hi");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    }
  });
});

const ORIGIN = { Origin: "https://reader.example" };
const { slug, tags, section } = inject("seed").articles[0] ?? { slug: "", tags: [] };
const tag = encodeURIComponent(tags[0] ?? "");
const SERVED: [string, number][] = [
  ["/rss.xml", 200],
  ["/atom.xml", 200],
  ["/feed.json", 200],
  [`/tags/${tag}/atom.xml`, 200],
  ["/feed", 301],
  ["/feeds.opml", 200],
  ["/", 200],
  [`/tags/${tag}`, 200],
  [`/sections/${section}/feed.json`, 200],
  [`/sections/${section}`, 200],
  [`/articles/${slug}`, 200],
  ["/assets/site.css", 200],
  ["/healthz", 200],
];

describe("CORS on every URL the site serves, for web-based readers", () => {
  it.each(SERVED)("%s → %i, readable from any origin", async (path, status) => {
    const res = await request(path, { headers: ORIGIN, redirect: "manual" });
    expect(res.status).toBe(status);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Access-Control-Expose-Headers")).toContain("ETag");
    const preflight = await request(path, {
      method: "OPTIONS",
      headers: { ...ORIGIN, "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toBe("GET,HEAD,OPTIONS");
  });

  it("gives no CORS to a path it does not serve", async () => {
    const res = await request("/nope", { headers: ORIGIN });
    expect(res.status).toBe(404);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
