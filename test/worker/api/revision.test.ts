import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WriterStatus } from "../../../src/write/writer/status.ts";
import { drain, writer } from "../writer/writer-helpers.ts";
import { api, pngHeader, SITE_INPUT, siteOnDrivenClock, storyInput } from "./api-helpers.ts";

const SLUGS = ["sansad-vidheyak", "doosri", "teesri"];
const NAME = "0123456789abcdef01234567-640x480.png";
const PNG = pngHeader(640, 480);

async function revision(): Promise<WriterStatus["revision"]> {
  return ((await (await api("GET", "/status")).json()) as WriterStatus).revision;
}

// The status codes of `calls`, and by how much the revision grew meanwhile.
async function counted(...calls: (() => Promise<Response>)[]): Promise<{ statuses: number[]; grew: number }> {
  const before = await revision();
  const statuses = [];
  for (const call of calls) statuses.push((await call()).status);
  const after = await revision();
  expect(after.store).toBe(before.store);
  return { statuses, grew: after.number - before.number };
}

describe("the writer's revision", () => {
  beforeEach(async () => {
    await siteOnDrivenClock();
  });
  afterEach(async () => {
    await api("POST", "/articles", { delete: SLUGS });
    await drain();
    vi.setSystemTime(Date.now() + 60_000);
    await runDurableObjectAlarm(writer());
    vi.useRealTimers();
  });

  it("grows by one for each call that succeeds, a file already held and a batch of two included", async () => {
    const image = { alt: "संसद भवन", large: NAME, small: NAME };
    expect(
      await counted(
        () => api("PUT", `/media/${NAME}`, PNG),
        () => api("PUT", `/media/${NAME}`, PNG),
        () => api("PUT", "/site", SITE_INPUT),
        () => api("PUT", "/articles/sansad-vidheyak", storyInput({ image })),
        () => api("POST", "/articles", { articles: SLUGS.slice(1).map((slug) => ({ ...storyInput(), slug })) }),
      ),
    ).toEqual({ statuses: [201, 200, 200, 200, 200], grew: 5 });
  });

  it("does not grow for a refusal, a file still named, or a read", async () => {
    const image = { alt: "संसद भवन", large: NAME, small: NAME };
    await api("PUT", `/media/${NAME}`, PNG);
    await api("PUT", "/articles/sansad-vidheyak", storyInput({ image }));
    expect(
      await counted(
        () => api("PUT", "/articles/sansad-vidheyak", storyInput({ title: "" })),
        () => api("DELETE", `/media/${NAME}`),
        () => api("GET", "/articles"),
        () => api("GET", "/media"),
      ),
    ).toEqual({ statuses: [422, 409, 200, 200], grew: 0 });
  });

  it("grows when the alarm deletes a taken-down story's media, a change no client made", async () => {
    const image = { alt: "संसद भवन", large: NAME, small: NAME };
    await api("PUT", `/media/${NAME}`, PNG);
    await api("PUT", "/articles/sansad-vidheyak", storyInput({ image }));
    const before = await revision();
    await api("DELETE", "/articles/sansad-vidheyak");
    await drain();
    vi.setSystemTime(Date.now() + 60_000);
    await runDurableObjectAlarm(writer());
    expect((await api("GET", "/media")).status).toBe(200);
    expect((await revision()).number - before.number).toBe(2);
  });

  it("names each change, so that storage restored to an earlier point and changed as often again shows another revision", async () => {
    await api("PUT", "/articles/sansad-vidheyak", storyInput());
    const restorePoint = await revision();
    await api("PUT", "/articles/doosri", storyInput());
    const recorded = await revision();
    // Point-in-time recovery brings back the storage as it was then, its name and count included.
    await runInDurableObject(writer(), async (_, state) => {
      state.storage.sql.exec("UPDATE setting SET value = ? WHERE name = 'revision'", JSON.stringify(restorePoint));
    });
    await api("PUT", "/articles/teesri", storyInput());
    const after = await revision();
    expect([after.store, after.number]).toEqual([recorded.store, recorded.number]);
    expect(after.change).not.toBe(recorded.change);
  });
});
