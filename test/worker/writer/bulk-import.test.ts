import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WriterStatus } from "../../../src/write/writer/status.ts";
import { api, siteOnDrivenClock, storyInput } from "../api/api-helpers.ts";
import { request } from "../helpers.ts";
import { drain, writer } from "./writer-helpers.ts";

const story = (n: number) => ({
  ...storyInput({ title: `ख़बर ${n}`, published: `2026-11-${String(1 + (n % 28)).padStart(2, "0")}T10:00:00+05:30` }),
  slug: `khabar-${n}`,
});

async function batch(from: number, count: number): Promise<WriterStatus> {
  const articles = Array.from({ length: count }, (_, i) => story(from + i));
  const res = await api("POST", "/articles", { articles });
  expect(res.status).toBe(200);
  return (await res.json()) as WriterStatus;
}

describe("a bulk import's batches", () => {
  beforeEach(async () => {
    await siteOnDrivenClock();
    await drain();
  });
  afterEach(async () => {
    await api("POST", "/articles", { delete: Array.from({ length: 300 }, (_, n) => `khabar-${n}`) });
    vi.setSystemTime(Date.now() + 2_000);
    await drain();
    vi.useRealTimers();
  });

  it("land before their keys are written, and each key is written once when batches stop coming", async () => {
    const before = (await writer().status()).totals.written;
    for (const from of [0, 100, 200]) expect((await batch(from, 100)).written).toBe(0);
    expect((await request("/articles/khabar-0")).status).toBe(404);
    expect(await runInDurableObject(writer(), (_, state) => state.storage.getAlarm())).toBeGreaterThan(Date.now());
    await runDurableObjectAlarm(writer());
    expect((await writer().status()).totals.written).toBe(before);

    vi.setSystemTime(Date.now() + 2_000);
    await drain();
    const written = (await writer().status()).totals.written - before;
    const keys = (await env.CONTENT.list({ limit: 1000 })).keys.length;
    expect(written).toBe(keys);
    expect((await request("/articles/khabar-250")).status).toBe(200);
  });

  it("do not hold back a small batch, which is written before its answer", async () => {
    const status = await batch(0, 3);
    expect(status.pending).toBe(0);
    expect((await request("/articles/khabar-2")).status).toBe(200);
  });
});
