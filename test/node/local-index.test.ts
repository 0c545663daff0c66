import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/lib/content/content.ts";
import { LocalIndex, sameRevision, stampOf } from "../../scripts/lib/content/local-index.ts";
import { type ContentCopy, contentCopy, publishCopy, runPublish, shortStory, tempDir } from "./helpers.ts";
import { serviceFor, TEST_TOKEN } from "./service.ts";

// Longer than the local index's wait before it trusts a file's stamp.
const SETTLED_MS = 3_200;

// What a publish said it read: "N file(s) read, M known unchanged", and what it sent.
async function published(copy: ContentCopy, ...extra: string[]): Promise<{ read: string; sent: string }> {
  const result = await publishCopy(copy, ...extra);
  expect(result.stderr).not.toMatch(/problem|failed/i);
  expect(result.code).toBe(0);
  return {
    read: /\d+ file\(s\) read, \d+ known unchanged/.exec(result.stdout)?.[0] ?? result.stdout,
    sent: /\d+ sent, \d+ deleted/.exec(result.stdout)?.[0] ?? result.stdout,
  };
}

async function feedTitles(copy: ContentCopy): Promise<string[]> {
  const feed = (await (await fetch(`${await serviceFor(copy.persist)}/feed.json`)).json()) as {
    items: { title: string; image?: string }[];
  };
  return feed.items.map((item) => item.title);
}

