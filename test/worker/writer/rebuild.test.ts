import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { api, SITE_INPUT, storyInput } from "../api/api-helpers.ts";
import { request } from "../helpers.ts";
import { drain, kvContents, writer } from "./writer-helpers.ts";

// Stories each alone in a tag, so that taking one down leaves its tag's feed with no article.
const STORIES = { pehli: "क्रिकेट", doosri: "हॉकी" };
const tagFeed = (tag: string) => `/tags/${encodeURIComponent(tag)}/rss.xml`;

async function publish(): Promise<void> {
  expect((await api("PUT", "/site", SITE_INPUT)).status).toBe(200);
  for (const [slug, tag] of Object.entries(STORIES)) {
    expect((await api("PUT", `/articles/${slug}`, storyInput({ title: slug, tags: [tag] }))).status).toBe(200);
  }
  await drain();
}

it("answers a rebuild before any site settings with 409 and a problem line", async () => {
  const res = await api("POST", "/rebuild");
  expect(res.status).toBe(409);
  expect(((await res.json()) as { problems: string[] }).problems).toEqual([
    "site: the writer has no site settings yet: send them first (PUT /api/v1/site)",
  ]);
});

it("records a listed key as written when it was listed, not never", async () => {
  const before = Date.now();
  await publish();
  const result = await writer().rebuild("test");
  expect(result).toMatchObject({ done: true });
  await drain();
  const oldest = await runInDurableObject(writer(), (_, state) =>
    state.storage.sql.exec<{ at: number }>("SELECT min(written_ms) AS at FROM stored").one(),
  );
  expect(oldest.at).toBeGreaterThanOrEqual(before);
});

it("spends on its last call no more KV operations than an invocation may, listing included", {
  timeout: 60_000,
}, async () => {
  await publish();
  await Promise.all(Array.from({ length: 900 }, (_, n) => env.CONTENT.put(`stray:${n}`, "x")));
  const result = await writer().rebuild("test", { pages: 1000, keys: 1 });
  if (!("done" in result)) throw new Error(result.problem);
  expect(result.done).toBe(true);
  const pages = result.listed;
  expect(pages + result.status.written + result.status.deleted).toBeLessThanOrEqual(1000);
  await drain();
  expect([...(await kvContents()).keys()].filter((key) => key.startsWith("stray:"))).toEqual([]);
});

it("keeps its record of KV when a rebuild stops part-way, so a later takedown still deletes what nothing produces", async () => {
  await publish();
  expect((await request(tagFeed(STORIES.doosri))).status).toBe(200);
  const partial = await writer().rebuild("test", { pages: 1, keys: 2 });
  expect(partial).toMatchObject({ done: false, listed: 2 });

  expect((await api("DELETE", "/articles/doosri")).status).toBe(200);
  await drain();
  expect((await request(tagFeed(STORIES.doosri))).status).toBe(404);
});
