import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/content/model.ts";
import { NEWS_SITEMAP_PATH } from "../../../src/content/sitemaps.ts";
import { feedPageKey, sitemapKey } from "../../../src/kv/keys.ts";
import { articleHash } from "../../../src/write/build/entries.ts";
import { Catalogue } from "../../../src/write/writer/catalogue.ts";
import { DirtyKeys } from "../../../src/write/writer/dirty.ts";
import { flush } from "../../../src/write/writer/flush.ts";
import { changeArticle } from "../../../src/write/writer/touched.ts";
import { article, SITE } from "../fixtures.ts";
import { clearKv, parseXml, request } from "../helpers.ts";
import { drain, freshContents, kvContents, writer } from "./writer-helpers.ts";

function story(n: number): Article {
  const date = new Date(Date.UTC(2020, 0, 1) + n * 3_600_000).toISOString().replace("Z", "+05:30");
  return article({
    slug: `story-${n}`,
    id: `tag:patrika.example,2019:articles/story-${n}`,
    title: `ख़बर ${n}`,
    tags: [n % 2 === 0 ? "खेल" : "राजनीति"],
    published: date,
    updated: date,
  });
}

describe("the writer's flush", () => {
  it("writes a key at most once a second, and a burst of stories into one write of each feed page", async () => {
    await clearKv();
    const stub = writer(`interval-${crypto.randomUUID()}`);
    await stub.putSite(SITE, "test");
    const burst = await runInDurableObject(stub, async (_, state) => {
      const sql = state.storage.sql;
      const catalogue = new Catalogue(sql);
      const dirty = new DirtyKeys(sql);
      const budget = () => ({ operations: 900, untilMs: Date.now() + 10_000, keyIntervalMs: 1000 });
      const put = async (a: Article) =>
        changeArticle(catalogue, dirty, SITE, a.slug, { article: a, hash: JSON.stringify(a) });
      await put(story(1));
      const first = await flush(sql, env.CONTENT, catalogue, dirty, budget());
      for (let n = 2; n <= 6; n++) await put(story(n));
      const second = await flush(sql, env.CONTENT, catalogue, dirty, budget());
      return { first, second };
    });
    expect(burst.first.written).toContain(feedPageKey(""));
    expect(burst.second.written).not.toContain(feedPageKey(""));
    expect(burst.second.written).toContain("article:story-6");
    expect(burst.second.again).toBeGreaterThan(Date.now() - 1000);
    const page = JSON.parse((await env.CONTENT.get(feedPageKey(""))) ?? "{}") as { items: Article[] };
    expect(page.items.map((a) => a.slug)).toEqual(["story-1"]);
  });

  it("writes nothing built before a change committed while a write was awaited", async () => {
    await clearKv();
    const stub = writer(`stale-${crypto.randomUUID()}`);
    await stub.putSite(SITE, "test");
    const stories = [1, 2, 3].map(story);
    const added = story(4);
    const renamed = { ...added, title: "बदला शीर्षक" };
    const hashes = new Map(
      await Promise.all([...stories, added, renamed].map(async (a) => [a, await articleHash(a)] as const)),
    );
    const result = await runInDurableObject(stub, async (_, state) => {
      const sql = state.storage.sql;
      const catalogue = new Catalogue(sql);
      const dirty = new DirtyKeys(sql);
      const put = (a: Article) =>
        changeArticle(catalogue, dirty, SITE, a.slug, { article: a, hash: hashes.get(a) ?? "" });
      const budget = () => ({ operations: 900, untilMs: Date.now() + 10_000, keyIntervalMs: 0 });
      for (const a of stories) put(a);
      await flush(sql, env.CONTENT, catalogue, dirty, budget());
      let changed = false;
      const kv = new Proxy(env.CONTENT, {
        get(target, name) {
          if (name !== "put") return Reflect.get(target, name).bind(target);
          return async (key: string, value: string, options?: KVNamespacePutOptions) => {
            await target.put(key, value, options);
            if (key !== sitemapKey(NEWS_SITEMAP_PATH) || changed) return;
            changed = true;
            put(renamed);
          };
        },
      });
      put(added);
      return { flushed: await flush(sql, kv, catalogue, dirty, budget()), changed };
    });
    expect(result.changed).toBe(true);
    expect(result.flushed.pending).toBe(0);
    expect(await kvContents()).toEqual(await freshContents(SITE, [...stories, renamed]));
  });

  it("finishes an import that outlasts its invocation's budget in alarms, after the object is restarted", {
    timeout: 60_000,
  }, async () => {
    await clearKv();
    const name = `resume-${crypto.randomUUID()}`;
    const stub = writer(name);
    const site = { ...SITE, itemsPerFeed: 5 };
    await stub.putSite(site, "test");
    const stories = Array.from({ length: 1000 }, (_, n) => story(n));
    const status = await stub.putArticles(stories, "test");
    expect(status.pending).toBeGreaterThan(0);
    await abortAllDurableObjects();
    const restarted = writer(name);
    await drain(restarted);
    expect(await kvContents()).toEqual(await freshContents(site, stories));
  });

  it("dates a feed's web page in the pages sitemap by the articles its subscription document shows now", async () => {
    await clearKv();
    const stub = writer(`lastmod-${crypto.randomUUID()}`);
    // The oldest story was corrected last: the newest two leave it out, the newest three take it in.
    const corrected = { ...story(1), updated: "2020-03-01T10:00:00+05:30" };
    const stories = [corrected, story(2), story(3)];
    const mainPage = async () => {
      const doc = parseXml(await (await request("/sitemaps/pages.xml")).text());
      const home = Array.from(doc.getElementsByTagName("url")).find(
        (url) => url.getElementsByTagName("loc")[0]?.textContent === `${SITE.baseUrl}/`,
      );
      return home?.getElementsByTagName("lastmod")[0]?.textContent;
    };
    await stub.putSite({ ...SITE, itemsPerFeed: 2 }, "test");
    await stub.putArticles(stories, "test");
    await drain(stub);
    expect(await mainPage()).toBe(story(3).updated);
    await stub.putSite({ ...SITE, itemsPerFeed: 3 }, "test");
    await drain(stub);
    expect(await mainPage()).toBe(corrected.updated);
    await stub.putArticles([{ ...story(4), updated: "2020-04-01T10:00:00+05:30" }], "test");
    await drain(stub);
    expect(await mainPage()).toBe("2020-04-01T10:00:00+05:30");
    await stub.deleteArticles([story(4).slug], "test");
    await drain(stub);
    expect(await mainPage()).toBe(corrected.updated);
    expect(await kvContents()).toEqual(
      await freshContents({ ...SITE, itemsPerFeed: 3 }, stories, [], [{ slug: story(4).slug }]),
    );
  });
});
