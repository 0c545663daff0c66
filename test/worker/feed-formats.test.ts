import { Validator } from "@cfworker/json-schema";
import type { Element } from "@xmldom/xmldom";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import jsonFeedSchema from "jsonfeed-schema/schema-v1.1.json";
import { beforeAll, describe, expect, it } from "vitest";
import { parseXml, publishSeed, request } from "./helpers.ts";
import { SEED } from "./seed-article.ts";

const DC = "http://purl.org/dc/elements/1.1/";
const CONTENT = "http://purl.org/rss/1.0/modules/content/";
const ATOM = "http://www.w3.org/2005/Atom";
const MEDIA = "http://search.yahoo.com/mrss/";

beforeAll(publishSeed);

async function fetchFeed(path: string, mediaType: string): Promise<string> {
  const res = await request(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe(`${mediaType}; charset=utf-8`);
  return res.text();
}

const texts = (parent: Element, ns: string | null, name: string) =>
  Array.from(parent.getElementsByTagNameNS(ns, name), (e) => e.textContent ?? "");

/** Body paragraphs of an HTML fragment, as text. */
function paragraphs(html: string): string[] {
  return Array.from(html.matchAll(/<p>([\s\S]*?)<\/p>/g), ([, p]) => (p ?? "").replaceAll("&quot;", '"'));
}

function expectSeedBody(html: string) {
  const found = paragraphs(html);
  expect(found).toHaveLength(6);
  SEED.paragraphs.forEach(([start, end], i) => {
    expect(found[i]?.startsWith(start)).toBe(true);
    expect(found[i]?.endsWith(end)).toBe(true);
  });
  for (const noise of SEED.furniture) expect(html).not.toContain(noise);
}

describe("RSS 2.0", () => {
  it("carries language, offset dates, tags, dc:creator, summary, content and a self link", async () => {
    const xml = await fetchFeed("/rss.xml", "application/rss+xml");
    const doc = parseXml(xml);
    const channel = doc.getElementsByTagName("channel")[0] as Element;
    expect(doc.documentElement?.getAttribute("version")).toBe("2.0");
    expect(texts(channel, null, "language")).toEqual(["hi"]);
    expect(texts(channel, null, "lastBuildDate")).toEqual([SEED.rfc822]);
    const self = Array.from(channel.getElementsByTagNameNS(ATOM, "link"));
    expect(self.map((l) => [l.getAttribute("rel"), l.getAttribute("href")])).toEqual([
      ["self", "http://localhost:8787/rss.xml"],
    ]);

    const items = channel.getElementsByTagName("item");
    expect(items).toHaveLength(1);
    const item = items[0] as Element;
    expect(texts(item, null, "title")).toEqual([SEED.title]);
    expect(texts(item, null, "link")).toEqual([SEED.url]);
    expect(texts(item, null, "guid")).toEqual([SEED.id]);
    expect(item.getElementsByTagName("guid")[0]?.getAttribute("isPermaLink")).toBe("false");
    expect(texts(item, null, "pubDate")).toEqual([SEED.rfc822]);
    expect(texts(item, null, "category")).toEqual(SEED.tags);
    expect(texts(item, DC, "creator")).toEqual([SEED.byline]);
    expect(item.getElementsByTagName("author")).toHaveLength(0);
    expect(texts(item, null, "description")[0]).toMatch(/^व्हाट्सएप ने कहा है/);
    expectSeedBody(texts(item, CONTENT, "encoded")[0] ?? "");
  });

  it("reads the same in a feed-reader library", async () => {
    const feed = parseRssFeed(await fetchFeed("/rss.xml", "application/rss+xml"));
    expect(feed.language).toBe("hi");
    expect(feed.atom?.links).toEqual([
      { href: "http://localhost:8787/rss.xml", rel: "self", type: "application/rss+xml" },
    ]);
    const [item] = feed.items ?? [];
    expect(item?.title).toBe(SEED.title);
    expect(item?.guid).toEqual({ value: SEED.id, isPermaLink: false });
    expect(item?.dc?.creators).toEqual([SEED.byline]);
    expect(item?.authors).toBeUndefined();
    expect(item?.categories?.map((c) => c.name)).toEqual(SEED.tags);
    expect(item?.pubDate).toBe(SEED.rfc822);
  });
});

describe("Atom 1.0", () => {
  it("carries xml:lang, offset dates, categories, author, summary, content and a self link", async () => {
    const xml = await fetchFeed("/atom.xml", "application/atom+xml");
    const doc = parseXml(xml);
    const root = doc.documentElement as Element;
    expect(root.namespaceURI).toBe(ATOM);
    expect(root.getAttribute("xml:lang")).toBe("hi");
    const feedChildren = (name: string) => Array.from(root.childNodes).filter((n) => n.nodeName === name) as Element[];
    expect(feedChildren("updated").map((e) => e.textContent)).toEqual([SEED.rfc3339]);
    const links = feedChildren("link").map((l) => [l.getAttribute("rel"), l.getAttribute("href")]);
    expect(links).toContainEqual(["self", "http://localhost:8787/atom.xml"]);
    expect(links).toContainEqual(["alternate", "http://localhost:8787/"]);

    const entry = root.getElementsByTagNameNS(ATOM, "entry")[0] as Element;
    const title = entry.getElementsByTagNameNS(ATOM, "title")[0];
    expect(title?.textContent).toBe(SEED.title);
    expect(title?.getAttribute("type")).toBe("text");
    expect(texts(entry, ATOM, "id")).toEqual([SEED.id]);
    expect(texts(entry, ATOM, "published")).toEqual([SEED.rfc3339]);
    expect(texts(entry, ATOM, "updated")).toEqual([SEED.rfc3339]);
    expect(Array.from(entry.getElementsByTagNameNS(ATOM, "category"), (c) => c.getAttribute("term"))).toEqual(
      SEED.tags,
    );
    const author = entry.getElementsByTagNameNS(ATOM, "author")[0] as Element;
    expect(texts(author, ATOM, "name")).toEqual([SEED.byline]);
    expect(entry.getElementsByTagNameNS(ATOM, "summary")[0]?.getAttribute("type")).toBe("text");
    const content = entry.getElementsByTagNameNS(ATOM, "content")[0];
    expect(content?.getAttribute("type")).toBe("html");
    expectSeedBody(content?.textContent ?? "");
  });

  it("reads the same in a feed-reader library", async () => {
    const feed = parseAtomFeed(await fetchFeed("/atom.xml", "application/atom+xml"));
    expect(feed.title).toEqual({ value: "पत्रिका" });
    const [entry] = feed.entries ?? [];
    expect(entry?.title).toEqual({ type: "text", value: SEED.title });
    expect(entry?.id).toBe(SEED.id);
    expect(entry?.links?.map((l) => [l.rel ?? "alternate", l.href])).toEqual([
      ["alternate", SEED.url],
      ["enclosure", expect.stringMatching(SEED.media.large)],
    ]);
    expect(entry?.authors).toEqual([{ name: SEED.byline, uri: SEED.authorPage }]);
    expect(entry?.categories?.map((c) => c.term)).toEqual(SEED.tags);
    expect(entry?.published).toBe(SEED.rfc3339);
  });
});

describe("JSON Feed 1.1", () => {
  it("validates against the JSON Feed 1.1 schema and carries language, authors and tags", async () => {
    const feed = JSON.parse(await fetchFeed("/feed.json", "application/feed+json"));
    const result = new Validator(jsonFeedSchema as object, "7").validate(feed);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.language).toBe("hi");
    expect(feed.feed_url).toBe("http://localhost:8787/feed.json");
    expect(feed.home_page_url).toBe("http://localhost:8787/");
    expect(feed.author).toBeUndefined();
    const [item] = feed.items;
    expect(item.id).toBe(SEED.id);
    expect(item.url).toBe(SEED.url);
    expect(item.title).toBe(SEED.title);
    expect(item.authors).toEqual([
      { name: SEED.byline, url: SEED.authorPage, avatar: expect.stringMatching(SEED.authorAvatar) },
    ]);
    expect(item.author).toBeUndefined();
    expect(item.tags).toEqual(SEED.tags);
    expect(item.date_published).toBe(SEED.rfc3339);
    expect(item.summary).toMatch(/^व्हाट्सएप ने कहा है/);
    expectSeedBody(item.content_html);
  });

  it("reads the same in a feed-reader library", async () => {
    const feed = parseJsonFeed(await fetchFeed("/feed.json", "application/feed+json"));
    expect(feed.language).toBe("hi");
    expect(feed.authors).toEqual([{ name: "पत्रिका समाचार डेस्क" }]);
    const [item] = feed.items ?? [];
    expect(item?.title).toBe(SEED.title);
    expect(item?.tags).toEqual(SEED.tags);
    expect(item?.authors).toEqual([
      { name: SEED.byline, url: SEED.authorPage, avatar: expect.stringMatching(SEED.authorAvatar) },
    ]);
  });
});

