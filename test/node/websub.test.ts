import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { type ContentCopy, contentCopy, publishCopy } from "./helpers.ts";
import { type HubStub, startHubStub } from "./hub-stub.ts";
import { serviceFor, TEST_TOKEN } from "./service.ts";

const base = "http://localhost:8787";
const formats = (folder: string) => ["rss.xml", "atom.xml", "feed.json"].map((file) => `${base}${folder}/${file}`);
const tag = (name: string) => `/tags/${encodeURIComponent(name)}`;
const PENDING_LINE = "The WebSub hub has not accepted the announcement of";

let hub: HubStub;
let copy: ContentCopy;

beforeEach(async ({ onTestFinished }) => {
  hub = await startHubStub();
  copy = await contentCopy(onTestFinished);
  const site = join(copy.content, "site.yaml");
  await writeFile(site, `${await readFile(site, "utf8")}websub_hub: ${hub.url}\n`);
});
afterEach(() => hub.close());

const publish = () => publishCopy(copy, "--base-url", base);
const told = () => hub.notified.flat().sort();

// The writer's status, as the ingest API gives it to a client.
async function status(): Promise<{ pending: number; announcing: number }> {
  const res = await fetch(`${await serviceFor(copy.persist)}/api/v1/status`, {
    headers: { Authorization: `Bearer ${TEST_TOKEN}` },
  });
  return res.json();
}

it("announces every feed URL whose content changed, and nothing when none did", async () => {
  const first = await publish();
  expect(first.code).toBe(0);
  expect(first.stderr).not.toContain(PENDING_LINE);
  const tags = ["व्हाट्सएप", "पेगासस", "जासूसी", "NSO ग्रुप", "निजता", "साइबर सुरक्षा"];
  const feeds = ["", ...tags.map(tag), "/authors/digital-desk", "/sections/tech"];
  expect([...new Set(told())].sort()).toEqual(feeds.flatMap(formats).sort());

  hub.notified.length = 0;
  expect((await publish()).code).toBe(0);
  expect(hub.notified).toEqual([]);

  const article = join(copy.content, "articles/whatsapp-pegasus-spying-action.md");
  await writeFile(article, (await readFile(article, "utf8")).replace("  - साइबर सुरक्षा\n", ""));
  expect((await publish()).code).toBe(0);
  const changed = feeds.filter((feed) => feed !== tag("साइबर सुरक्षा"));
  expect([...new Set(told())].sort()).toEqual(changed.flatMap(formats).sort());
  expect((await status()).announcing).toBe(0);
});

it("publishes while the hub refuses, keeps the announcement, backs off, and delivers it once the hub recovers", async () => {
  hub.refuse = true;
  const result = await publish();
  expect(result.code).toBe(0);
  expect(result.stderr).toContain(`${PENDING_LINE} 27 feed URL(s) yet; the service tries again.`);
  const origin = await serviceFor(copy.persist);
  expect(await (await fetch(`${origin}/rss.xml`)).text()).toContain("/articles/whatsapp-pegasus-spying-action");
  expect(await status()).toMatchObject({ pending: 0, announcing: 27 });

  const refusedBefore = hub.refused;
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(hub.refused - refusedBefore).toBeLessThan(8);
  expect(hub.notified).toEqual([]);

  hub.refuse = false;
  await vi.waitFor(() => expect(hub.notified).not.toEqual([]), { timeout: 15_000, interval: 100 });
  expect(told()).toHaveLength(27);
  expect(new Set(told()).size).toBe(27);
  expect(await status()).toMatchObject({ announcing: 0 });
  const again = await publish();
  expect(again.stdout).toMatch(/ 0 key\(s\) written, 0 deleted/);
  expect(again.stderr).not.toContain(PENDING_LINE);
});

it("announces once each feed two refused publishes changed, a story pulled meanwhile included", async () => {
  expect((await publish()).code).toBe(0);
  hub.refuse = true;
  hub.notified.length = 0;
  const story = join(copy.content, "articles/pulled-story.md");
  const source = await readFile(join(copy.content, "articles/whatsapp-pegasus-spying-action.md"), "utf8");
  await writeFile(
    story,
    source
      .replace("published: 2019-11-01T19:18:00+05:30", "published: 2019-11-02T10:00:00+05:30")
      .replace(/tags:\n(?: {2}- .*\n)+/, "tags:\n  - निजता\n  - वापस ली गई ख़बर\n"),
  );
  expect((await publish()).code).toBe(0);
  await rm(story);
  expect((await publish()).code).toBe(0);
  const origin = await serviceFor(copy.persist);
  expect((await fetch(`${origin}/articles/pulled-story`)).status).toBe(410);
  const feeds = ["", tag("निजता"), tag("वापस ली गई ख़बर"), "/authors/digital-desk", "/sections/tech"];
  expect((await status()).announcing).toBe(feeds.length * 3);

  hub.refuse = false;
  await vi.waitFor(() => expect(hub.notified).not.toEqual([]), { timeout: 15_000, interval: 100 });
  expect(told()).toEqual(feeds.flatMap(formats).sort());
});
