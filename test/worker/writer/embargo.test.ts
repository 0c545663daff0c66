import { runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, SITE_INPUT, storyInput } from "../api/api-helpers.ts";
import { clearKv, request } from "../helpers.ts";
import { drain, writer } from "./writer-helpers.ts";

// A minute a day from now in real time, so that the writer's real alarm never fires by itself
// during a test; the tests move the clock to it and run the alarm.
const AT = new Date(Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000);
const AT_IST = new Date(AT.getTime() + 5.5 * 3_600_000).toISOString().replace(/\.000Z$/, "+05:30");
const SLUG = "subah-chhah-baje";

// Every surface a story shows on, and whether it shows there now.
async function visible(): Promise<Record<string, boolean>> {
  const text = async (path: string) => {
    const res = await request(path);
    return res.status === 200 ? await res.text() : "";
  };
  const shows = (body: string) => body.includes(SLUG) || body.includes("सुबह की ख़बर");
  return {
    page: (await request(`/articles/${SLUG}`)).status === 200,
    rss: shows(await text("/rss.xml")),
    atom: shows(await text("/atom.xml")),
    json: shows(await text("/feed.json")),
    tag: shows(await text("/tags/%E0%A4%B8%E0%A5%81%E0%A4%AC%E0%A4%B9/rss.xml")),
    home: shows(await text("/")),
    opml: (await text("/feeds.opml")).includes("%E0%A4%B8%E0%A5%81%E0%A4%AC%E0%A4%B9"),
    sitemap: shows(await text(`/sitemaps/articles-${AT_IST.slice(0, 7)}.xml`)),
    news: shows(await text("/news-sitemap.xml")),
  };
}

const EVERYWHERE = {
  page: true,
  rss: true,
  atom: true,
  json: true,
  tag: true,
  home: true,
  opml: true,
  sitemap: true,
  news: true,
};
const NOWHERE = Object.fromEntries(Object.keys(EVERYWHERE).map((k) => [k, false]));

function embargoed(published = AT_IST) {
  return storyInput({ title: "सुबह की ख़बर", tags: ["सुबह"], published });
}

describe("an embargoed story", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(AT.getTime() - 3_600_000);
    await clearKv();
    await api("PUT", "/site", SITE_INPUT);
    await api("PUT", "/articles/pehle-se", storyInput({ published: "2026-11-01T10:00:00+05:30" }));
    await drain();
  });
  afterEach(async () => {
    await api("DELETE", `/articles/${SLUG}`);
    await drain();
    vi.useRealTimers();
  });

  it("is visible nowhere until its minute, and everywhere once the writer's alarm runs at it", async () => {
    const before = await (await request("/rss.xml")).text();
    const res = await api("PUT", `/articles/${SLUG}`, embargoed());
    // Held, not published: the status counts it apart from the one story published before it.
    expect(await res.json()).toMatchObject({ scheduled: 1, articles: 1 });
    await drain();
    expect(await visible()).toEqual(NOWHERE);
    expect(await (await request("/rss.xml")).text()).toBe(before);
    expect(await writer().embargoes()).toEqual([{ slug: SLUG, published: AT_IST }]);

    vi.setSystemTime(AT.getTime() - 1000);
    await runDurableObjectAlarm(writer());
    await drain();
    expect(await visible()).toEqual(NOWHERE);

    vi.setSystemTime(AT.getTime());
    await runDurableObjectAlarm(writer());
    await drain();
    expect(await visible()).toEqual(EVERYWHERE);
    expect(await writer().embargoes()).toEqual([]);
  });

  it("is listed once, as held, when it was withdrawn and is put again for later", async () => {
    expect((await api("PUT", `/articles/${SLUG}`, storyInput({ withdrawn: "भूल" }))).status).toBe(200);
    expect((await api("PUT", `/articles/${SLUG}`, embargoed())).status).toBe(200);
    const listing = (await (await api("GET", "/articles")).json()) as { articles: { slug: string }[] };
    expect(listing.articles.map((a) => a.slug)).toEqual(["pehle-se", SLUG]);
  });

  it("follows its embargo moved earlier, later, or cancelled", async () => {
    await api("PUT", `/articles/${SLUG}`, embargoed());
    const earlier = new Date(AT.getTime() - 1_800_000 + 5.5 * 3_600_000).toISOString().replace(/\.000Z$/, "+05:30");
    await api("PUT", `/articles/${SLUG}`, embargoed(earlier));
    vi.setSystemTime(AT.getTime() - 1_800_000);
    await runDurableObjectAlarm(writer());
    await drain();
    expect((await visible()).page).toBe(true);

    const later = new Date(AT.getTime() + 3_600_000 + 5.5 * 3_600_000).toISOString().replace(/\.000Z$/, "+05:30");
    await api("PUT", `/articles/${SLUG}`, embargoed(later));
    await drain();
    expect(await visible()).toEqual(NOWHERE);

    await api("DELETE", `/articles/${SLUG}`);
    vi.setSystemTime(AT.getTime() + 7_200_000);
    await runDurableObjectAlarm(writer());
    await drain();
    expect(await visible()).toEqual(NOWHERE);
    expect(await writer().embargoes()).toEqual([]);
  });
});
