import { runInDurableObject } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Article } from "../../../src/content/model.ts";
import { Catalogue } from "../../../src/write/writer/catalogue.ts";
import type { WriterStatus } from "../../../src/write/writer/status.ts";
import type { PublicationWriter } from "../../../src/write/writer/writer.ts";
import { request } from "../helpers.ts";
import { drain, writer } from "../writer/writer-helpers.ts";
import { api, SITE_INPUT, storyInput } from "./api-helpers.ts";

const TAG = "लंबी ख़बर";
// 1.71 MiB an article: eleven such stories fit one page of 20 MiB, twelve do not.
const LONG_HTML = `<p>${"समाचार ".repeat(94_000)}</p>`;

function longStory(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { body: _markdown, ...story } = storyInput({
    title: `लंबी ख़बर ${n}`,
    slug: `lambi-khabar-${n}`,
    published: `2026-11-01T1${Math.floor(n / 60)}:${String(n % 60).padStart(2, "0")}:00+05:30`,
    tags: [TAG],
    ...overrides,
  });
  return { ...story, body_html: LONG_HTML };
}

async function status(): Promise<WriterStatus> {
  return (await (await api("GET", "/status")).json()) as WriterStatus;
}

async function listed(): Promise<string[]> {
  const listing = (await (await api("GET", "/articles")).json()) as { articles: { slug: string }[] };
  return listing.articles.map((a) => a.slug);
}

// Each test stores about 20 MB of stories.
const HEAVY = { timeout: 60_000 };

// The writer's storage outlives a test: each leaves it without stories.
afterEach(async () => {
  expect((await api("POST", "/articles", { delete: await listed() })).status).toBe(200);
}, HEAVY.timeout);

describe("a story that would make a feed page too large for KV", HEAVY, () => {
  beforeEach(async () => {
    await api("PUT", "/site", SITE_INPUT);
    for (const first of [1, 7]) {
      const articles = Array.from({ length: first === 1 ? 6 : 5 }, (_, i) => longStory(first + i));
      expect((await api("POST", "/articles", { articles })).status).toBe(200);
    }
  }, HEAVY.timeout);

  it("is refused with the feed, its size and its largest stories, nothing of its batch written", async () => {
    const before = await status();
    const small = storyInput({ slug: "chhoti-khabar", tags: [TAG] });
    const answer = await api("POST", "/articles", { articles: [small, longStory(12)] });
    expect(answer.status).toBe(422);
    const { problems } = (await answer.json()) as { problems: string[] };
    const tagProblem = problems.find((line) => line.includes(`"${TAG} — पत्रिका"`));
    expect(tagProblem).toMatch(
      /^articles\[1\]\.body: a page of the feed "लंबी ख़बर — पत्रिका" could hold its 13 largest articles and take 20\.\d+ MiB, over the limit of 20 MiB \(Workers KV takes at most 25 MiB\): /,
    );
    expect(tagProblem).toContain("lambi-khabar-12 (1.");
    expect(tagProblem).toContain("and 8 more; shorten the largest articles");
    expect(problems.some((line) => line.startsWith('articles[1].body: a page of the feed "पत्रिका"'))).toBe(true);
    expect((await status()).revision).toEqual(before.revision);
    expect(await listed()).not.toContain("chhoti-khabar");
  });

  it("is refused while it is held until its time, since it will enter the feeds then", async () => {
    const held = longStory(12, { published: "2099-01-01T06:00:00+05:30" });
    const answer = await api("PUT", "/articles/lambi-khabar-12", held);
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { problems: string[] }).problems[0]).toMatch(/^body: a page of the feed /);
    expect(await listed()).not.toContain("lambi-khabar-12");
  });

  it("takes a change that lowers a bound already over the limit, so that such storage can be mended", async () => {
    // Storage the writer filled before it checked pages: two more long stories, put unchecked.
    await runInDurableObject(writer(), async (instance: PublicationWriter, state) => {
      const found = new Catalogue(state.storage.sql).article("lambi-khabar-1");
      const copies = [12, 13].map((n) => ({
        ...(found?.article as Article),
        slug: `lambi-khabar-${n}`,
        id: `tag:patrika.example,2019:${n}`,
      }));
      await instance.putArticles(copies, "test");
    });
    // Twelve long stories still make too large a page, but a smaller one than thirteen.
    const shorter = { ...longStory(3), body_html: "<p>छोटी की गई ख़बर।</p>" };
    expect((await api("PUT", "/articles/lambi-khabar-3", shorter)).status).toBe(200);
    expect((await api("PUT", "/articles/lambi-khabar-14", longStory(14))).status).toBe(422);
  });

  it("leaves room for a story of ordinary size, and for one of the long ones edited shorter", async () => {
    const small = storyInput({ slug: "chhoti-khabar", tags: [TAG] });
    expect((await api("PUT", "/articles/chhoti-khabar", small)).status).toBe(200);
    const shorter = { ...longStory(3), body_html: "<p>छोटी की गई ख़बर।</p>" };
    expect((await api("PUT", "/articles/lambi-khabar-3", shorter)).status).toBe(200);
    expect((await api("PUT", "/articles/lambi-khabar-12", longStory(12))).status).toBe(200);
    await drain();
    const feed = (await (await request(`/tags/${encodeURIComponent(TAG)}/feed.json`)).json()) as { items: unknown[] };
    expect(feed.items).toHaveLength(13);
  });
});

describe("site settings that would let a feed page grow too large for KV", HEAVY, () => {
  it("are refused at items_per_feed, the feeds left as they were", async () => {
    await api("PUT", "/site", SITE_INPUT);
    // Sixty stories of 0.35 MiB: the fifty of an archive page fit 20 MiB, sixty do not.
    const html = `<p>${"समाचार ".repeat(19_000)}</p>`;
    for (const first of [1, 31]) {
      const articles = Array.from({ length: 30 }, (_, i) => ({ ...longStory(first + i), body_html: html }));
      expect((await api("POST", "/articles", { articles })).status).toBe(200);
    }
    const answer = await api("PUT", "/site", { ...SITE_INPUT, items_per_feed: 60 });
    expect(answer.status).toBe(422);
    const { problems } = (await answer.json()) as { problems: string[] };
    expect(problems).toContainEqual(
      expect.stringMatching(/^site\.items_per_feed: a page of the feed "पत्रिका" could hold its 60 largest articles /),
    );
    expect(problems.at(-1)).toMatch(/shorten the largest articles or lower items_per_feed$/);
    await drain();
    const feed = (await (await request("/feed.json")).json()) as { items: unknown[] };
    expect(feed.items).toHaveLength(50);
  });
});
