import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { PublicationWriter } from "../../../src/write/writer/writer.ts";
import { api, pngHeader, SITE_INPUT, storyInput } from "../api/api-helpers.ts";
import { clearKv } from "../helpers.ts";
import { drain, writer } from "./writer-helpers.ts";

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
});
