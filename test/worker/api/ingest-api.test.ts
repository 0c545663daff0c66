import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { clearKv, parseHtml, parseXml, request } from "../helpers.ts";
import { drain, kvContents } from "../writer/writer-helpers.ts";
import { api, SITE_INPUT, storyInput, TOKENS } from "./api-helpers.ts";

const SLUG = "sansad-vidheyak";

async function rssTitles(path = "/rss.xml"): Promise<string[]> {
  const res = await request(path);
  if (res.status !== 200) return [];
  const titles = parseXml(await res.text()).getElementsByTagName("title");
  return Array.from({ length: titles.length }, (_, i) => titles.item(i)?.textContent ?? "").slice(1);
}

describe("the ingest API", () => {
  beforeEach(clearKv);

  it("refuses a request without a valid token with 401, writing and revealing nothing", async () => {
    for (const token of [null, "wrong-token-0123456789", `${TOKENS.cms}x`, TOKENS.cms.slice(0, -1), ""]) {
      const res = await api("PUT", "/site", SITE_INPUT, token);
      expect(res.status).toBe(401);
      expect(res.headers.get("WWW-Authenticate")).toBe('Bearer realm="patrika"');
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
      expect(await res.text()).not.toContain("PUBLISH_TOKEN");
    }
    const basic = await request("/api/v1/status", { headers: { Authorization: `Basic ${btoa(`x:${TOKENS.cms}`)}` } });
    expect(basic.status).toBe(401);
    expect((await kvContents()).size).toBe(0);
  });

  it("adds, changes and deletes a story, and every feed, page and sitemap shows it at once", async () => {
    expect((await api("PUT", "/site", SITE_INPUT)).status).toBe(200);
    const put = await api("PUT", `/articles/${SLUG}`, storyInput());
    expect(put.status).toBe(200);
    await drain();
    expect(await rssTitles()).toEqual([storyInput().title]);
    expect(await rssTitles("/tags/%E0%A4%B8%E0%A4%82%E0%A4%B8%E0%A4%A6/rss.xml")).toEqual([storyInput().title]);
    const page = await (await request(`/articles/${SLUG}`)).text();
    expect(page).toContain('<a href="http://localhost:8787/sources">स्रोत</a>');
    const sitemap = await (await request("/sitemaps/articles-2026-12.xml")).text();
    expect(sitemap).toContain(`http://localhost:8787/articles/${SLUG}`);

    await api(
      "PUT",
      `/articles/${SLUG}`,
      storyInput({ title: "संसद में विधेयक पारित", updated: "2026-12-02T09:00:00+05:30" }),
    );
    await drain();
    expect(await rssTitles()).toEqual(["संसद में विधेयक पारित"]);

    expect((await api("DELETE", `/articles/${SLUG}`)).status).toBe(200);
    await drain();
    expect((await request(`/articles/${SLUG}`)).status).toBe(410);
    expect(await rssTitles()).toEqual([]);
    expect(await (await request("/sitemap.xml")).text()).not.toContain("articles-2026-12");
    expect((await request("/articles/never-sent")).status).toBe(404);

    expect((await api("PUT", `/articles/${SLUG}`, storyInput())).status).toBe(200);
    await drain();
    expect((await request(`/articles/${SLUG}`)).status).toBe(200);
    expect(await rssTitles()).toEqual([storyInput().title]);
  });

  it("takes down a story put as withdrawn: 410 with the reason, in no feed", async () => {
    expect((await api("PUT", "/site", SITE_INPUT)).status).toBe(200);
    expect((await api("PUT", `/articles/${SLUG}`, storyInput())).status).toBe(200);
    await drain();
    const reason = "अदालत के आदेश पर हटाई गई";
    expect((await api("PUT", `/articles/${SLUG}`, storyInput({ withdrawn: reason }))).status).toBe(200);
    await drain();
    const res = await request(`/articles/${SLUG}`);
    expect(res.status).toBe(410);
    const main = parseHtml(await res.text()).getElementsByTagName("main")[0]?.textContent ?? "";
    expect(main).toContain(`कारण / Reason: ${reason}`);
    expect(main).not.toContain(storyInput().title as string);
    expect(await rssTitles()).toEqual([]);
    const refused = await api("PUT", `/articles/${SLUG}`, storyInput({ withdrawn: "दो\nपंक्तियाँ" }));
    expect(refused.status).toBe(422);
  });

  it("serialises clients publishing different stories at once: both land, nothing is lost", async () => {
    await api("PUT", "/site", SITE_INPUT);
    const stories = Array.from({ length: 6 }, (_, n) =>
      storyInput({ title: `ख़बर ${n}`, published: `2026-11-0${n + 1}T10:00:00+05:30` }),
    );
    const answers = await Promise.all(
      stories.map((story, n) => api("PUT", `/articles/khabar-${n}`, story, n % 2 ? TOKENS.cms : TOKENS.publish)),
    );
    expect(answers.map((r) => r.status)).toEqual(stories.map(() => 200));
    await drain();
    expect((await rssTitles()).sort()).toEqual(stories.map((s) => s.title).sort());
    await Promise.all(stories.map((_, n) => api("DELETE", `/articles/khabar-${n}`)));
    await drain();
    expect(await rssTitles()).toEqual([]);
  });

  it("asks for every article again after a change of site settings, whose base URL its stored links carry", async () => {
    await api("PUT", "/site", SITE_INPUT);
    await api("PUT", `/articles/${SLUG}`, storyInput());
    const hashes = async () =>
      ((await (await api("GET", "/articles")).json()) as { articles: { hash: string }[] }).articles.map((a) => a.hash);
    const [before] = await hashes();
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    await api("PUT", "/site", { ...SITE_INPUT, title: "पत्रिका" });
    expect(await hashes()).toEqual([before]);
    await api("PUT", "/site", { ...SITE_INPUT, base_url: "https://patrika.example" });
    expect(await hashes()).toEqual([""]);
    await api("PUT", `/articles/${SLUG}`, storyInput());
    await drain();
    expect(await hashes()).toEqual([before]);
    const page = await (await request(`/articles/${SLUG}`)).text();
    expect(page).toContain('<a href="https://patrika.example/sources">स्रोत</a>');
    await api("DELETE", `/articles/${SLUG}`);
    await api("PUT", "/site", SITE_INPUT);
  });

  it("lists what it holds as slug and the hash of what was sent, and records who wrote it", async () => {
    await api("PUT", "/site", SITE_INPUT);
    const input = storyInput();
    await api("PUT", `/articles/${SLUG}`, input, TOKENS.publish);
    const listing = (await (await api("GET", "/articles")).json()) as { articles: { slug: string; hash: string }[] };
    const sent = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(input))));
    const hex = Array.from(sent, (b) => b.toString(16).padStart(2, "0")).join("");
    expect(listing.articles).toEqual([{ slug: SLUG, hash: hex }]);
    const audit = await runInDurableObject(env.WRITER.getByName("main"), (_, state) =>
      state.storage.sql
        .exec<{ who: string; action: string; target: string }>("SELECT who, action, target FROM audit ORDER BY seq")
        .toArray(),
    );
    expect(audit.slice(-2).map((r) => [r.who, r.action, r.target])).toEqual([
      ["cms", "put", "site"],
      ["publish", "put", `article ${SLUG}`],
    ]);
  });
});
