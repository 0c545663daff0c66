import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/content/model.ts";
import { buildKvEntries } from "../../../src/kv/entries.ts";
import { api, SITE_INPUT, storyInput } from "../api/api-helpers.ts";
import { article, SITE } from "../fixtures.ts";
import { clearKv, publishArticles, request } from "../helpers.ts";
import { drain, freshContents, kvContents, writer } from "./writer-helpers.ts";

const site = { ...SITE, itemsPerFeed: 3, baseUrl: SITE_INPUT.base_url };

function story(n: number): Article {
  const date = `2026-11-${String(n + 1).padStart(2, "0")}T10:00:00+05:30`;
  return article({
    slug: `purani-${n}`,
    id: `tag:patrika.example,2019:articles/purani-${n}`,
    title: `पुरानी ख़बर ${n}`,
    tags: ["निजता"],
    published: date,
    updated: date,
  });
}

describe("a publish handing its index to the writer", () => {
  it("lets the API change what the publish wrote, and KV then equals a fresh publish of both", async () => {
    await clearKv();
    const published = Array.from({ length: 8 }, (_, n) => story(n));
    await publishArticles(site, published);
    const entries = await buildKvEntries(site, published);
    await writer().adopt({
      first: true,
      last: true,
      who: "test",
      site,
      authors: [],
      articles: published,
      stored: entries.map((e) => [e.key, e.hash]),
      digest: "d1",
    });
    const status = await writer().status();
    expect(status).toEqual({ articles: 8, scheduled: 0, pending: 0, written: 0, deleted: 0 });
    expect(await writer().adopted()).toBe("d1");

    const res = await api("PUT", "/articles/nayi", storyInput({ tags: ["निजता"] }));
    expect(res.status).toBe(200);
    await drain();
    const added = (await kvContents()).get("article:nayi");
    const nayi = (JSON.parse(added ?? "{}") as { article: Article }).article;
    expect(await kvContents()).toEqual(await freshContents(site, [...published, nayi]));
    expect((await request("/articles/nayi")).status).toBe(200);
  });
});
