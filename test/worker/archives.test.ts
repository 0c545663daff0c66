import { parseAtomFeed, parseRssFeed } from "feedsmith";
import { beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/content/model.ts";
import { buildKvEntries } from "../../src/write/build/entries.ts";
import { article, SITE } from "./fixtures.ts";
import { clearKv, publishArticles, request } from "./helpers.ts";

const TOTAL = 137;
const TAGGED = 61;
const ARTICLES: Article[] = Array.from({ length: TOTAL }, (_, i) =>
  article({
    slug: `a${i}`,
    id: `tag:patrika.example,2019:articles/a${i}`,
    title: `लेख ${i}`,
    tags: i < TAGGED ? ["संग्रह", "सभी"] : ["सभी"],
    published: new Date(Date.UTC(2019, 0, 1) + i * 86_400_000).toISOString().replace("Z", "+00:00"),
    updated: new Date(Date.UTC(2019, 0, 1) + i * 86_400_000).toISOString().replace("Z", "+00:00"),
  }),
);

beforeAll(async () => {
  await clearKv();
  await publishArticles(SITE, ARTICLES);
});

const ARCHIVE_NS = "http://purl.org/syndication/history/1.0";

/** Follows prev-archive (or next_url) links from a subscription URL to the end; every item id seen. */
async function walk(start: string, format: "rss" | "atom" | "json"): Promise<{ ids: string[]; urls: string[] }> {
  const ids: string[] = [];
  const urls: string[] = [];
  let url: string | undefined = start;
  while (url) {
    urls.push(url);
    const res = await request(new URL(url).pathname);
    expect([url, res.status]).toEqual([url, 200]);
    const body = await res.text();
    if (format === "json") {
      const feed = JSON.parse(body);
      ids.push(...feed.items.map((i: { id: string }) => i.id));
      url = feed.next_url;
    } else if (format === "rss") {
      const feed = parseRssFeed(body);
      ids.push(...(feed.items ?? []).map((i) => i.guid?.value ?? ""));
      url = feed.atom?.links?.find((l) => l.rel === "prev-archive")?.href;
    } else {
      const feed = parseAtomFeed(body);
      ids.push(...(feed.entries ?? []).map((e) => e.id ?? ""));
      url = feed.links?.find((l) => l.rel === "prev-archive")?.href;
    }
    expect(urls.length).toBeLessThan(20);
  }
  return { ids, urls };
}

describe.each(["rss", "atom", "json"] as const)("RFC 5005 archives in %s", (format) => {
  const file = { rss: "rss.xml", atom: "atom.xml", json: "feed.json" }[format];

  it("chain from the main feed back to the oldest item, each item exactly once", async () => {
    const { ids, urls } = await walk(`http://localhost:8787/${file}`, format);
    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
    expect(ids.at(-1)).toBe("tag:patrika.example,2019:articles/a0");
    expect(urls).toEqual([
      `http://localhost:8787/${file}`,
      `http://localhost:8787/archive/2/${file}`,
      `http://localhost:8787/archive/1/${file}`,
    ]);
  });

  it("chain from a tag feed, each of its items exactly once", async () => {
    const tag = encodeURIComponent("संग्रह");
    const { ids, urls } = await walk(`http://localhost:8787/tags/${tag}/${file}`, format);
    expect(new Set(ids).size).toBe(TAGGED);
    expect(ids).toHaveLength(TAGGED);
    expect(urls.map((u) => u.replace(`/tags/${tag}`, ""))).toEqual([
      `http://localhost:8787/${file}`,
      `http://localhost:8787/archive/2/${file}`,
      `http://localhost:8787/archive/1/${file}`,
    ]);
  });
});

describe("archive documents", () => {
  it("keep a full page byte-identical as newer articles fill the following pages", async () => {
    const more = Array.from({ length: 120 }, (_, i) =>
      article({
        slug: `b${i}`,
        id: `tag:patrika.example,2019:articles/b${i}`,
        published: new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString().replace("Z", "+00:00"),
        updated: new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString().replace("Z", "+00:00"),
      }),
    );
    const page1 = async (articles: Article[]) =>
      (await buildKvEntries(SITE, articles)).find((e) => e.key === "feed:/archive/1")?.value;
    const before = await page1(ARTICLES);
    expect(before).toBeDefined();
    expect(await page1([...ARTICLES, ...more])).toBe(before);
  });

  it("mark themselves fh:archive, link to the subscription feed and the next page, and only full pages are immutable", async () => {
    const full = await request("/archive/1/atom.xml");
    expect(full.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const body = await full.text();
    expect(body).toContain(`xmlns:fh="${ARCHIVE_NS}"`);
    expect(body).toContain("<fh:archive/>");
    const links = parseAtomFeed(body).links ?? [];
    expect(links.find((l) => l.rel === "current")?.href).toBe("http://localhost:8787/atom.xml");
    expect(links.find((l) => l.rel === "self")?.href).toBe("http://localhost:8787/archive/1/atom.xml");
    expect(links.some((l) => l.rel === "prev-archive")).toBe(false);
    expect(links.find((l) => l.rel === "next-archive")?.href).toBe("http://localhost:8787/archive/2/atom.xml");

    const growing = await request("/archive/2/rss.xml");
    expect(growing.headers.get("Cache-Control")).toMatch(/^public, max-age=300,/);
    expect(parseRssFeed(await growing.text()).items).toHaveLength(TOTAL - 50 - 50);
  });

  it("answers 404 for archive pages that do not exist or are spelled oddly", async () => {
    for (const path of ["/archive/3/rss.xml", "/archive/0/rss.xml", "/archive/01/rss.xml", "/archive/x/feed.json"]) {
      expect([path, (await request(path)).status]).toEqual([path, 404]);
    }
  });
});
