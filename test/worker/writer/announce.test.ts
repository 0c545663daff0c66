import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { api, SITE_INPUT, storyInput } from "../api/api-helpers.ts";
import { drain, writer } from "./writer-helpers.ts";

const HUB = "https://hub.example/websub";
// A day from now in real time, so that the writer's real alarm never fires by itself during the test.
const START = Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000;
// ANNOUNCE_RETRY_MS of wrangler.toml, which the worker tests keep.
const RETRY_MS = 30_000;

const hub = {
  refuse: true,
  refused: 0,
  told: [] as string[],
  during: undefined as (() => Promise<unknown>) | undefined,
};

beforeEach(() => {
  Object.assign(hub, { refuse: true, refused: 0, told: [], during: undefined });
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START);
  const real = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input, init);
    if (req.url !== HUB) return real(input, init);
    const form = await req.formData();
    if (hub.refuse || form.get("hub.mode") !== "publish") {
      hub.refused++;
      return new Response(null, { status: 503 });
    }
    await hub.during?.();
    hub.told.push(...form.getAll("hub.url").map(String));
    return new Response(null, { status: 204 });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const alarmAt = () => runInDurableObject(writer(), (_, state) => state.storage.getAlarm());
const feedUrls = (...folders: string[]) =>
  folders.flatMap((folder) =>
    ["rss.xml", "atom.xml", "feed.json"].map((file) => `${SITE_INPUT.base_url}${folder}/${file}`),
  );

it("keeps each URL a refusing hub was not told once, tries again only when its doubling wait is over, and delivers them when it accepts", async () => {
  await api("PUT", "/site", { ...SITE_INPUT, websub_hub: HUB });
  await api("PUT", "/articles/pehli", storyInput({ tags: ["संसद"] }));
  await drain();
  expect(hub.refused).toBe(0);
  expect(await alarmAt()).toBe(START);
  await runDurableObjectAlarm(writer());
  expect(hub.refused).toBe(1);
  const first = (await writer().status()).announcing;
  expect(first).toBeGreaterThan(0);

  await api("PUT", "/articles/doosri", storyInput({ title: "दूसरी ख़बर", tags: ["संसद", "निजता"] }));
  await drain();
  expect((await writer().status()).announcing).toBe(first + 3);
  expect(await alarmAt()).toBe(START + RETRY_MS);

  await runDurableObjectAlarm(writer());
  expect(hub.refused).toBe(1);

  vi.setSystemTime(START + RETRY_MS);
  await runDurableObjectAlarm(writer());
  expect(hub.refused).toBe(2);
  expect(await alarmAt()).toBe(START + 3 * RETRY_MS);

  hub.refuse = false;
  vi.setSystemTime(START + 3 * RETRY_MS);
  await runDurableObjectAlarm(writer());
  expect(hub.told.sort()).toEqual(feedUrls("", tagFolder("संसद"), tagFolder("निजता")).sort());
  expect((await writer().status()).announcing).toBe(0);
  expect(await alarmAt()).toBeNull();
});

it("announces again a feed written while the hub was being told about it", async () => {
  hub.refuse = false;
  await api("PUT", "/site", { ...SITE_INPUT, websub_hub: HUB });
  await api("PUT", "/articles/teesri", storyInput({ tags: ["खेल"] }));
  await drain();
  await runDurableObjectAlarm(writer());
  hub.during = async () => {
    hub.during = undefined;
    await api("PUT", "/articles/chauthi", storyInput({ title: "चौथी ख़बर", tags: ["खेल"] }));
  };
  await api("PUT", "/articles/teesri", storyInput({ title: "तीसरी ख़बर, बदली", tags: ["खेल"] }));
  await drain();
  await runDurableObjectAlarm(writer());
  hub.told.length = 0;

  await runDurableObjectAlarm(writer());
  expect(hub.told.sort()).toEqual(feedUrls("", tagFolder("खेल")).sort());
  expect((await writer().status()).announcing).toBe(0);
});

it("names at most a thousand feed URLs in one attempt at the hub, and comes back at once for the rest", async () => {
  hub.refuse = false;
  await api("PUT", "/site", { ...SITE_INPUT, websub_hub: HUB });
  const urls = Array.from({ length: 1500 }, (_, n) => `${SITE_INPUT.base_url}/tags/t${n}/rss.xml`);
  await runInDurableObject(writer(), async (_, state) => {
    for (const url of urls) state.storage.sql.exec("INSERT INTO announce (url, seq) VALUES (?, 1)", url);
    await state.storage.setAlarm(Date.now());
  });

  await runDurableObjectAlarm(writer());
  expect(hub.told).toHaveLength(1000);
  expect(await alarmAt()).toBe(START);
  await runDurableObjectAlarm(writer());
  expect(hub.told.sort()).toEqual(urls.sort());
});

function tagFolder(tag: string): string {
  return `/tags/${encodeURIComponent(tag)}`;
}
