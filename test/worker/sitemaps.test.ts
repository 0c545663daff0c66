import type { Element } from "@xmldom/xmldom";
import { beforeEach, describe, expect, it } from "vitest";
import { article, SITE } from "./fixtures.ts";
import { clearKv, fetchCounted, parseXml, publishArticles } from "./helpers.ts";

const SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const BASE = "http://localhost:8787";

const ARTICLES = [
  article({
    id: "tag:patrika.example,2019:articles/whatsapp-pegasus-spying-action",
    slug: "whatsapp-pegasus-spying-action",
    tags: ["निजता", "NSO ग्रुप"],
    published: "2019-11-01T19:18:00+05:30",
    updated: "2019-11-02T09:30:00+05:30",
  }),
  article({
    id: "tag:patrika.example,2019:articles/pegasus-explained",
    slug: "pegasus-explained",
    tags: ["निजता"],
    published: "2019-10-31T10:00:00+05:30",
    updated: "2019-10-31T10:00:00+05:30",
  }),
  article({
    id: "tag:patrika.example,2019:articles/past-midnight",
    slug: "past-midnight",
    tags: ["Tom & Jerry's"],
    published: "2019-11-01T00:30:00+05:30",
    updated: "2019-11-01T00:30:00+05:30",
  }),
];

async function publish(articles = ARTICLES): Promise<void> {
  await publishArticles(SITE, articles);
}

/** The `loc` and `lastmod` of each entry (`url` or `sitemap`) of a sitemaps.org document, checking its root. */
async function entries(path: string, root: string, entry: string): Promise<[string, string | undefined][]> {
  const { res } = await fetchCounted(path);
  expect(res.status).toBe(200);
  const doc = parseXml(await res.text());
  expect([doc.documentElement?.namespaceURI, doc.documentElement?.localName]).toEqual([SITEMAPS, root]);
  return Array.from(doc.getElementsByTagNameNS(SITEMAPS, entry), (element: Element) => [
    element.getElementsByTagNameNS(SITEMAPS, "loc")[0]?.textContent ?? "",
    element.getElementsByTagNameNS(SITEMAPS, "lastmod")[0]?.textContent ?? undefined,
  ]);
}

beforeEach(async () => {
  await clearKv();
  await publish();
});

describe("the sitemaps", () => {
  it("index the pages and one sitemap per month of publication, each with its newest lastmod", async () => {
    expect(await entries("/sitemap.xml", "sitemapindex", "sitemap")).toEqual([
      [`${BASE}/sitemaps/pages.xml`, "2019-11-02T09:30:00+05:30"],
      [`${BASE}/sitemaps/articles-2019-10.xml`, "2019-10-31T10:00:00+05:30"],
      [`${BASE}/sitemaps/articles-2019-11.xml`, "2019-11-02T09:30:00+05:30"],
    ]);
  });

  it("list each month's articles, by the month in their own offset, with updated as lastmod", async () => {
    expect(await entries("/sitemaps/articles-2019-11.xml", "urlset", "url")).toEqual([
      [`${BASE}/articles/past-midnight`, "2019-11-01T00:30:00+05:30"],
      [`${BASE}/articles/whatsapp-pegasus-spying-action`, "2019-11-02T09:30:00+05:30"],
    ]);
    expect(await entries("/sitemaps/articles-2019-10.xml", "urlset", "url")).toEqual([
      [`${BASE}/articles/pegasus-explained`, "2019-10-31T10:00:00+05:30"],
    ]);
  });

  it("list the home page and every tag page, with the Last-Modified each is served with", async () => {
    const pages = await entries("/sitemaps/pages.xml", "urlset", "url");
    expect(pages.sort()).toEqual([
      [`${BASE}/`, "2019-11-02T09:30:00+05:30"],
      [`${BASE}/tags/%E0%A4%A8%E0%A4%BF%E0%A4%9C%E0%A4%A4%E0%A4%BE`, "2019-11-02T09:30:00+05:30"],
      [`${BASE}/tags/NSO%20%E0%A4%97%E0%A5%8D%E0%A4%B0%E0%A5%81%E0%A4%AA`, "2019-11-02T09:30:00+05:30"],
      [`${BASE}/tags/Tom%20%26%20Jerry's`, "2019-11-01T00:30:00+05:30"],
    ]);
    for (const [loc, lastmod] of pages) {
      const res = await fetchCounted(loc.slice(BASE.length));
      expect([loc, res.res.status, res.res.headers.get("Last-Modified")]).toEqual([
        loc,
        200,
        new Date(lastmod ?? "").toUTCString(),
      ]);
    }
  });

  it("answer unknown and malformed sitemap names with 404, reading at most the index", async () => {
    const unknown = await fetchCounted("/sitemaps/articles-2019-12.xml");
    expect([unknown.res.status, unknown.reads]).toEqual([404, ["sitemap:/sitemap.xml"]]);
    for (const path of ["/sitemaps/Pages.xml", "/sitemaps/pages.txt", "/sitemaps/", "/sitemaps/a/b.xml"]) {
      const { res, reads } = await fetchCounted(path);
      expect([path, res.status, reads]).toEqual([path, 404, []]);
    }
  });

  it("give a month's sitemap a new ETag when one of its articles changes, and leave the others alone", async () => {
    const etags = async () =>
      Promise.all(
        ["/sitemap.xml", "/sitemaps/articles-2019-10.xml", "/sitemaps/articles-2019-11.xml"].map(
          async (path) => (await fetchCounted(path)).res.headers.get("ETag") ?? "",
        ),
      );
    const [index, october, november] = await etags();
    const [edited, ...rest] = ARTICLES;
    await publish([{ ...(edited as (typeof ARTICLES)[number]), updated: "2019-11-03T08:00:00+05:30" }, ...rest]);
    const after = await etags();
    expect(after[0]).not.toBe(index);
    expect(after[1]).toBe(october);
    expect(after[2]).not.toBe(november);
  });
});

