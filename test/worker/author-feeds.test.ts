import { Validator } from "@cfworker/json-schema";
import type { Element } from "@xmldom/xmldom";
import { parseAtomFeed, parseRssFeed } from "feedsmith";
import jsonFeedSchema from "jsonfeed-schema/schema-v1.1.json";
import { beforeAll, describe, expect, it } from "vitest";
import type { Author } from "../../src/content/model.ts";
import { AVATAR, article, SITE } from "./fixtures.ts";
import { clearKv, parseXml, publishArticles, request } from "./helpers.ts";

const DC = "http://purl.org/dc/elements/1.1/";
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const ANURADHA: Author = {
  key: "anuradha-sharma",
  name: "अनुराधा शर्मा",
  nameEn: "Anuradha Sharma",
  url: "https://social.example/@anuradha",
  avatar: AVATAR,
  bio: "अनुराधा तकनीक और निजता पर लिखती हैं।",
};
const DESK: Author = { key: "digital-desk", name: "डिजिटल डेस्क", desk: true, bio: "पत्रिका की डिजिटल टीम।" };
const { bio: _, ...anuradha } = ANURADHA;
const { bio: __, ...desk } = DESK;
const story = (n: number, authors: Author[], byline: string) =>
  article({
    slug: `s${n}`,
    id: `tag:patrika.example,2019:articles/s${n}`,
    title: `ख़बर ${n}`,
    byline,
    authors,
    published: new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().replace("Z", "+00:00"),
    updated: new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().replace("Z", "+00:00"),
  });
// s0–s59 by the desk (more than items_per_feed, so its feed has archives), s60 by both, s61 unlisted.
const ARTICLES = [
  ...Array.from({ length: 60 }, (_, n) => story(n, [desk], "डिजिटल डेस्क")),
  story(60, [anuradha, desk], "अनुराधा शर्मा और डिजिटल डेस्क"),
  story(61, [{ name: "एजेंसी" }], "एजेंसी"),
];
const ANURADHA_PAGE = "http://localhost:8787/authors/anuradha-sharma";

beforeAll(async () => {
  await clearKv();
  await publishArticles({ ...SITE, itemsPerFeed: 10 }, ARTICLES, [ANURADHA, DESK]);
});

describe("an author's feeds", () => {
  it("carry only their articles, each naming every author, in all three formats", async () => {
    const rss = await (await request("/authors/anuradha-sharma/rss.xml")).text();
    const channel = parseXml(rss).getElementsByTagName("channel")[0] as Element;
    const items = Array.from(channel.getElementsByTagName("item"));
    expect(items.map((i) => i.getElementsByTagName("title")[0]?.textContent)).toEqual(["ख़बर 60"]);
    expect(Array.from(items[0]?.getElementsByTagNameNS(DC, "creator") ?? [], (c) => c.textContent)).toEqual([
      "अनुराधा शर्मा",
      "डिजिटल डेस्क",
    ]);
    expect(parseRssFeed(rss).title).toBe("अनुराधा शर्मा — पत्रिका");

    const atom = parseAtomFeed(await (await request("/authors/anuradha-sharma/atom.xml")).text());
    expect(atom.entries?.[0]?.authors).toEqual([
      { name: "अनुराधा शर्मा", uri: ANURADHA_PAGE },
      { name: "डिजिटल डेस्क", uri: "http://localhost:8787/authors/digital-desk" },
    ]);

    const json = JSON.parse(await (await request("/authors/anuradha-sharma/feed.json")).text());
    expect(new Validator(jsonFeedSchema as object, "7").validate(json).errors).toEqual([]);
    expect(json.home_page_url).toBe(ANURADHA_PAGE);
    expect(json.items[0].authors).toEqual([
      { name: "अनुराधा शर्मा", url: ANURADHA_PAGE, avatar: AVATAR.url },
      { name: "डिजिटल डेस्क", url: "http://localhost:8787/authors/digital-desk" },
    ]);
  });

  it("keep older articles in RFC 5005 archive pages, like tag feeds", async () => {
    const subscription = parseAtomFeed(await (await request("/authors/digital-desk/atom.xml")).text());
    expect(subscription.entries).toHaveLength(10);
    const older = subscription.links?.find((l) => l.rel === "prev-archive")?.href ?? "";
    expect(older).toBe("http://localhost:8787/authors/digital-desk/archive/2/atom.xml");
    const archive = parseAtomFeed(await (await request(new URL(older).pathname)).text());
    expect(archive.entries?.map((e) => e.title?.value)).toEqual(["ख़बर 50"]);
    const oldest = archive.links?.find((l) => l.rel === "prev-archive")?.href ?? "";
    const first = parseAtomFeed(await (await request(new URL(oldest).pathname)).text());
    expect(first.entries?.at(-1)?.title?.value).toBe("ख़बर 0");
  });

  it("exist only for listed authors with a valid key", async () => {
    for (const path of [
      "/authors/nobody/rss.xml",
      "/authors/Anuradha-Sharma/rss.xml",
      `/authors/${"a".repeat(600)}/atom.xml`,
      "/authors/anuradha-sharma/archive/1/rss.xml",
      "/authors/nobody",
      `/authors/${"a".repeat(600)}`,
    ]) {
      expect([path.slice(0, 60), (await request(path)).status]).toEqual([path.slice(0, 60), 404]);
    }
  });
});

describe("an author's page", () => {
  it("shows who they are and their articles, and advertises their feeds", async () => {
    const res = await request("/authors/anuradha-sharma", { headers: { Accept: BROWSER } });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("<h1>अनुराधा शर्मा</h1>");
    expect(body).toContain("अनुराधा तकनीक और निजता पर लिखती हैं।");
    expect(body).toContain(`<img class="avatar" src="${AVATAR.url}"`);
    const alternates = [...body.matchAll(/<link rel="alternate" type="[^"]+"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
    expect(alternates).toEqual(["rss.xml", "atom.xml", "feed.json"].map((file) => `${ANURADHA_PAGE}/${file}`));
    const profile = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)?.[1] ?? "{}");
    expect(profile.mainEntity).toMatchObject({ "@type": "Person", name: "अनुराधा शर्मा", sameAs: [ANURADHA.url] });
  });

  it("is linked from the article page, which names its authors in JSON-LD", async () => {
    const body = await (await request("/articles/s60")).text();
    expect(body).toContain(`<a href="${ANURADHA_PAGE}" rel="author">अनुराधा शर्मा</a>`);
    const data = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)?.[1] ?? "{}");
    expect(data.author.map((a: { "@type": string; url?: string }) => [a["@type"], a.url])).toEqual([
      ["Person", ANURADHA_PAGE],
      ["Organization", "http://localhost:8787/authors/digital-desk"],
    ]);
  });
});

it("lists every listed author's feed in the OPML", async () => {
  const doc = parseXml(await (await request("/feeds.opml")).text());
  const urls = Array.from(doc.getElementsByTagName("outline"), (o: Element) => o.getAttribute("xmlUrl"));
  expect(urls.filter((url) => url?.includes("/authors/"))).toEqual([
    "http://localhost:8787/authors/anuradha-sharma/rss.xml",
    "http://localhost:8787/authors/digital-desk/rss.xml",
  ]);
});
