import { beforeEach, describe, expect, it } from "vitest";
import { article, SITE } from "./fixtures.ts";
import { clearKv, fetchCounted, publishArticles } from "./helpers.ts";

const FORMATS = ["/rss.xml", "/atom.xml", "/feed.json"] as const;

async function publish(articles = [article()]): Promise<void> {
  await publishArticles(SITE, articles);
}

beforeEach(async () => {
  await clearKv();
  await publish();
});

describe.each(FORMATS)("conditional GET of %s", (path) => {
  it("answers 200, then 304 with no body for the same ETag, keeping the caching headers", async () => {
    const { res: first } = await fetchCounted(path);
    expect(first.status).toBe(200);
    const etag = first.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=300, stale-while-revalidate=60");
    expect(first.headers.get("Last-Modified")).toBe("Fri, 01 Nov 2019 13:48:00 GMT");

    const { res, reads } = await fetchCounted(path, { headers: { "If-None-Match": etag } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("ETag")).toBe(etag);
    expect(res.headers.get("Cache-Control")).toBe(first.headers.get("Cache-Control"));
    expect(res.headers.get("Vary")).toBe(first.headers.get("Vary"));
    expect(reads).toEqual(["head:/"]);
  });

  it("matches If-None-Match lists, weak forms and *", async () => {
    const etag = (await fetchCounted(path)).res.headers.get("ETag") ?? "";
    for (const header of [`"nope", ${etag}`, `W/${etag}`, "*", `"a",W/${etag} , "b"`]) {
      expect((await fetchCounted(path, { headers: { "If-None-Match": header } })).res.status).toBe(304);
    }
    expect((await fetchCounted(path, { headers: { "If-None-Match": '"other"' } })).res.status).toBe(200);
  });

  it("gives a new ETag and a 200 when content changes", async () => {
    const { res: before } = await fetchCounted(path);
    const etag = before.headers.get("ETag") ?? "";
    await publish([article({ title: "बदला हुआ शीर्षक", updated: "2019-11-02T10:00:00+05:30" })]);
    const { res: after } = await fetchCounted(path, { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(etag);
    expect(after.headers.get("Last-Modified")).toBe("Sat, 02 Nov 2019 04:30:00 GMT");
    expect(await after.text()).toContain("बदला हुआ शीर्षक");
  });

  it("answers If-Modified-Since at Last-Modified with 304 and before it with 200", async () => {
    const at = "Fri, 01 Nov 2019 13:48:00 GMT";
    expect((await fetchCounted(path, { headers: { "If-Modified-Since": at } })).res.status).toBe(304);
    const later = "Sat, 02 Nov 2019 00:00:00 GMT";
    expect((await fetchCounted(path, { headers: { "If-Modified-Since": later } })).res.status).toBe(304);
    const before = "Fri, 01 Nov 2019 13:47:59 GMT";
    expect((await fetchCounted(path, { headers: { "If-Modified-Since": before } })).res.status).toBe(200);
  });

  it("lets If-None-Match take precedence over If-Modified-Since", async () => {
    const headers = { "If-None-Match": '"other"', "If-Modified-Since": "Sat, 02 Nov 2019 00:00:00 GMT" };
    expect((await fetchCounted(path, { headers })).res.status).toBe(200);
  });

  it("answers HEAD with the headers of GET, no body and one small KV read", async () => {
    const { res: get } = await fetchCounted(path);
    const { res: head, reads } = await fetchCounted(path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    for (const name of ["Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Language"]) {
      expect([name, head.headers.get(name)]).toEqual([name, get.headers.get(name)]);
    }
    expect(reads).toEqual(["head:/"]);
  });

  it("reads at most two keys for a 200, and ignores query strings", async () => {
    const { res, reads } = await fetchCounted(`${path}?utm_source=x&v=${Math.random()}`);
    expect(res.status).toBe(200);
    expect(reads.length).toBeLessThanOrEqual(2);
    expect(reads.every((key) => key === "head:/" || key === "feed:/")).toBe(true);
    expect(res.headers.get("ETag")).toBe((await fetchCounted(path)).res.headers.get("ETag"));
  });
});

it("keeps the RSS <ttl> consistent with max-age", async () => {
  const { res } = await fetchCounted("/rss.xml");
  const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get("Cache-Control") ?? "")?.[1]);
  expect(/<ttl>(\d+)<\/ttl>/.exec(await res.text())?.[1]).toBe(String(maxAge / 60));
});
