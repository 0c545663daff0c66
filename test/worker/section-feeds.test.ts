import { Validator } from "@cfworker/json-schema";
import type { Element } from "@xmldom/xmldom";
import { parseAtomFeed, parseRssFeed } from "feedsmith";
import jsonFeedSchema from "jsonfeed-schema/schema-v1.1.json";
import { beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/content/model.ts";
import { article, SITE } from "./fixtures.ts";
import { clearKv, parseHtml, parseXml, publishArticles, request } from "./helpers.ts";

const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const ORIGIN = "http://localhost:8787";
const site = {
  ...SITE,
  itemsPerFeed: 10,
  sections: [
    { key: "desh", name: "देश", nameEn: "India" },
    { key: "duniya", name: "दुनिया", nameEn: "World" },
    { key: "khel", name: "खेल", nameEn: "Sports" },
    { key: "tech", name: "टेक" },
  ],
};
const story = (n: number, section?: string): Article => {
  const date = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().replace("Z", "+00:00");
  return article({
    slug: `s${n}`,
    id: `tag:patrika.example,2019:articles/s${n}`,
    title: `ख़बर ${n}`,
    ...(section === undefined ? {} : { section }),
    published: date,
    updated: date,
  });
};
// s0–s59 in खेल (more than items_per_feed, so its feed has archives), s60 in देश, s61 in टेक, s62 in none.
const KHEL = Array.from({ length: 60 }, (_, n) => story(n, "khel"));
const ARTICLES = [...KHEL, story(60, "desh"), story(61, "tech"), story(62)];

beforeAll(async () => {
  await clearKv();
  await publishArticles(site, ARTICLES);
});

async function text(path: string, init?: RequestInit): Promise<string> {
  const res = await request(path, init);
  expect([path, res.status]).toEqual([path, 200]);
  return res.text();
}

describe("a section's feeds", () => {
  it("carry only its articles under its name, in all three formats", async () => {
    const rssText = await text("/sections/desh/rss.xml");
    const channel = parseXml(rssText).getElementsByTagName("channel")[0] as Element;
    expect(
      Array.from(channel.getElementsByTagName("item"), (i) => i.getElementsByTagName("title")[0]?.textContent),
    ).toEqual(["ख़बर 60"]);
    const rss = parseRssFeed(rssText);
    expect([rss.title, rss.link]).toEqual(["देश — पत्रिका", `${ORIGIN}/sections/desh`]);
    expect(rss.atom?.links?.find((l) => l.rel === "self")?.href).toBe(`${ORIGIN}/sections/desh/rss.xml`);

    const atom = parseAtomFeed(await text("/sections/tech/atom.xml"));
    expect([atom.title?.value, atom.entries?.map((e) => e.title?.value)]).toEqual(["टेक — पत्रिका", ["ख़बर 61"]]);

    const json = JSON.parse(await text("/sections/tech/feed.json"));
    expect(new Validator(jsonFeedSchema as object, "7").validate(json).errors).toEqual([]);
    expect([json.title, json.home_page_url, json.feed_url]).toEqual([
      "टेक — पत्रिका",
      `${ORIGIN}/sections/tech`,
      `${ORIGIN}/sections/tech/feed.json`,
    ]);
  });

  it("keep older articles in RFC 5005 archive pages that visit each article once", async () => {
    const seen: string[] = [];
    let path: string | undefined = "/sections/khel/atom.xml";
    while (path) {
      const atomText = await text(path);
      parseXml(atomText);
      const feed = parseAtomFeed(atomText);
      seen.push(...(feed.entries ?? []).map((e) => e.title?.value ?? ""));
      const older = feed.links?.find((l) => l.rel === "prev-archive")?.href;
      if (older) expect(older).toMatch(/^http:\/\/localhost:8787\/sections\/khel\/archive\/\d+\/atom\.xml$/);
      path = older && new URL(older).pathname;
    }
    expect(seen).toEqual(KHEL.map((a) => a.title).reverse());
    const first = parseRssFeed(await text("/sections/khel/archive/1/rss.xml"));
    expect(first.items?.at(-1)?.title).toBe("ख़बर 0");
  });

  it("exist only for listed sections with articles", async () => {
    for (const path of [
      "/sections/duniya/rss.xml",
      "/sections/nope/atom.xml",
      "/sections/Khel/rss.xml",
      `/sections/${"a".repeat(41)}/feed.json`,
      "/sections/desh/archive/1/rss.xml",
      "/sections/nope",
      "/sections/duniya",
      "/sections/khel-",
    ]) {
      expect([path, (await request(path)).status]).toEqual([path, 404]);
    }
  });
});

describe("a section's page", () => {
  it("shows its name and articles, and advertises its feeds", async () => {
    const body = await text("/sections/desh", { headers: { Accept: BROWSER } });
    const doc = parseHtml(body);
    expect(doc.getElementsByTagName("h1")[0]?.textContent).toBe("देश");
    expect(body).toContain('<p class="en" lang="en">India</p>');
    expect(body).toContain(`<link rel="canonical" href="${ORIGIN}/sections/desh">`);
    const alternates = [...body.matchAll(/<link rel="alternate" type="[^"]+"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
    expect(alternates).toEqual(["rss.xml", "atom.xml", "feed.json"].map((file) => `${ORIGIN}/sections/desh/${file}`));
    const titles = Array.from(doc.getElementsByTagName("h3"), (h) => h.textContent);
    expect(titles).toEqual(["ख़बर 60"]);
  });
});

it("the home page shows each section with articles as navigation, in site.yaml order", async () => {
  const doc = parseHtml(await text("/", { headers: { Accept: BROWSER } }));
  const nav = Array.from(doc.getElementsByTagName("nav")).find((n) => n.getAttribute("class") === "sections");
  const links = Array.from(nav?.getElementsByTagName("a") ?? [], (a) => [a.getAttribute("href"), a.textContent]);
  expect(links).toEqual([
    [`${ORIGIN}/sections/desh`, "देश"],
    [`${ORIGIN}/sections/khel`, "खेल"],
    [`${ORIGIN}/sections/tech`, "टेक"],
  ]);
});

it("the OPML lists each section's feed, and the pages sitemap each section's page", async () => {
  const opml = parseXml(await text("/feeds.opml"));
  const urls = Array.from(opml.getElementsByTagName("outline"), (o: Element) => o.getAttribute("xmlUrl"));
  expect(urls.filter((url) => url?.includes("/sections/"))).toEqual(
    ["desh", "khel", "tech"].map((key) => `${ORIGIN}/sections/${key}/rss.xml`),
  );
  const sitemap = parseXml(await text("/sitemaps/pages.xml"));
  const locs = Array.from(sitemap.getElementsByTagName("loc"), (l) => l.textContent ?? "");
  expect(locs.filter((loc) => loc.includes("/sections/"))).toEqual(
    ["desh", "khel", "tech"].map((key) => `${ORIGIN}/sections/${key}`),
  );
});
