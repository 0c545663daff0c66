import { env } from "cloudflare:workers";
import type { Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import type { Article, Sitemap, SitemapUrl } from "../../src/content/model.ts";
import { fillSitemaps, sitemapBytesBound } from "../../src/content/sitemaps.ts";
import { renderUrlset } from "../../src/render/sitemaps.ts";
import { buildKvEntries } from "../../src/write/build/entries.ts";
import { sitemapEntries } from "../../src/write/build/sitemap-entries.ts";
import { article, SITE } from "./fixtures.ts";
import { clearKv, parseXml, request } from "./helpers.ts";

const SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const HOME = [{ loc: "http://localhost:8787/" }];

function story(n: number, published: string): Article {
  return article({ id: `tag:patrika.example,2019:articles/s${n}`, slug: `s${n}`, published, updated: published });
}

/** The sitemaps (`sitemap:/sitemaps/…` keys) among the entries, with their values. */
function sitemapsOf(entries: { key: string; value: string }[]): Map<string, Sitemap> {
  return new Map(
    entries.filter((e) => e.key.startsWith("sitemap:/sitemaps/")).map((e) => [e.key, JSON.parse(e.value) as Sitemap]),
  );
}

const bytes = (text: string) => new TextEncoder().encode(text).byteLength;
const november = (day: number) => `2019-11-${String(day).padStart(2, "0")}T10:00:00+05:30`;

describe("splitting sitemaps", () => {
  it("continues a month in -2, -3… beyond the URL limit, oldest articles first", async () => {
    const articles = Array.from({ length: 8 }, (_, i) => story(i, november(i + 1)));
    const sitemaps = sitemapsOf(await sitemapEntries(SITE, articles, HOME, { urls: 3, bytes: 1_000_000 }));
    const slugs = (key: string) => sitemaps.get(key)?.urls.map((u) => u.loc.split("/").at(-1));
    expect([...sitemaps.keys()]).toEqual([
      "sitemap:/sitemaps/pages.xml",
      "sitemap:/sitemaps/articles-2019-11.xml",
      "sitemap:/sitemaps/articles-2019-11-2.xml",
      "sitemap:/sitemaps/articles-2019-11-3.xml",
    ]);
    expect(slugs("sitemap:/sitemaps/articles-2019-11.xml")).toEqual(["s0", "s1", "s2"]);
    expect(slugs("sitemap:/sitemaps/articles-2019-11-3.xml")).toEqual(["s6", "s7"]);
  });

  it("rewrites only the last sitemap of a month when a newer article joins it", async () => {
    const articles = Array.from({ length: 8 }, (_, i) => story(i, november(i + 1)));
    const limits = { urls: 3, bytes: 1_000_000 };
    const before = await sitemapEntries(SITE, articles, HOME, limits);
    const after = await sitemapEntries(SITE, [...articles, story(8, november(20))], HOME, limits);
    const hashes = new Map(before.map((e) => [e.key, e.hash]));
    const changed = after.filter((e) => hashes.get(e.key) !== e.hash).map((e) => e.key);
    expect(changed).toEqual([
      "sitemap:/sitemaps/articles-2019-11-3.xml",
      "sitemap:/news-sitemap.xml",
      "head:/news-sitemap.xml",
      "sitemap:/sitemap.xml",
    ]);
  });

  it("keeps each rendered sitemap within the byte limit", async () => {
    const articles = Array.from({ length: 20 }, (_, i) => story(i, november(i + 1)));
    const limit = 2_400;
    const sitemaps = [
      ...sitemapsOf(await sitemapEntries(SITE, articles, HOME, { urls: 50_000, bytes: limit })).values(),
    ];
    expect(sitemaps.length).toBeGreaterThan(2);
    for (const { urls } of sitemaps) expect(bytes(renderUrlset(urls))).toBeLessThanOrEqual(limit);
    const listed = sitemaps.flatMap((s) => s.urls.map((u) => u.loc));
    expect(listed).toEqual([
      "http://localhost:8787/",
      ...articles.map((a) => `http://localhost:8787/articles/${a.slug}`),
    ]);
  });

  it("bounds a rendered sitemap's bytes from above, however much its URLs escape", () => {
    const urls: SitemapUrl[] = [
      { loc: "http://localhost:8787/tags/'''''''''''''''''''''''''''''''''", lastmod: "2019-11-01T19:18:00Z" },
      { loc: "http://localhost:8787/?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9" },
      { loc: `http://localhost:8787/tags/${encodeURIComponent("निजता")}`, lastmod: "2019-11-01T19:18:00.123+05:30" },
    ];
    expect(bytes(renderUrlset(urls))).toBeLessThanOrEqual(sitemapBytesBound(urls));
    expect(bytes(renderUrlset([]))).toBeLessThanOrEqual(sitemapBytesBound([]));
  });

  it("refuses a URL that alone exceeds the byte limit", () => {
    expect(() =>
      fillSitemaps([{ loc: `http://localhost:8787/${"a".repeat(200)}` }], { urls: 10, bytes: 1_000 }),
    ).toThrow(RangeError);
  });
});

describe("a store of 10,000 articles", () => {
  it("gives an index whose sitemaps list every article exactly once", async () => {
    await clearKv();
    const start = Date.UTC(2016, 0, 1);
    const articles = Array.from({ length: 10_000 }, (_, i) => {
      const published = new Date(start + ((i * 7919) % 3650) * 86_400_000 + i * 1000).toISOString();
      return article({
        id: `tag:patrika.example,2019:articles/a${i}`,
        slug: `a${i}`,
        tags: [`टैग ${i % 50}`, `विषय ${i % 7}`],
        published: published.replace("Z", "+00:00"),
        updated: published.replace("Z", "+00:00"),
      });
    });
    for (const { key, value } of await buildKvEntries(SITE, articles)) {
      if (key.startsWith("sitemap:")) await env.CONTENT.put(key, value);
    }
    const locs = async (path: string, entry: string) => {
      const res = await request(path);
      expect([path, res.status]).toEqual([path, 200]);
      const doc = parseXml(await res.text());
      return Array.from(
        doc.getElementsByTagNameNS(SITEMAPS, entry),
        (e: Element) => e.getElementsByTagNameNS(SITEMAPS, "loc")[0]?.textContent ?? "",
      );
    };
    const listed: string[] = [];
    for (const sitemap of await locs("/sitemap.xml", "sitemap")) {
      listed.push(...(await locs(new URL(sitemap).pathname, "url")));
    }
    const tags = [...new Set(articles.flatMap((a) => a.tags))];
    expect(listed.sort()).toEqual(
      [
        "http://localhost:8787/",
        ...tags.map((tag) => `http://localhost:8787/tags/${encodeURIComponent(tag)}`),
        ...articles.map((a) => `http://localhost:8787/articles/${a.slug}`),
      ].sort(),
    );
  }, 120_000);
});
