import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearKv, request } from "../helpers.ts";
import { drain, writer } from "../writer/writer-helpers.ts";
import { api, pngHeader, SITE_INPUT, siteOnDrivenClock, storyInput } from "./api-helpers.ts";

const SLUGS = ["sansad-vidheyak", "doosri", "teesri", "nayi-jagah"];
const OWN = "0123456789abcdef01234567-640x480.png";
const SHARED = "76543210fedcba9876543210-800x600.png";

// The header of a PNG of the size its media name says.
function png(name: string): Uint8Array {
  const [width, height] = (/-(\d+)x(\d+)\./.exec(name) ?? []).slice(1).map(Number) as [number, number];
  return pngHeader(width, height);
}

function image(name: string) {
  return { alt: "संसद भवन", large: name, small: name };
}

// Moves the clock past the grace a taken-down story's media get, and runs the writer's alarm.
async function afterGrace(): Promise<void> {
  vi.setSystemTime(Date.now() + 60_000);
  await runDurableObjectAlarm(writer());
}

describe("the media of a story taken down", () => {
  beforeEach(async () => {
    await siteOnDrivenClock();
    for (const name of [OWN, SHARED]) expect((await api("PUT", `/media/${name}`, png(name))).ok).toBe(true);
  });
  afterEach(async () => {
    await api("POST", "/articles", { delete: SLUGS });
    await drain();
    await afterGrace();
    vi.useRealTimers();
  });

  it("are deleted from R2 once KV no longer names them, but not a file another story still names", async () => {
    const puts = [
      await api("PUT", `/articles/${SLUGS[0]}`, storyInput({ image: image(OWN) })),
      await api("PUT", "/articles/doosri", storyInput({ image: image(SHARED) })),
      await api("PUT", "/articles/teesri", storyInput({ image: image(SHARED) })),
    ];
    expect(puts.map((r) => r.status)).toEqual([200, 200, 200]);
    await drain();
    expect((await request(`/media/${OWN}`)).status).toBe(200);

    expect((await api("DELETE", `/articles/${SLUGS[0]}`)).status).toBe(200);
    expect((await api("PUT", "/articles/doosri", storyInput({ withdrawn: "भूल" }))).status).toBe(200);
    await drain();
    expect(await env.MEDIA.head(OWN)).not.toBeNull();
    await afterGrace();
    expect(await env.MEDIA.head(OWN)).toBeNull();
    expect((await request(`/media/${OWN}`)).status).toBe(404);
    expect(await env.MEDIA.head(SHARED)).not.toBeNull();
    expect((await api("DELETE", `/media/${SHARED}`)).status).toBe(409);
    expect((await api("DELETE", "/articles/teesri")).status).toBe(200);
    await afterGrace();
    expect(await env.MEDIA.head(SHARED)).toBeNull();
  });

  it("stay for a later batch of the same publish that names them again (a story moved to another slug)", async () => {
    await api("PUT", `/articles/${SLUGS[0]}`, storyInput({ image: image(OWN) }));
    await drain();
    expect((await api("POST", "/articles", { delete: [SLUGS[0]] })).status).toBe(200);
    expect((await api("PUT", "/articles/nayi-jagah", storyInput({ image: image(OWN) }))).status).toBe(200);
    await drain();
    await afterGrace();
    expect((await request(`/media/${OWN}`)).status).toBe(200);
  });
});

describe("DELETE /api/v1/media/{name}", () => {
  beforeEach(async () => {
    await clearKv();
    await api("PUT", "/site", SITE_INPUT);
  });

  it("refuses what is not a media name with 422, leaving the bucket as it is", async () => {
    await env.MEDIA.put("notes.txt", "not a rendition");
    for (const name of ["notes.txt", "%25", "0123456789abcdef0123456_-640x480.png"]) {
      const res = await api("DELETE", `/media/${name}`);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { problems: string[] }).problems[0]).toMatch(/is not a media name/);
    }
    expect(await env.MEDIA.head("notes.txt")).not.toBeNull();
    await env.MEDIA.delete("notes.txt");
  });

  it("keeps a file that an article sent just before its deletion names", async () => {
    expect((await api("PUT", `/media/${OWN}`, png(OWN))).status).toBe(201);
    const [put, deleted] = await runInDurableObject(writer(), (instance) =>
      Promise.all([
        instance.ingest({ articles: [storyInput({ image: image(OWN) })], slug: SLUGS[0] }, "test"),
        instance.deleteMedia(OWN, "test"),
      ]),
    );
    expect(put).toHaveProperty("status");
    expect(deleted).toBe(false);
    expect((await request(`/media/${OWN}`)).status).toBe(200);
    await api("DELETE", `/articles/${SLUGS[0]}`);
  });
});
