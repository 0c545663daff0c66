import { parseRssFeed } from "feedsmith";
import { beforeAll, describe, expect, it } from "vitest";
import { clearKv, publishSeed, request } from "./helpers.ts";
import { SEED } from "./seed-article.ts";

beforeAll(async () => {
  await clearKv();
  await publishSeed();
});

const canonical = (tag: string) => `/tags/${encodeURIComponent(tag.normalize("NFC"))}`;

describe("per-tag feeds", () => {
  it.each(SEED.tags)("serves the feeds of %s", async (tag) => {
    for (const file of ["rss.xml", "atom.xml", "feed.json"]) {
      const res = await request(`${canonical(tag)}/${file}`);
      expect([file, res.status]).toEqual([file, 200]);
    }
    const rss = parseRssFeed(await (await request(`${canonical(tag)}/rss.xml`)).text());
    expect(rss.title).toBe(`${tag} — पत्रिका`);
    expect(rss.language).toBe("hi");
    expect(rss.link).toBe(`http://localhost:8787${canonical(tag)}`);
    expect(rss.atom?.links?.find((l) => l.rel === "self")?.href).toBe(`http://localhost:8787${canonical(tag)}/rss.xml`);
    expect(rss.items?.map((i) => i.title)).toEqual([SEED.title]);
  });

  it("works for a tag with a space and Latin letters", async () => {
    expect(canonical("NSO ग्रुप")).toBe("/tags/NSO%20%E0%A4%97%E0%A5%8D%E0%A4%B0%E0%A5%81%E0%A4%AA");
    expect((await request("/tags/NSO%20%E0%A4%97%E0%A5%8D%E0%A4%B0%E0%A5%81%E0%A4%AA/atom.xml")).status).toBe(200);
  });

  it("redirects other spellings of a tag to its canonical URL with 301", async () => {
    const nfd = encodeURIComponent("तमिऴ".normalize("NFD"));
    expect(nfd).not.toBe(encodeURIComponent("तमिऴ".normalize("NFC")));
    const spellings = [
      `/tags/${encodeURIComponent("café".normalize("NFD"))}/rss.xml`,
      `/tags/${encodeURIComponent("पेगासस").toLowerCase()}/rss.xml`,
      "/tags/%4ESO%20%E0%A4%97%E0%A5%8D%E0%A4%B0%E0%A5%81%E0%A4%AA/feed.json",
      `/tags/${nfd}/archive/1/atom.xml`,
    ];
    const expected = [
      `${canonical("café")}/rss.xml`,
      `${canonical("पेगासस")}/rss.xml`,
      `${canonical("NSO ग्रुप")}/feed.json`,
      `${canonical("तमिऴ")}/archive/1/atom.xml`,
    ];
    for (const [i, path] of spellings.entries()) {
      const res = await request(path, { redirect: "manual" });
      expect([path, res.status, res.headers.get("Location")]).toEqual([path, 301, expected[i]]);
    }
  });

  it("answers 404 for an unknown tag", async () => {
    for (const path of [
      `${canonical("अज्ञात")}/rss.xml`,
      "/tags/nope/feed.json",
      `${canonical("निजता")}/archive/1/rss.xml`,
    ]) {
      expect([path, (await request(path)).status]).toEqual([path, 404]);
    }
  });
});
