import type { Element } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { article, SITE } from "./fixtures.ts";
import { clearKv, parseXml, publishArticles, request } from "./helpers.ts";

const HOSTILE = `<script>alert("x")</script> & "quotes" 'too'`;
const HOSTILE_TAG = `<img src=x onerror=alert(1)>`;
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8";

beforeAll(async () => {
  await clearKv();
  const articles = [
    article({ title: HOSTILE, summary: HOSTILE, titleEn: HOSTILE, byline: HOSTILE, tags: ["सुरक्षा", HOSTILE_TAG] }),
    article({ slug: "second", id: "tag:patrika.example,2019:articles/second", title: "दूसरी ख़बर", tags: ["सुरक्षा"] }),
  ];
  await publishArticles(SITE, articles);
});

const PAGES = [
  ["home", "/"],
  ["article", "/articles/test"],
  ["tag", `/tags/${encodeURIComponent("सुरक्षा")}`],
  ["feed preview", "/atom.xml"],
] as const;

async function page(path: string) {
  const res = await request(path, { headers: { Accept: BROWSER } });
  return { res, body: await res.text() };
}

describe.each(PAGES)("the %s page", (_, path) => {
  it("is Hindi HTML with autodiscovery, a strict CSP and no unescaped content", async () => {
    const { res, body } = await page(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("Content-Language")).toBe("hi");
    expect(res.headers.get("Content-Security-Policy")).toMatch(/^default-src 'none'; style-src 'self';/);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(body).toMatch(/^<!doctype html>\n<html lang="hi">/);
    const alternates = [...body.matchAll(/<link rel="alternate" type="([^"]+)"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
    expect(alternates).toEqual(["application/rss+xml", "application/atom+xml", "application/feed+json"]);
    expect(body).not.toContain("<script>alert");
    expect(body).not.toContain("<img src=x");
    expect(body).not.toMatch(/<script(?! type="application\/ld\+json")/);
  });

  it("answers 304 to its own ETag, with a different ETag than the feed", async () => {
    const { res } = await page(path);
    const etag = res.headers.get("ETag") ?? "";
    const again = await request(path, { headers: { Accept: BROWSER, "If-None-Match": etag } });
    expect(again.status).toBe(304);
    if (path.endsWith(".xml")) expect((await request(path)).headers.get("ETag")).not.toBe(etag);
  });
});

describe("pages", () => {
  it("show an article with canonical link, description, Open Graph and JSON-LD NewsArticle", async () => {
    const { body } = await page("/articles/test");
    expect(body).toContain('<link rel="canonical" href="http://localhost:8787/articles/test">');
    expect(body).toContain('<meta name="description" content="&lt;script&gt;alert(&quot;x&quot;)');
    expect(body).toContain('<meta property="og:type" content="article">');
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)?.[1] ?? "";
    const data = JSON.parse(jsonLd);
    expect(data["@type"]).toBe("NewsArticle");
    expect(data.headline).toBe(HOSTILE);
    expect(data.datePublished).toBe("2019-11-01T19:18:00+05:30");
    expect(data.inLanguage).toBe("hi");
    expect(body).toContain("1 नवंबर 2019 को शाम 7:18 बजे IST");
  });

  it("name an empty icon when the site has none, so browsers do not ask for /favicon.ico", async () => {
    const { body } = await page("/");
    expect(body.match(/<link rel="(?:icon|apple-touch-icon)"[^>]*>/g)).toEqual(['<link rel="icon" href="data:,">']);
  });

  it("link tag pages to their tag feeds", async () => {
    const { body } = await page(`/tags/${encodeURIComponent("सुरक्षा")}`);
    expect(body).toContain(`href="http://localhost:8787/tags/${encodeURIComponent("सुरक्षा")}/rss.xml"`);
    expect(body).toContain("दूसरी ख़बर");
  });

  it("answer 404 for unknown articles and tags", async () => {
    for (const path of ["/articles/nope", "/articles/Bad_Slug", `/tags/${encodeURIComponent("अज्ञात")}`]) {
      expect([path, (await request(path)).status]).toEqual([path, 404]);
    }
  });
});

describe("content negotiation on feed URLs", () => {
  const cases: [string, string | undefined, string][] = [
    ["a browser", BROWSER, "text/html; charset=utf-8"],
    ["no Accept", undefined, "application/rss+xml; charset=utf-8"],
    ["curl", "*/*", "application/rss+xml; charset=utf-8"],
    [
      "a feed reader",
      "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8",
      "application/rss+xml; charset=utf-8",
    ],
    ["HTML and RSS equally", "text/html, application/rss+xml", "application/rss+xml; charset=utf-8"],
    ["HTML only below XML", "application/xml, text/html;q=0.5", "application/rss+xml; charset=utf-8"],
  ];
  it.each(cases)("gives %s the right representation, with Vary: Accept", async (_, accept, type) => {
    const res = await request("/rss.xml", accept ? { headers: { Accept: accept } } : {});
    expect(res.headers.get("Content-Type")).toBe(type);
    expect(res.headers.get("Vary")).toBe("Accept, Accept-Encoding");
  });
});

describe("OPML", () => {
  it("lists the main feed and every tag feed", async () => {
    const res = await request("/feeds.opml");
    expect(res.headers.get("Content-Type")).toBe("text/x-opml; charset=utf-8");
    const doc = parseXml(await res.text());
    expect(doc.documentElement?.getAttribute("version")).toBe("2.0");
    const urls = Array.from(doc.getElementsByTagName("outline"), (o: Element) => o.getAttribute("xmlUrl")).filter(
      Boolean,
    );
    expect(urls).toEqual([
      "http://localhost:8787/rss.xml",
      `http://localhost:8787/tags/${encodeURIComponent("सुरक्षा")}/rss.xml`,
      `http://localhost:8787/tags/${encodeURIComponent(HOSTILE_TAG)}/rss.xml`,
    ]);
  });
});
