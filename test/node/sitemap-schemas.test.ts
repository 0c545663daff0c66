import { beforeAll, describe, expect, it } from "vitest";
import type { NewsSitemap, Sitemap, SitemapIndex } from "../../src/content/model.ts";
import { newsWindow } from "../../src/content/news-window.ts";
import { renderNewsSitemap } from "../../src/render/news-sitemap.ts";
import { renderSitemapIndex, renderUrlset } from "../../src/render/sitemaps.ts";
import { buildKvEntries } from "../../src/write/build/entries.ts";
import { article, LOCAL_IMAGE, SITE, SITE_IMAGES } from "../worker/fixtures.ts";
import { schemaErrors } from "./sitemap-schemas.ts";

const NOW = Date.parse("2026-11-30T12:00:00+05:30");
const ARTICLES = [
  article({
    id: "tag:patrika.example,2019:articles/with-image",
    slug: "with-image",
    title: "टाटा & संस की <नई> 'योजना'",
    image: LOCAL_IMAGE,
    tags: ["निजता", "Tom & Jerry's"],
    section: "desh",
    published: "2026-11-30T11:00:00+05:30",
    updated: "2026-11-30T11:30:00.250+05:30",
  }),
  article({
    id: "tag:patrika.example,2019:articles/without-image",
    slug: "without-image",
    tags: ["NSO ग्रुप"],
    published: "2026-11-29T18:00:00Z",
    updated: "2026-11-29T18:00:00Z",
  }),
  article({ id: "tag:patrika.example,2019:articles/old", slug: "old", published: "2019-11-01T19:18:00+05:30" }),
];

let index: string;
let sitemaps: string[];
let news: string;
let emptyNews: string;

beforeAll(async () => {
  const entries = await buildKvEntries(
    { ...SITE, ...SITE_IMAGES, baseUrl: "https://patrika.example", sections: [{ key: "desh", name: "देश" }] },
    ARTICLES,
  );
  const value = (key: string) => JSON.parse(entries.find((e) => e.key === key)?.value ?? "null");
  const stored: SitemapIndex = value("sitemap:/sitemap.xml");
  index = renderSitemapIndex(stored);
  sitemaps = stored.sitemaps.map(({ path }) => renderUrlset((value(`sitemap:${path}`) as Sitemap).urls));
  const recent: NewsSitemap = value("sitemap:/news-sitemap.xml");
  const { included } = newsWindow(
    recent.articles.map((a) => a.published),
    NOW,
  );
  news = renderNewsSitemap(
    recent,
    included.flatMap((i) => recent.articles[i] ?? []),
  );
  emptyNews = renderNewsSitemap(recent, []);
});

/** `document` with `from` replaced by `to`, failing when `from` is not in it. */
function spoil(document: string, from: string, to: string): string {
  expect(document).toContain(from);
  return document.replace(from, to);
}

describe("the sitemaps as the Worker renders them from published content", () => {
  it("include an image, escapes, a section's page, and dates in several offsets", () => {
    expect(news).toContain("<image:loc>");
    expect(news).toContain("&lt;नई&gt; &apos;योजना&apos;");
    expect(sitemaps.join("")).toContain("Tom%20%26%20Jerry&apos;s");
    expect(sitemaps.join("")).toContain("<loc>https://patrika.example/sections/desh</loc>");
    expect(sitemaps.join("")).toContain("<lastmod>2026-11-29T18:00:00+00:00</lastmod>");
  });

  it("give an index valid against siteindex.xsd", async () => {
    expect(await schemaErrors(index, "sitemapindex")).toEqual([]);
  });

  it("give sitemaps valid against sitemap.xsd", async () => {
    expect(sitemaps).toHaveLength(3);
    for (const sitemap of sitemaps) expect(await schemaErrors(sitemap, "urlset")).toEqual([]);
  });

  it("give a news sitemap valid against sitemap.xsd with the Google News and image extensions", async () => {
    expect(await schemaErrors(news, "news")).toEqual([]);
  });

  it("give an empty news sitemap that lacks only the url sitemap.xsd asks for (Google accepts it)", async () => {
    const errors = await schemaErrors(emptyNews, "news");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Element '\{http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9\}urlset': Missing child/);
  });
});

describe("the schemas", () => {
  it("refuse an index holding a url rather than a sitemap", async () => {
    const bad = spoil(index, "<sitemap>", "<url>").replace("</sitemap>", "</url>");
    expect(await schemaErrors(bad, "sitemapindex")).not.toEqual([]);
  });

  it("refuse a lastmod that is not a W3C date-time", async () => {
    const bad = spoil(sitemaps.at(-1) ?? "", "2026-11-29T18:00:00+00:00", "2026-11-29 18:00");
    expect(await schemaErrors(bad, "urlset")).not.toEqual([]);
  });

  it("refuse a news sitemap without a publication date, with a BCP 47 language, or with an image without loc", async () => {
    const date = /<news:publication_date>[^<]*<\/news:publication_date>/;
    expect(news).toMatch(date);
    for (const bad of [
      news.replace(date, ""),
      spoil(news, "<news:language>hi</news:language>", "<news:language>hi-IN</news:language>"),
      spoil(news, "<image:loc>", "<image:url>").replace("</image:loc>", "</image:url>"),
    ]) {
      expect(await schemaErrors(bad, "news")).not.toEqual([]);
    }
  });
});
