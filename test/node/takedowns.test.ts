import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Unstable_DevWorker, unstable_dev } from "wrangler";
import {
  type ContentCopy,
  copyContent,
  freshPublishWithTombstones,
  publishCopy,
  readLocalState,
  type State,
  shortStory,
  tempDir,
} from "./helpers.ts";

const SEED = "whatsapp-pegasus-spying-action";
const REASON = "अदालत के आदेश पर हटाई गई";

let dir: Awaited<ReturnType<typeof tempDir>>;
let copy: ContentCopy;
let before: State;
let after: State;
let takedown: Awaited<ReturnType<typeof publishCopy>>;
let republish: Awaited<ReturnType<typeof publishCopy>>;
let worker: Unstable_DevWorker;

// Publishes the seed article and two short stories, then deletes one story's file and withdraws
// the seed article, publishes again and once more unchanged, and serves the result.
beforeAll(async () => {
  dir = await tempDir();
  copy = { content: await copyContent(dir.path), persist: join(dir.path, "state") };
  const articles = join(copy.content, "articles");
  await writeFile(join(articles, "kept.md"), shortStory("बनी रहने वाली ख़बर"));
  await writeFile(join(articles, "short-lived.md"), shortStory("थोड़ी देर की ख़बर"));
  expect((await publishCopy(copy)).code).toBe(0);
  before = await readLocalState(copy.persist);
  await rm(join(articles, "short-lived.md"));
  const seed = join(articles, `${SEED}.md`);
  await writeFile(seed, (await readFile(seed, "utf8")).replace("\n---\n", `\nwithdrawn: ${REASON}\n---\n`));
  takedown = await publishCopy(copy);
  republish = await publishCopy(copy);
  after = await readLocalState(copy.persist);
  worker = await unstable_dev("src/index.ts", {
    config: "wrangler.toml",
    persistTo: copy.persist,
    ip: "127.0.0.1",
    logLevel: "warn",
    experimental: { disableExperimentalWarning: true },
  });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await dir?.cleanup();
});

const leadFiles = (state: State) => {
  const { article } = JSON.parse(state.kv.get(`article:${SEED}`)?.value ?? "{}");
  return [article.image.large.url, article.image.small.url].map((url: string) => url.split("/").at(-1) as string);
};

describe("taking stories down through the publish command", () => {
  it("writes tombstones instead of deleting, ends as a fresh publish with them, and a republish sends and writes nothing", async () => {
    expect([takedown.code, takedown.stderr]).toEqual([0, ""]);
    expect(takedown.stdout).toMatch(
      /: 1 article\(s\) \(\d+ file\(s\) read, \d+ known unchanged\); 1 sent, 1 deleted, 1 unchanged; 0 media file\(s\) uploaded, 2 deleted,/,
    );
    expect(republish.stdout).toMatch(
      /: 1 article\(s\) \(\d+ file\(s\) read, \d+ known unchanged\); 0 sent, 0 deleted, 2 unchanged; 0 media file\(s\) uploaded, 0 deleted, \d+ unchanged; 0 key\(s\) written, 0 deleted;/,
    );
    expect(after).toEqual(await freshPublishWithTombstones(copy.content, after));
    expect(JSON.parse(after.kv.get("article:short-lived")?.value ?? "").gone).toEqual({});
    expect(JSON.parse(after.kv.get(`article:${SEED}`)?.value ?? "").gone).toEqual({ reason: REASON });
  });

  it("deletes the withdrawn story's lead image renditions from R2, and /media answers 404 for them", async () => {
    const files = leadFiles(before);
    for (const name of files) expect(before.media.has(name)).toBe(true);
    for (const name of files) expect(after.media.has(name)).toBe(false);
    for (const name of files) expect((await worker.fetch(`/media/${name}`)).status).toBe(404);
  });

  it("answers 410 with the notice for a deleted file, and with the reason for a withdrawn one", async () => {
    const text = async (path: string) => {
      const res = await worker.fetch(path);
      const body = new DOMParser().parseFromString(await res.text(), "text/html");
      return { status: res.status, main: body.getElementsByTagName("main")[0]?.textContent ?? "" };
    };
    const deleted = await text("/articles/short-lived");
    expect(deleted.status).toBe(410);
    expect(deleted.main).toContain("यह ख़बर हटा दी गई है");
    expect(deleted.main).not.toContain("थोड़ी देर की ख़बर");
    const withdrawn = await text(`/articles/${SEED}`);
    expect(withdrawn.status).toBe(410);
    expect(withdrawn.main).toContain(`कारण / Reason: ${REASON}`);
    expect((await text("/articles/kept")).status).toBe(200);
    expect((await worker.fetch("/articles/never-published")).status).toBe(404);
  });

  it("lists the withdrawn story in no feed", async () => {
    const rss = await (await worker.fetch("/rss.xml")).text();
    const links = [...new DOMParser().parseFromString(rss, "application/xml").getElementsByTagName("link")].map(
      (l) => l.textContent,
    );
    expect(links.filter((l) => l?.includes("/articles/"))).toEqual([expect.stringMatching(/\/articles\/kept$/)]);
  });
});