describe("the local index", () => {
  it("reads again only files changed since the last publish, an edit that restores the file's size and time included", async ({
    onTestFinished,
  }) => {
    const copy = await contentCopy(onTestFinished);
    const file = join(copy.content, "articles", "pehli.md");
    await writeFile(file, shortStory("पहली ख़बर"));
    await writeFile(join(copy.content, "articles", "doosri.md"), shortStory("दूसरी ख़बर"));
    await sleep(SETTLED_MS);
    expect(await published(copy)).toEqual({ read: "3 file(s) read, 0 known unchanged", sent: "3 sent, 0 deleted" });
    expect(await published(copy)).toEqual({ read: "0 file(s) read, 3 known unchanged", sent: "0 sent, 0 deleted" });

    const { size, atime, mtime } = await stat(file);
    await writeFile(file, shortStory("दूजी ख़बर"));
    await utimes(file, atime, mtime);
    expect((await stat(file)).size).toBe(size);
    expect(await published(copy)).toEqual({ read: "1 file(s) read, 2 known unchanged", sent: "1 sent, 0 deleted" });
    expect(await feedTitles(copy)).toContain("दूजी ख़बर");
    expect((await published(copy, "--full")).read).toBe("3 file(s) read, 0 known unchanged");
  });

  it("reads an unchanged article again when its image changed, and publishes the new image", async ({
    onTestFinished,
  }) => {
    const copy = await contentCopy(onTestFinished);
    const image = (r: number) =>
      sharp({ create: { width: 1200, height: 800, channels: 3, background: { r, g: 90, b: 40 } } })
        .jpeg()
        .toBuffer();
    const lead = "image:\n  src: media/2019/chitra.jpg\n  alt: एक चित्र\n  credit: पत्रिका\n";
    await writeFile(join(copy.content, "media", "2019", "chitra.jpg"), await image(10));
    await writeFile(join(copy.content, "articles", "chitra.md"), shortStory("चित्र वाली ख़बर", lead));
    await sleep(SETTLED_MS);
    await published(copy);
    const origin = await serviceFor(copy.persist);
    const imageOf = async () =>
      (
        (await (await fetch(`${origin}/feed.json`)).json()) as { items: { title: string; image?: string }[] }
      ).items.find((item) => item.title === "चित्र वाली ख़बर")?.image;
    const before = await imageOf();

    await writeFile(join(copy.content, "media", "2019", "chitra.jpg"), await image(200));
    expect((await published(copy)).read).toBe("1 file(s) read, 1 known unchanged");
    const after = await imageOf();
    expect(after).toMatch(/^http.*\/media\//);
    expect(after).not.toBe(before);
    const served = async (url: string | undefined) => (await fetch(`${origin}${new URL(url ?? "").pathname}`)).status;
    expect([await served(after), await served(before)]).toEqual([200, 404]);
  });

  it("asks the service what it holds when anything but the last publish changed it", async ({ onTestFinished }) => {
    const copy = await contentCopy(onTestFinished);
    await writeFile(join(copy.content, "articles", "pehli.md"), shortStory("पहली ख़बर"));
    await sleep(SETTLED_MS);
    await published(copy);
    expect((await published(copy)).sent).toBe("0 sent, 0 deleted");
    const origin = await serviceFor(copy.persist);
    const deleted = await fetch(`${origin}/api/v1/articles/pehli`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(deleted.status).toBe(200);
    expect(await feedTitles(copy)).not.toContain("पहली ख़बर");
    expect(await published(copy)).toEqual({ read: "0 file(s) read, 2 known unchanged", sent: "1 sent, 0 deleted" });
    expect(await feedTitles(copy)).toContain("पहली ख़बर");
  });

  it("remembers what each service held, however many names that is", async ({ onTestFinished }) => {
    const copy = await contentCopy(onTestFinished);
    const names = <T>(prefix: string, n: number, value: (i: number) => T): Map<string, T> =>
      new Map(Array.from({ length: n }, (_, i) => [`${prefix}-${i}`, value(i)]));
    const held = {
      store: "a-store",
      revision: 7,
      change: "a-change",
      articles: names("khabar", 2_345, (i) => i.toString(16).padStart(64, "0")),
      media: names("chitra", 1_001, (i) => i * 10),
    };
    const index = LocalIndex.open(copy.content, { fresh: true });
    index.setHeld("http://127.0.0.1:1", held);
    index.setHeld("http://127.0.0.1:2", { ...held, store: "another", articles: new Map(), media: new Map() });
    expect(index.close()).toBeUndefined();
    const again = LocalIndex.open(copy.content);
    expect(again.held("http://127.0.0.1:1")).toEqual(held);
    expect(again.held("http://127.0.0.1:2")).toEqual({
      ...held,
      store: "another",
      articles: new Map(),
      media: new Map(),
    });
    // A later revision, with names gone and changed, is written where it differs.
    const later = {
      ...held,
      revision: 9,
      articles: new Map([...held.articles].slice(0, 1_000).map(([slug, hash], i) => [slug, i < 10 ? "changed" : hash])),
      media: new Map([["chitra-new", 5]]),
    };
    again.setHeld("http://127.0.0.1:1", later);
    expect(again.close()).toBeUndefined();
    const last = LocalIndex.open(copy.content);
    expect(last.held("http://127.0.0.1:1")).toEqual(later);
    last.close();
  });

  it("lets one publish of a content folder at a time hold its index: another waits, and says so", async ({
    onTestFinished,
  }) => {
    const copy = await contentCopy(onTestFinished);
    const holder = LocalIndex.open(copy.content);
    const waiting = runPublish(["--check", "--content", copy.content]);
    await sleep(7_000);
    holder.close();
    const checked = await waiting;
    expect([checked.code, checked.stderr]).toEqual([
      0,
      "Another publish of this content folder is running; waiting for it to finish…\n",
    ]);
    expect(checked.stdout).toMatch(/^1 article\(s\) valid/);
  });

  it("tells a record of another revision of a service by its store, its count or its last change", () => {
    const held = { store: "a-store", revision: 7, change: "a-change" };
    expect(sameRevision(held, { ...held })).toBe(true);
    for (const other of [{ store: "restored" }, { revision: 8 }, { change: "after-a-restore" }]) {
      expect(sameRevision(held, { ...held, ...other })).toBe(false);
    }
  });

  it("does not remember a file changed in the last seconds, whose stamp may not tell a change made in the same tick", async ({
    onTestFinished,
  }) => {
    const copy = await contentCopy(onTestFinished);
    const file = join(copy.content, "articles", "pehli.md");
    await writeFile(file, shortStory("पहली ख़बर"));
    const stamp = stampOf(await stat(file));
    const known = async () => {
      const index = LocalIndex.open(copy.content);
      const loaded = await loadContent(copy.content, { index });
      expect(loaded.ok).toBe(true);
      expect(index.close()).toBeUndefined();
      const again = LocalIndex.open(copy.content);
      const remembered = again.article("pehli.md", stamp) !== undefined;
      again.close();
      return remembered;
    };
    expect(await known()).toBe(false);
    await sleep(SETTLED_MS);
    expect(await known()).toBe(true);
  });

  it("takes a file read again only for its recent stamp as known unchanged when it came to the same", async ({
    onTestFinished,
  }) => {
    const copy = await contentCopy(onTestFinished);
    await sleep(SETTLED_MS);
    const file = join(copy.content, "articles", "pehli.md");
    // A modification time ahead of the clock is never old enough to trust, however slow the machine.
    const write = async (title: string) => {
      await writeFile(file, shortStory(title));
      const later = new Date(Date.now() + 60_000);
      await utimes(file, later, later);
    };
    // Files read, and whether the checks across files may be skipped, after a load.
    const load = async () => {
      const index = LocalIndex.open(copy.content);
      const loaded = await loadContent(copy.content, { index });
      expect(index.close()).toBeUndefined();
      return { read: loaded.ok ? loaded.content.read : loaded.problems, allKnown: index.allKnown() };
    };
    await write("पहली ख़बर");
    expect(await load()).toEqual({ read: 2, allKnown: false });
    expect(await load()).toEqual({ read: 1, allKnown: true });
    await write("दूजी ख़बर");
    expect(await load()).toEqual({ read: 1, allKnown: false });
    // The index written then (the seed article's line copied as it was) is read back whole.
    expect(await load()).toEqual({ read: 1, allKnown: true });
  });

  it("checks across files again, after a load that failed them, though no file changed", async ({ onTestFinished }) => {
    const copy = await contentCopy(onTestFinished);
    const paragraph = `${"समाचार ".repeat(47_000)}\n\n`;
    for (let i = 1; i <= 13; i++) {
      await writeFile(
        join(copy.content, "articles", `long-${i}.md`),
        shortStory(`लंबी ख़बर ${i}`).replace("पाठ।", paragraph.repeat(2)),
      );
    }
    await sleep(SETTLED_MS);
    const problems = async () => {
      const index = LocalIndex.open(copy.content);
      const loaded = await loadContent(copy.content, { index });
      expect(index.close()).toBeUndefined();
      return loaded.ok ? [] : loaded.problems.filter((line) => line.includes("items_per_feed"));
    };
    const first = await problems();
    expect(first.length).toBeGreaterThan(0);
    expect(await problems()).toEqual(first);
  });

  it("checks a new file against the files it knows unchanged: the pages of their feeds, and their slugs", async ({
    onTestFinished,
  }) => {
    const copy = await contentCopy(onTestFinished);
    const paragraph = `${"समाचार ".repeat(47_000)}\n\n`;
    const long = (i: number) => shortStory(`लंबी ख़बर ${i}`).replace("पाठ।", paragraph.repeat(2));
    for (let i = 1; i <= 11; i++) await writeFile(join(copy.content, "articles", `long-${i}.md`), long(i));
    await sleep(SETTLED_MS);
    const load = async () => {
      const index = LocalIndex.open(copy.content);
      const loaded = await loadContent(copy.content, { index });
      expect(index.close()).toBeUndefined();
      return loaded.ok
        ? `${loaded.content.read} read`
        : loaded.problems.map((line) => line.replaceAll(copy.content, ""));
    };
    expect(await load()).toBe("12 read");
    expect(await load()).toBe("0 read");

    for (const i of [12, 13]) await writeFile(join(copy.content, "articles", `long-${i}.md`), long(i));
    // The main feed, the byline's and the tag's.
    expect(await load()).toEqual([
      expect.stringMatching(/^\/site\.yaml:items_per_feed: a page of the feed "पत्रिका" could hold its 14 largest/),
      expect.stringMatching(
        /^\/site\.yaml:items_per_feed: a page of the feed "डिजिटल डेस्क — पत्रिका" could hold its 14 largest/,
      ),
      expect.stringMatching(
        /^\/site\.yaml:items_per_feed: a page of the feed "मध्य प्रदेश — पत्रिका" could hold its 13 largest/,
      ),
    ]);
    for (const i of [12, 13]) await rm(join(copy.content, "articles", `long-${i}.md`));
    // A file before the one that has its slug, one after, and one before with a problem of its own.
    await writeFile(join(copy.content, "articles", "a-first.md"), shortStory("पहली", "slug: long-5\n"));
    await writeFile(
      join(copy.content, "articles", "b-broken.md"),
      shortStory("टूटी", "slug: long-3\n").replace(/^title: .*\n/m, ""),
    );
    await writeFile(join(copy.content, "articles", "z-last.md"), shortStory("आख़िरी", "slug: long-7\n"));
    expect(await load()).toEqual([
      "/articles/b-broken.md:title: is missing",
      '/articles/long-3.md:slug: "long-3" is already used by /articles/b-broken.md',
      '/articles/long-3.md:id: "tag:patrika.example,2019:articles/long-3" is already used by /articles/b-broken.md',
      '/articles/long-5.md:slug: "long-5" is already used by /articles/a-first.md',
      '/articles/long-5.md:id: "tag:patrika.example,2019:articles/long-5" is already used by /articles/a-first.md',
      '/articles/z-last.md:slug: "long-7" is already used by /articles/long-7.md',
      '/articles/z-last.md:id: "tag:patrika.example,2019:articles/long-7" is already used by /articles/long-7.md',
    ]);
  });

  it("replaces an index file that is no database, and publishes all the same", async ({ onTestFinished }) => {
    const copy = await contentCopy(onTestFinished);
    const cache = await tempDir();
    onTestFinished(cache.cleanup);
    const env = { XDG_CACHE_HOME: cache.path };
    await sleep(SETTLED_MS);
    expect((await runPublish(["--check", "--content", copy.content], env)).code).toBe(0);
    const folder = join(cache.path, "patrika");
    const [name] = await readdir(folder);
    await writeFile(join(folder, name ?? ""), "not a database ".repeat(100));
    const checked = await runPublish(["--check", "--content", copy.content], env);
    expect([checked.code, checked.stderr]).toEqual([0, ""]);
    expect(checked.stdout).toMatch(/1 file\(s\) read, 0 known unchanged/);
    expect((await runPublish(["--check", "--content", copy.content], env)).stdout).toMatch(/0 file\(s\) read, 1 known/);
  });

  it("makes the media files of an image its article names in another Unicode form than the file's name", async ({
    onTestFinished,
  }) => {
    const copy = await contentCopy(onTestFinished);
    // U+095B is not NFC: text fields are read as U+091C U+093C, the form the file is saved under.
    const lead = "image:\n  src: media/2019/\u095B.jpg\n  alt: एक चित्र\n";
    await writeFile(
      join(copy.content, "media", "2019", "\u091C\u093C.jpg"),
      await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#543" } })
        .jpeg()
        .toBuffer(),
    );
    await writeFile(join(copy.content, "articles", "za.md"), shortStory("ज़ की ख़बर", lead));
    const index = LocalIndex.open(copy.content);
    onTestFinished(() => void index.close());
    const loaded = await loadContent(copy.content, { index });
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    const { media } = loaded.content;
    const made = await Promise.all([...media.names].map((name) => media.rendition(name)));
    expect(made.map((r) => r.source.file)).toContain(join(copy.content, "media", "2019", "\u091C\u093C.jpg"));
  });

  it("checks a withdrawn article's image again, though the article is known unchanged", async ({ onTestFinished }) => {
    const copy = await contentCopy(onTestFinished);
    const lead = "withdrawn: अदालत के आदेश पर\nimage:\n  src: media/2019/hataya.jpg\n  alt: एक चित्र\n";
    const image = join(copy.content, "media", "2019", "hataya.jpg");
    await writeFile(
      image,
      await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#345" } })
        .jpeg()
        .toBuffer(),
    );
    await writeFile(join(copy.content, "articles", "hataya.md"), shortStory("हटाई गई ख़बर", lead));
    await sleep(SETTLED_MS);
    const load = async () => {
      const index = LocalIndex.open(copy.content);
      const loaded = await loadContent(copy.content, { index });
      expect(index.close()).toBeUndefined();
      return loaded;
    };
    const read = async () => {
      const loaded = await load();
      return loaded.ok ? loaded.content.read : loaded.problems;
    };
    // Both files, the withdrawn one included, are read once, then known unchanged.
    expect([await read(), await read()]).toEqual([2, 0]);
    await rm(image);
    const loaded = await load();
    expect(loaded.ok ? [] : loaded.problems).toContainEqual(
      expect.stringMatching(/hataya\.md:image\.src: "media\/2019\/hataya\.jpg" does not exist/),
    );
  });

  it("keeps the indexes of the 16 content folders published last, and any another publish holds, and deletes older ones", async ({
    onTestFinished,
  }) => {
    const copy = await contentCopy(onTestFinished);
    const cache = await tempDir();
    onTestFinished(cache.cleanup);
    const folder = join(cache.path, "patrika");
    await mkdir(folder);
    const old = Array.from({ length: 20 }, (_, i) => `content-${i.toString(16).padStart(16, "0")}.ndjson`);
    // The oldest of all is held by a long publish, as the exclusive lock of a local index holds it.
    const busy = "content-ffffffffffffffff.sqlite";
    const holder = new DatabaseSync(join(folder, busy));
    onTestFinished(() => holder.close());
    holder.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE t (x); COMMIT;");
    for (const [i, name] of [busy, ...old].entries()) {
      if (name !== busy) await writeFile(join(folder, name), "");
      await utimes(join(folder, name), 1_000_000 + i, 1_000_000 + i);
    }
    const checked = await runPublish(["--check", "--content", copy.content], { XDG_CACHE_HOME: cache.path });
    expect(checked.code).toBe(0);
    // Journals aside (the one held keeps its own).
    const kept = (await readdir(folder)).filter((name) => !name.endsWith("-journal"));
    // The one just written, the 15 newest of the others, and the one held.
    expect(kept.filter((name) => !old.includes(name) && name !== busy)).toHaveLength(1);
    expect(kept.filter((name) => old.includes(name)).sort()).toEqual(old.slice(5));
    expect(kept).toContain(busy);
  });

  it("refuses to send a file changed after it was checked", async ({ onTestFinished }) => {
    const copy = await contentCopy(onTestFinished);
    const file = join(copy.content, "articles", "pehli.md");
    await writeFile(file, shortStory("पहली ख़बर"));
    const loaded = await loadContent(copy.content, { index: LocalIndex.open(copy.content) });
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    await writeFile(file, (await readFile(file, "utf8")).replace("पाठ।", "बदला हुआ पाठ।"));
    await expect(loaded.content.inputs.articles.get("pehli").read()).rejects.toThrow(
      /articles\/pehli\.md changed while it was being published; publish again/,
    );
  });
});