describe("every format", () => {
  it("carries the same tags, and never the string IST", async () => {
    const [rss, atom, json] = await Promise.all([
      fetchFeed("/rss.xml", "application/rss+xml"),
      fetchFeed("/atom.xml", "application/atom+xml"),
      fetchFeed("/feed.json", "application/feed+json"),
    ]);
    const rssTags = texts(parseXml(rss).documentElement as Element, null, "category");
    const atomTags = Array.from(parseXml(atom).getElementsByTagNameNS(ATOM, "category"), (c) => c.getAttribute("term"));
    const jsonTags = JSON.parse(json).items[0].tags;
    expect(new Set(rssTags)).toEqual(new Set(SEED.tags));
    expect(new Set(atomTags)).toEqual(new Set(SEED.tags));
    expect(new Set(jsonTags)).toEqual(new Set(SEED.tags));
    for (const body of [rss, atom, json]) expect(body).not.toMatch(/\bIST\b/);
  });

  it("carries the lead image and the site's icon and logo, with absolute URLs and their true sizes", async () => {
    const [rss, atom, json] = await Promise.all([
      fetchFeed("/rss.xml", "application/rss+xml").then(parseXml),
      fetchFeed("/atom.xml", "application/atom+xml").then(parseXml),
      fetchFeed("/feed.json", "application/feed+json").then(JSON.parse),
    ]);
    const attributes = (element: Element | undefined, ...names: string[]) =>
      names.map((name) => element?.getAttribute(name));
    const large = expect.stringMatching(SEED.media.large);
    const item = rss.getElementsByTagName("item")[0] as Element;
    const enclosure = item.getElementsByTagName("enclosure")[0];
    expect(attributes(enclosure, "url", "type")).toEqual([large, "image/jpeg"]);
    expect(Number(enclosure?.getAttribute("length"))).toBeGreaterThan(10_000);
    const content = item.getElementsByTagNameNS(MEDIA, "content")[0];
    expect(attributes(content, "url", "width", "height", "medium")).toEqual([large, "1600", "900", "image"]);
    expect(texts(item, MEDIA, "title")).toEqual([SEED.media.alt]);
    expect(texts(item, MEDIA, "credit")).toEqual([SEED.media.credit]);
    const thumbnail = item.getElementsByTagNameNS(MEDIA, "thumbnail")[0];
    expect(attributes(thumbnail, "url", "width", "height")).toEqual([
      expect.stringMatching(SEED.media.small),
      "400",
      "225",
    ]);
    expect(texts(rss.getElementsByTagName("image")[0] as Element, null, "url")).toEqual([
      expect.stringMatching(SEED.media.icon(144)),
    ]);

    const entry = atom.getElementsByTagNameNS(ATOM, "entry")[0] as Element;
    const atomEnclosure = Array.from(entry.getElementsByTagNameNS(ATOM, "link")).find(
      (l) => l.getAttribute("rel") === "enclosure",
    );
    expect(attributes(atomEnclosure, "href", "type")).toEqual([large, "image/jpeg"]);
    const feed = atom.documentElement as Element;
    expect(texts(feed, ATOM, "icon")).toEqual([expect.stringMatching(SEED.media.icon(64))]);
    expect(texts(feed, ATOM, "logo")).toEqual([expect.stringMatching(SEED.media.logo)]);

    expect(json.items[0].image).toEqual(large);
    expect([json.icon, json.favicon]).toEqual([
      expect.stringMatching(SEED.media.icon(512)),
      expect.stringMatching(SEED.media.icon(64)),
    ]);
  });

  it("is byte-identical on every request, whatever host the request names", async () => {
    for (const path of ["/rss.xml", "/atom.xml", "/feed.json"]) {
      const first = await request(path);
      const second = await request(path, { headers: { "X-Forwarded-Host": "evil.example" } }, "https://evil.example");
      const body = await second.text();
      expect(body).toBe(await first.text());
      expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
      expect(body).not.toContain("evil.example");
    }
  });
});
