import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { PublicationWriter } from "../../../src/write/writer/writer.ts";
import { api, pngHeader, SITE_INPUT, storyInput } from "../api/api-helpers.ts";
import { clearKv, parseXml, request } from "../helpers.ts";
import { drain, writer } from "./writer-helpers.ts";

const NEWS = "http://www.google.com/schemas/sitemap-news/0.9";
const IMAGE = "http://www.google.com/schemas/sitemap-image/1.1";

const SLUG = "sansad-vidheyak";
const MEDIA = "0123456789abcdef01234567-640x480.png";

async function listedSlugs(): Promise<string[]> {
  const listing = (await (await api("GET", "/articles")).json()) as { articles: { slug: string }[] };
  return listing.articles.map((a) => a.slug);
}

describe("a writer whose storage an earlier version made", () => {
  beforeEach(async () => {
    await clearKv();
    await api("PUT", "/site", SITE_INPUT);
    await api("PUT", `/media/${MEDIA}`, pngHeader(640, 480));
    expect((await api("PUT", `/articles/${SLUG}`, storyInput({ image: { alt: "संसद", large: MEDIA } }))).status).toBe(
      200,
    );
    await drain();
  });

  it("adds the input column to a gone table without it, then lists and withdraws stories", async () => {
    await runInDurableObject(writer(), async (_, state) => {
      state.storage.sql.exec(
        "DROP TABLE gone; CREATE TABLE gone (slug TEXT PRIMARY KEY, reason TEXT); INSERT INTO gone VALUES ('purani', 'भूल')",
      );
      const restarted = new PublicationWriter(state, env);
      expect(restarted.listArticles("", 10).map((a) => a.slug)).toEqual([SLUG]);
    });
    expect((await api("PUT", `/articles/${SLUG}`, storyInput({ withdrawn: "भूल" }))).status).toBe(200);
    expect(await listedSlugs()).toEqual([SLUG]);
  });

  it("learns which media files the articles it already holds name", async () => {
    await runInDurableObject(writer(), async (_, state) => {
      state.storage.sql.exec("DROP TABLE media_ref");
      const restarted = new PublicationWriter(state, env);
      expect(await restarted.deleteMedia(MEDIA, "test")).toBe(false);
    });
    expect(await env.MEDIA.head(MEDIA)).not.toBeNull();
  });

  it("fills the news sitemap's fields of the articles it holds, and shows them", async () => {
    await runInDurableObject(writer(), async (_, state) => {
      state.storage.sql.exec(
        "DROP INDEX article_news; ALTER TABLE article DROP COLUMN news; CREATE INDEX article_rank ON article (rank)",
      );
      new PublicationWriter(state, env);
      const indexes = state.storage.sql.exec<{ name: string }>("PRAGMA index_list(article)").toArray();
      expect(indexes.map((i) => i.name)).toContain("article_news");
      expect(indexes.map((i) => i.name)).not.toContain("article_rank");
    });
    expect((await api("PUT", "/articles/doosri-khabar", storyInput({ title: "दूसरी ख़बर" }))).status).toBe(200);
    await drain();
    const first = storyInput({}) as { title: string; published: string };
    // The news sitemap lists the stories of the last two days.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse(first.published) + 3_600_000);
    const text = await (await request("/news-sitemap.xml").finally(() => vi.useRealTimers())).text();
    const sitemap = parseXml(text);
    const shown = Array.from(sitemap.getElementsByTagNameNS(NEWS, "news"), (news) => ({
      title: news.getElementsByTagNameNS(NEWS, "title")[0]?.textContent,
      published: news.getElementsByTagNameNS(NEWS, "publication_date")[0]?.textContent,
    }));
    expect(shown).toContainEqual({ title: first.title, published: first.published });
    expect(shown).toContainEqual(expect.objectContaining({ title: "दूसरी ख़बर" }));
    expect(sitemap.getElementsByTagNameNS(IMAGE, "loc")[0]?.textContent).toContain(MEDIA);
  });

  it("fills in what each article adds to its feeds' pages, as a story put now records it", async () => {
    const emoji = storyInput({ title: "📰 अख़बार की ख़बर", tags: ["अख़बार"] });
    expect((await api("PUT", "/articles/akhbar", emoji)).status).toBe(200);
    await runInDurableObject(writer(), async (_, state) => {
      const sizes = () =>
        state.storage.sql
          .exec<{ feed: string; slug: string; bytes: number }>(
            "SELECT feed, slug, bytes FROM member ORDER BY feed, slug",
          )
          .toArray();
      const recorded = sizes();
      expect(recorded[0]?.bytes).toBeGreaterThan(500);
      state.storage.sql.exec("DROP INDEX member_bytes; ALTER TABLE member DROP COLUMN bytes");
      new PublicationWriter(state, env);
      expect(sizes()).toEqual(recorded);
      const indexes = state.storage.sql.exec<{ name: string }>("PRAGMA index_list(member)").toArray();
      expect(indexes.map((i) => i.name)).toContain("member_bytes");
    });
  });
});
