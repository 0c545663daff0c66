import { Validator } from "@cfworker/json-schema";
import type { Element } from "@xmldom/xmldom";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import jsonFeedSchema from "jsonfeed-schema/schema-v1.1.json";
import { beforeAll, describe, expect, it } from "vitest";
import { article, EXTERNAL_IMAGE, LOCAL_IMAGE, SITE, SITE_IMAGES } from "./fixtures.ts";
import { clearKv, parseHtml, parseXml, publishArticles, request } from "./helpers.ts";

const MEDIA = "http://localhost:8787/media";
const LARGE = `${MEDIA}/5e0c2f4a9b7d13e8a6c4f021-2000x1333.jpeg`;
const SMALL = `${MEDIA}/5e0c2f4a9b7d13e8a6c4f021-400x267.jpeg`;
const EXTERNAL = "https://images.example.org/2019/11/pegasus.jpg";
const ICON = (edge: number) => `${MEDIA}/a1b2c3d4e5f6a7b8c9d0e1f2-${edge}x${edge}.png`;
const LOGO = `${MEDIA}/0f1e2d3c4b5a69788796a5b4-600x300.png`;
const ALT = "एक फ़ोन की स्क्रीन पर व्हाट्सएप का लोगो";
const CAPTION = "व्हाट्सएप ने NSO ग्रुप पर अमेरिका में मुकदमा किया है।";
const CREDIT = "फ़ोटो: रॉयटर्स";
const EXTERNAL_ALT = "पेगासस स्पाइवेयर का चित्रण";

/** What a feed reader should see of each item's image, newest item first. */
const LOCAL_MEDIA = {
  contents: [
    {
      url: LARGE,
      type: "image/jpeg",
      medium: "image",
      width: 2000,
      height: 1333,
      fileSize: 245_817,
      title: { value: ALT, type: "plain" },
      description: { value: CAPTION, type: "plain" },
      credits: [{ value: CREDIT }],
    },
  ],
  thumbnails: [{ url: SMALL, width: 400, height: 267 }],
};
const EXTERNAL_MEDIA = {
  contents: [
    {
      url: EXTERNAL,
      type: "image/jpeg",
      medium: "image",
      width: 1200,
      height: 800,
      title: { value: EXTERNAL_ALT, type: "plain" },
    },
  ],
  thumbnails: [{ url: EXTERNAL, width: 1200, height: 800 }],
};

beforeAll(async () => {
  await clearKv();
  const articles = [
    article({ image: LOCAL_IMAGE, published: "2019-11-03T10:00:00+05:30", updated: "2019-11-03T10:00:00+05:30" }),
    article({ slug: "external", id: "tag:patrika.example,2019:articles/external", image: EXTERNAL_IMAGE }),
    article({ slug: "plain", id: "tag:patrika.example,2019:articles/plain", published: "2019-10-01T10:00:00+05:30" }),
  ];
  await publishArticles({ ...SITE, ...SITE_IMAGES }, articles);
});

async function text(path: string): Promise<string> {
  const res = await request(path);
  expect(res.status).toBe(200);
  return res.text();
}

/** The figure an item's full content starts with, as a browser would read it. */
function leadFigure(contentHtml: string): { img: Record<string, string | null>; caption: string | undefined } {
  const figure = parseHtml(`<!doctype html><body>${contentHtml}`).getElementsByTagName("figure")[0] as Element;
  expect(contentHtml.startsWith("<figure>")).toBe(true);
  const img = figure.getElementsByTagName("img")[0] as Element;
  const attributes = ["src", "alt", "width", "height"].map((name) => [name, img.getAttribute(name)]);
  return {
    img: Object.fromEntries(attributes),
    caption: figure.getElementsByTagName("figcaption")[0]?.textContent ?? undefined,
  };
}

function expectFigures(contents: string[]): void {
  expect(contents.slice(0, 2).map(leadFigure)).toEqual([
    { img: { src: LARGE, alt: ALT, width: "2000", height: "1333" }, caption: `${CAPTION} — ${CREDIT}` },
    { img: { src: EXTERNAL, alt: EXTERNAL_ALT, width: "1200", height: "800" }, caption: undefined },
  ]);
  expect(contents[2]).toBe("<p>पाठ</p>");
}

describe("RSS 2.0 with images", () => {
  it("gives each item an enclosure, media:content and media:thumbnail, and the channel the 144 px icon", async () => {
    const feed = parseRssFeed(await text("/rss.xml"));
    expect(feed.image).toEqual({ url: ICON(144), title: feed.title, link: feed.link });
    const [local, external, plain] = feed.items ?? [];
    expect(local?.enclosures).toEqual([{ url: LARGE, length: 245_817, type: "image/jpeg" }]);
    expect(local?.media).toEqual(LOCAL_MEDIA);
    expect(external?.enclosures).toEqual([{ url: EXTERNAL, length: 0, type: "image/jpeg" }]);
    expect(external?.media).toEqual(EXTERNAL_MEDIA);
    expect(plain?.enclosures).toBeUndefined();
    expect(plain?.media).toBeUndefined();
  });

  it("declares the Media RSS namespace and starts the full content with the figure", async () => {
    const doc = parseXml(await text("/rss.xml"));
    expect(doc.getElementsByTagNameNS("http://search.yahoo.com/mrss/", "content")).toHaveLength(2);
    const encoded = doc.getElementsByTagNameNS("http://purl.org/rss/1.0/modules/content/", "encoded");
    expectFigures(Array.from(encoded, (e) => e.textContent ?? ""));
  });
});

describe("Atom 1.0 with images", () => {
  it("gives each entry an enclosure link of the true type, and the Media RSS elements; the feed an icon and a logo", async () => {
    const feed = parseAtomFeed(await text("/atom.xml"));
    expect(feed.icon).toBe(ICON(64));
    expect(feed.logo).toBe(LOGO);
    const [local, external, plain] = feed.entries ?? [];
    const enclosures = (entry: typeof local) => entry?.links?.filter((link) => link.rel === "enclosure");
    expect(enclosures(local)).toEqual([{ rel: "enclosure", href: LARGE, type: "image/jpeg", length: 245_817 }]);
    expect(enclosures(external)).toEqual([{ rel: "enclosure", href: EXTERNAL, type: "image/jpeg" }]);
    expect(enclosures(plain)).toEqual([]);
    expect(local?.media).toEqual(LOCAL_MEDIA);
    expect(external?.media).toEqual(EXTERNAL_MEDIA);
    expect(plain?.media).toBeUndefined();
  });

  it("declares the Media RSS namespace and starts the full content with the figure", async () => {
    const doc = parseXml(await text("/atom.xml"));
    expect(doc.getElementsByTagNameNS("http://search.yahoo.com/mrss/", "thumbnail")).toHaveLength(2);
    const contents = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content");
    expectFigures(Array.from(contents, (e) => e.textContent ?? ""));
  });
});

describe("JSON Feed 1.1 with images", () => {
  it("validates, and gives each item its image and the feed its 512 px icon and 64 px favicon", async () => {
    const json = JSON.parse(await text("/feed.json"));
    const result = new Validator(jsonFeedSchema as object, "7").validate(json);
    expect(result.errors).toEqual([]);
    const feed = parseJsonFeed(json);
    expect(feed.icon).toBe(ICON(512));
    expect(feed.favicon).toBe(ICON(64));
    expect(feed.items?.map((item) => item.image)).toEqual([LARGE, EXTERNAL, undefined]);
    expectFigures(feed.items?.map((item) => item.content_html ?? "") ?? []);
  });
});