describe("robots.txt", () => {
  it("allows everything and names the sitemap index and the news sitemap by absolute URL", async () => {
    const { res, reads } = await fetchCounted("/robots.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe(
      `User-agent: *\nAllow: /\n\nSitemap: ${BASE}/sitemap.xml\nSitemap: ${BASE}/news-sitemap.xml\n`,
    );
    expect(reads).toEqual(["sitemap:/sitemap.xml"]);
  });

  it("is written from the published base URL, not from the request", async () => {
    await publishArticles({ ...SITE, baseUrl: "https://patrika.example" }, ARTICLES);
    const { res } = await fetchCounted("/robots.txt");
    expect(await res.text()).toContain("\nSitemap: https://patrika.example/sitemap.xml\n");
  });
});

const DOCUMENTS = [
  ["/sitemap.xml", "application/xml; charset=utf-8", ["sitemap:/sitemap.xml"]],
  ["/sitemaps/articles-2019-11.xml", "application/xml; charset=utf-8", ["sitemap:/sitemap.xml"]],
  ["/robots.txt", "text/plain; charset=utf-8", ["sitemap:/sitemap.xml"]],
  ["/news-sitemap.xml", "application/xml; charset=utf-8", ["head:/news-sitemap.xml"]],
] as const;

describe.each(DOCUMENTS)("%s", (path, type, headReads) => {
  it("answers 200 with a strong ETag, caching headers and CORS, within two KV reads", async () => {
    const { res, reads } = await fetchCounted(`${path}?utm_source=x`, {
      headers: { Origin: "https://reader.example" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe(type);
    expect(res.headers.get("ETag")).toMatch(/^"[0-9a-f]{32}-[a-z-]+-r\d+"$/);
    expect(res.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+, stale-while-revalidate=60$/);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(reads.length).toBeLessThanOrEqual(2);
    expect(reads.slice(0, 1)).toEqual(headReads);
  });

  it("answers If-None-Match with 304 and HEAD with the headers of GET, each from one small KV read", async () => {
    const { res: get } = await fetchCounted(path);
    const etag = get.headers.get("ETag") ?? "";
    const notModified = await fetchCounted(path, { headers: { "If-None-Match": `W/${etag}` } });
    expect(notModified.res.status).toBe(304);
    expect(await notModified.res.text()).toBe("");
    expect(notModified.reads).toEqual(headReads);
    const head = await fetchCounted(path, { method: "HEAD" });
    expect(head.res.status).toBe(200);
    expect(await head.res.text()).toBe("");
    expect(head.reads).toEqual(headReads);
    for (const name of ["Content-Type", "ETag", "Last-Modified", "Cache-Control", "Access-Control-Allow-Origin"]) {
      expect([name, head.res.headers.get(name), notModified.res.headers.get(name)]).toEqual([
        name,
        get.headers.get(name),
        get.headers.get(name),
      ]);
    }
  });

  it("refuses other methods with 405 and answers a CORS preflight", async () => {
    const { res } = await fetchCounted(path, { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    const preflight = await fetchCounted(path, {
      method: "OPTIONS",
      headers: { Origin: "https://reader.example", "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.res.status).toBe(204);
    expect(preflight.res.headers.get("Access-Control-Allow-Methods")).toBe("GET,HEAD,OPTIONS");
  });
});

describe("If-Modified-Since on a sitemap", () => {
  it("answers 304 from its newest lastmod, and 200 before it", async () => {
    const path = "/sitemaps/articles-2019-11.xml";
    const { res } = await fetchCounted(path);
    expect(res.headers.get("Last-Modified")).toBe("Sat, 02 Nov 2019 04:00:00 GMT");
    const at = await fetchCounted(path, { headers: { "If-Modified-Since": "Sat, 02 Nov 2019 04:00:00 GMT" } });
    expect(at.res.status).toBe(304);
    const before = await fetchCounted(path, { headers: { "If-Modified-Since": "Sat, 02 Nov 2019 03:59:59 GMT" } });
    expect(before.res.status).toBe(200);
  });
});
