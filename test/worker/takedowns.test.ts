import { beforeAll, describe, expect, it } from "vitest";
import { article, SITE } from "./fixtures.ts";
import { clearKv, parseHtml, parseXml, publishArticles, request } from "./helpers.ts";

const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const REASON = "अदालत के आदेश पर हटाई गई (court order)";
// Both stories were published an hour ago, so that the news sitemap would list them.
const HOUR_AGO = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, "+00:00");
const MONTH = HOUR_AGO.slice(0, 7);
const kept = article({
  slug: "kept",
  id: "tag:patrika.example,2019:articles/kept",
  title: "बनी रहने वाली ख़बर",
  tags: ["अदालत"],
  published: HOUR_AGO,
  updated: HOUR_AGO,
});
const removed = article({
  slug: "removed",
  id: "tag:patrika.example,2019:articles/removed",
  title: "हटाई जाने वाली ख़बर",
  contentHtml: "<p>विवादित पाठ</p>",
  tags: ["अदालत", "विवाद"],
  published: HOUR_AGO,
  updated: HOUR_AGO,
});

beforeAll(async () => {
  await clearKv();
  await publishArticles(SITE, [kept, removed]);
  await clearKv();
  await publishArticles(SITE, [kept], [], [{ slug: "removed", reason: REASON }, { slug: "deleted" }]);
});

describe("a story taken down", () => {
  it("answers 410 Gone with a notice page, its reason, no story and noindex", async () => {
    const res = await request("/articles/removed", { headers: { Accept: BROWSER } });
    expect(res.status).toBe(410);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("X-Robots-Tag")).toBe("noindex");
    expect(res.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+/);
    const doc = parseHtml(await res.text());
    const main = doc.getElementsByTagName("main")[0];
    expect(main?.getElementsByTagName("h1")[0]?.textContent).toBe("यह ख़बर हटा दी गई है");
    expect(main?.textContent).toContain(`कारण / Reason: ${REASON}`);
    expect(main?.textContent).not.toContain(removed.title);
    expect(main?.textContent).not.toContain("विवादित पाठ");
    const robots = [...doc.getElementsByTagName("meta")].find((m) => m.getAttribute("name") === "robots");
    expect(robots?.getAttribute("content")).toBe("noindex");
  });

  it("taken down without a reason gives the notice without a reason line", async () => {
    const res = await request("/articles/deleted");
    expect(res.status).toBe(410);
    const text = parseHtml(await res.text()).getElementsByTagName("main")[0]?.textContent ?? "";
    expect(text).toContain("This story has been removed");
    expect(text).not.toContain("Reason");
  });

  it("answers HEAD with 410 and the same headers, without a body", async () => {
    const res = await request("/articles/removed", { method: "HEAD" });
    expect(res.status).toBe(410);
    expect(res.headers.get("X-Robots-Tag")).toBe("noindex");
    expect(await res.text()).toBe("");
  });

  it("leaves a slug that never existed a 404", async () => {
    const res = await request("/articles/never-published");
    expect(res.status).toBe(404);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect((await request("/articles/never-published", { method: "HEAD" })).status).toBe(404);
  });

  it("is in no feed, tag feed, home page, month sitemap or news sitemap", async () => {
    const titles = (xml: string, tag: string) =>
      [...parseXml(xml).getElementsByTagName(tag)].map((e) => e.textContent ?? "");
    const rss = titles(await (await request("/rss.xml")).text(), "title");
    expect(rss).toContain(kept.title);
    expect(rss).not.toContain(removed.title);
    const atom = await (await request("/atom.xml")).text();
    expect(titles(atom, "id")).toEqual(expect.arrayContaining([kept.id]));
    expect(titles(atom, "id")).not.toContain(removed.id);
    const json = (await (await request("/feed.json")).json()) as { items: { id: string }[] };
    expect(json.items.map((i) => i.id)).toEqual([kept.id]);
    const tag = titles(await (await request(`/tags/${encodeURIComponent("अदालत")}/rss.xml`)).text(), "guid");
    expect(tag).toEqual([kept.id]);
    expect((await request(`/tags/${encodeURIComponent("विवाद")}/rss.xml`)).status).toBe(404);
    const home = parseHtml(await (await request("/", { headers: { Accept: BROWSER } })).text());
    const links = [...home.getElementsByTagName("a")].map((a) => a.getAttribute("href"));
    expect(links).toContain(`${SITE.baseUrl}/articles/kept`);
    expect(links).not.toContain(`${SITE.baseUrl}/articles/removed`);
    const month = titles(await (await request(`/sitemaps/articles-${MONTH}.xml`)).text(), "loc");
    expect(month).toEqual([`${SITE.baseUrl}/articles/kept`]);
    const news = titles(await (await request("/news-sitemap.xml")).text(), "loc");
    expect(news).toEqual([`${SITE.baseUrl}/articles/kept`]);
  });
});
