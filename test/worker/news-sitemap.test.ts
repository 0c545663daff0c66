import { env } from "cloudflare:workers";
import type { Element } from "@xmldom/xmldom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Article } from "../../src/content/model.ts";
import { newsWindow } from "../../src/content/news-window.ts";
import { buildKvEntries } from "../../src/write/build/entries.ts";
import { article, LOCAL_IMAGE, SITE } from "./fixtures.ts";
import { clearKv, parseXml, publishArticles, request } from "./helpers.ts";

const SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS = "http://www.google.com/schemas/sitemap-news/0.9";
const IMAGE = "http://www.google.com/schemas/sitemap-image/1.1";
const NOW = Date.parse("2026-11-30T12:00:00+05:30");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** An instant as an IST date-time, as editors write them: `2026-11-30T11:00:00+05:30`. */
function ist(ms: number): string {
  return `${new Date(ms + 330 * MINUTE).toISOString().slice(0, 19)}+05:30`;
}

function story(slug: string, published: number, overrides: Partial<Article> = {}): Article {
  return article({
    id: `tag:patrika.example,2019:articles/${slug}`,
    slug,
    title: `ख़बर: ${slug}`,
    published: ist(published),
    updated: ist(published),
    ...overrides,
  });
}

const ARTICLES = [
  story("hour-ago", NOW - HOUR, { title: "टाटा & संस <नई> योजना", image: LOCAL_IMAGE }),
  story("leaving-in-a-minute", NOW - 48 * HOUR + MINUTE),
  story("exactly-two-days", NOW - 48 * HOUR),
  story("three-days", NOW - 72 * HOUR),
  story("in-two-hours", NOW + 2 * HOUR),
];

async function publish(articles: Article[], site = SITE): Promise<void> {
  await publishArticles(site, articles);
}

/** The news sitemap at `at`: the response, and each listed URL with its `news:news` and `image:image` elements. */
async function newsAt(at: number, init?: RequestInit) {
  vi.setSystemTime(at);
  const res = await request("/news-sitemap.xml", init);
  const text = res.status === 200 ? await res.text() : "";
  const urls = text === "" ? [] : Array.from(parseXml(text).getElementsByTagNameNS(SITEMAPS, "url"));
  const listed = urls.map((url: Element) => ({
    loc: url.getElementsByTagNameNS(SITEMAPS, "loc")[0]?.textContent,
    news: url.getElementsByTagNameNS(NEWS, "news")[0],
    images: Array.from(url.getElementsByTagNameNS(IMAGE, "image"), (image: Element) => image.textContent?.trim()),
  }));
  return { res, text, listed, etag: res.headers.get("ETag") ?? "", cache: res.headers.get("Cache-Control") };
}

const text = (parent: Element | undefined, name: string) => parent?.getElementsByTagNameNS(NEWS, name)[0]?.textContent;
const url = (slug: string) => `http://localhost:8787/articles/${slug}`;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  await clearKv();
  await publish(ARTICLES);
});
afterEach(() => vi.useRealTimers());

