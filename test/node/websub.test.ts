import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import {
  copyContent,
  freshPublishWithTombstones,
  readLocalKv,
  readLocalState,
  runPublish,
  tempDir,
} from "./helpers.ts";
import { startHubStub } from "./hub-stub.ts";

let dir: Awaited<ReturnType<typeof tempDir>>;
let hub: Awaited<ReturnType<typeof startHubStub>>;
let content: string;

beforeEach(async () => {
  dir = await tempDir();
  hub = await startHubStub();
  content = await copyContent(dir.path);
  const site = join(content, "site.yaml");
  await writeFile(site, `${await readFile(site, "utf8")}websub_hub: ${hub.url}\n`);
});
afterEach(async () => {
  await hub.close();
  await dir.cleanup();
});

const publish = () =>
  runPublish([
    "--local",
    "--persist-to",
    join(dir.path, "state"),
    "--content",
    content,
    "--base-url",
    "http://localhost:8787",
  ]);
const base = "http://localhost:8787";
const formats = (folder: string) => ["rss.xml", "atom.xml", "feed.json"].map((file) => `${base}${folder}/${file}`);

it("notifies the hub of every feed URL whose content changed, and of nothing when none did", async () => {
  const first = await publish();
  expect(first.code).toBe(0);
  expect(first.stdout).toContain("Notified the WebSub hub");
  const tags = ["व्हाट्सएप", "पेगासस", "जासूसी", "NSO ग्रुप", "निजता", "साइबर सुरक्षा"];
  const expected = [
    "",
    ...tags.map((t) => `/tags/${encodeURIComponent(t)}`),
    "/authors/digital-desk",
    "/sections/tech",
  ].flatMap(formats);
  expect(hub.notified.flat().sort()).toEqual(expected.sort());

  hub.notified.length = 0;
  expect((await publish()).code).toBe(0);
  expect(hub.notified).toEqual([]);

  const article = join(content, "articles/whatsapp-pegasus-spying-action.md");
  await writeFile(article, (await readFile(article, "utf8")).replace("  - साइबर सुरक्षा\n", ""));
  expect((await publish()).code).toBe(0);
  const changed = hub.notified.flat();
  expect(changed).toEqual(expect.arrayContaining(formats("")));
  expect(changed.some((url) => url.includes(encodeURIComponent("साइबर सुरक्षा")))).toBe(false);
  expect(changed).toHaveLength(3 * 8);
});

it("says so, exits 3 and announces again next time when the hub refuses; the content is still published", async () => {
  hub.refuse = true;
  const result = await publish();
  expect(result.code).toBe(3);
  expect(result.stdout).toMatch(/27 key\(s\) written/);
  expect(result.stderr).toContain("Content is published, but notifying the WebSub hub failed: the hub");
  expect(hub.notified).toEqual([]);

  hub.refuse = false;
  const retry = await publish();
  expect(retry.code).toBe(0);
  expect(hub.notified.flat()).toHaveLength(3 * 9);
  expect(retry.stdout).toContain("Announced again 9 feed(s) an earlier publish wrote but could not announce.");
  expect((await publish()).stdout).toMatch(/ 0 key\(s\) written, 0 deleted/);
});

it("removes a story pulled while the hub was down, and announces what the refused publish wrote", async () => {
  const state = join(dir.path, "state");
  expect((await publish()).code).toBe(0);
  hub.refuse = true;
  const story = join(content, "articles/pulled-story.md");
  const source = await readFile(join(content, "articles/whatsapp-pegasus-spying-action.md"), "utf8");
  await writeFile(
    story,
    source
      .replace("published: 2019-11-01T19:18:00+05:30", "published: 2019-11-02T10:00:00+05:30")
      .replace(/tags:\n(?: {2}- .*\n)+/, "tags:\n  - निजता\n  - वापस ली गई ख़बर\n"),
  );
  expect((await publish()).code).toBe(3);
  expect((await readLocalKv(state)).has("article:pulled-story")).toBe(true);

  await rm(story);
  hub.refuse = false;
  hub.notified.length = 0;
  const retry = await publish();
  expect(retry.code).toBe(0);
  expect(hub.notified.flat().sort()).toEqual(
    [
      ...formats(""),
      ...formats(`/tags/${encodeURIComponent("निजता")}`),
      ...formats("/authors/digital-desk"),
      ...formats("/sections/tech"),
    ].sort(),
  );
  const stored = await readLocalState(state);
  expect(JSON.parse(stored.kv.get("article:pulled-story")?.value ?? "{}")).toHaveProperty("gone");
  expect(stored).toEqual(await freshPublishWithTombstones(content, stored, ["--base-url", base]));
});