describe("the news sitemap", () => {
  it("lists the articles of the 48 hours before the request, newest first, none older and none dated later", async () => {
    const { res, listed } = await newsAt(NOW);
    expect(res.status).toBe(200);
    expect(listed.map((l) => l.loc)).toEqual([url("hour-ago"), url("leaving-in-a-minute")]);
  });

  it("gives each its publication, its date in its own offset, its title, and its lead image", async () => {
    const [withImage, withoutImage] = (await newsAt(NOW)).listed;
    const publication = withImage?.news?.getElementsByTagNameNS(NEWS, "publication")[0];
    expect([text(publication, "name"), text(publication, "language")]).toEqual(["पत्रिका", "hi"]);
    expect(text(withImage?.news, "publication_date")).toBe("2026-11-30T11:00:00+05:30");
    expect(text(withImage?.news, "title")).toBe("टाटा & संस <नई> योजना");
    expect(withImage?.images).toEqual([LOCAL_IMAGE.large.url]);
    expect(withoutImage?.images).toEqual([]);
  });

  it("names the language by its ISO 639 code alone", async () => {
    await publish(ARTICLES, { ...SITE, language: "hi-IN" });
    const [first] = (await newsAt(NOW)).listed;
    expect(text(first?.news?.getElementsByTagNameNS(NEWS, "publication")[0], "language")).toBe("hi");
  });

  it("stays fresh only until the oldest listed article leaves, with the same ETag until then", async () => {
    const first = await newsAt(NOW);
    expect(first.cache).toMatch(/^public, max-age=60,/);
    const later = await newsAt(NOW + 30_000, { headers: { "If-None-Match": first.etag } });
    expect(later.res.status).toBe(304);
    expect(later.etag).toBe(first.etag);
    expect(later.cache).toMatch(/^public, max-age=30,/);
  });

  it("changes its ETag and Last-Modified when an article leaves, and lists it no more", async () => {
    const before = await newsAt(NOW);
    const after = await newsAt(NOW + MINUTE, { headers: { "If-None-Match": before.etag } });
    expect(after.res.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    expect(after.listed.map((l) => l.loc)).toEqual([url("hour-ago")]);
    expect(after.res.headers.get("Last-Modified")).toBe(new Date(NOW + MINUTE).toUTCString());
    const since = { "If-Modified-Since": before.res.headers.get("Last-Modified") ?? "" };
    expect((await newsAt(NOW + MINUTE, { headers: since })).res.status).toBe(200);
  });

  it("lists an article dated in the future from its publication time on, and is fresh only until then", async () => {
    const waiting = await newsAt(NOW + 2 * HOUR - 10_000);
    expect(waiting.cache).toMatch(/^public, max-age=10,/);
    const published = await newsAt(NOW + 2 * HOUR);
    expect(published.listed.map((l) => l.loc)).toEqual([url("in-two-hours"), url("hour-ago")]);
    expect(published.etag).not.toBe(waiting.etag);
    expect(published.cache).toMatch(/^public, max-age=300,/);
  });

  it("is an empty urlset when nothing is recent", async () => {
    const { res, text: body, listed } = await newsAt(NOW + 30 * 24 * HOUR);
    expect(res.status).toBe(200);
    expect(listed).toEqual([]);
    const root = parseXml(body).documentElement;
    expect([root?.namespaceURI, root?.localName]).toEqual([SITEMAPS, "urlset"]);
    expect(res.headers.get("Last-Modified")).toBe(new Date(NOW + 2 * HOUR + 48 * HOUR).toUTCString());
  });

  it("lists at most the newest 1,000 articles", async () => {
    const many = Array.from({ length: 1001 }, (_, i) => story(`s${i}`, NOW - HOUR + i * 1000));
    for (const { key, value } of await buildKvEntries(SITE, many)) {
      if (key.endsWith("/news-sitemap.xml")) await env.CONTENT.put(key, value);
    }
    const { listed } = await newsAt(NOW);
    expect(listed).toHaveLength(1000);
    expect(listed.map((l) => l.loc)).not.toContain(url("s0"));
    expect(listed[0]?.loc).toBe(url("s1000"));
  });
});

describe("the news window", () => {
  const published = [
    ist(NOW + 1000),
    ist(NOW),
    ist(NOW - 48 * HOUR + 1000),
    ist(NOW - 48 * HOUR),
    ist(NOW - 50 * HOUR),
  ];

  it("holds what was published up to now and less than 48 hours before", () => {
    expect(newsWindow(published, NOW).included).toEqual([1, 2]);
  });

  it("changes next when the oldest listed leaves or the next one is published, whichever is first", () => {
    expect(newsWindow(published, NOW).nextChange).toBe(NOW + 1000);
    expect(newsWindow(published.slice(1), NOW).nextChange).toBe(NOW + 1000);
    expect(newsWindow(published.slice(2), NOW).nextChange).toBe(NOW + 1000);
    expect(newsWindow(published.slice(3), NOW).nextChange).toBeUndefined();
  });

  it("knows when an article last left", () => {
    expect(newsWindow(published, NOW).lastLeft).toBe(NOW);
    expect(newsWindow(published.slice(4), NOW).lastLeft).toBe(NOW - 2 * HOUR);
    expect(newsWindow(published.slice(0, 3), NOW).lastLeft).toBeUndefined();
  });
});
