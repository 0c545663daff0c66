import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bindingTarget, type KvBinding } from "../../scripts/lib/kv-target.ts";
import type { MediaTarget } from "../../scripts/lib/media-target.ts";
import { type Content, publishContent } from "../../scripts/lib/publish-content.ts";
import { withSizes } from "../../scripts/lib/publish-media.ts";
import { imageFile, leadRenditions, type Rendition, type SourceImage } from "../../scripts/lib/renditions.ts";
import type { Article } from "../../src/content/model.ts";
import { buildKvEntries } from "../../src/kv/entries.ts";
import { article, SITE } from "./fixtures.ts";
import { clearKv } from "./helpers.ts";

const TAGS = ["राजनीति", "खेल", "विज्ञान", "NSO ग्रुप"];
const site = { ...SITE, itemsPerFeed: 4 };
// Lead images the stories may use, by number; an image shared by stories has one set of files.
const SOURCES = 4;

type Edit =
  | { kind: "add"; n: number; day: number; tags: string[] }
  | { kind: "change"; n: number; title: string }
  | { kind: "retag"; n: number; tags: string[] }
  | { kind: "image"; n: number; source: number | null }
  | { kind: "delete"; n: number };

/** A story and the number of its lead image, if it has one. */
interface Story {
  article: Article;
  image: number | null;
}

const tags = fc.uniqueArray(fc.constantFrom(...TAGS), { minLength: 1, maxLength: 3 });
// Days up to late 2025, so that every story is already published: embargoes are tested apart.
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), n: fc.nat(200), day: fc.nat(2500), tags }),
  fc.record({ kind: fc.constant("change" as const), n: fc.nat(200), title: fc.constantFrom("नया", "बदला", "ताज़ा") }),
  fc.record({ kind: fc.constant("retag" as const), n: fc.nat(200), tags }),
  fc.record({ kind: fc.constant("image" as const), n: fc.nat(200), source: fc.option(fc.nat(SOURCES - 1)) }),
  fc.record({ kind: fc.constant("delete" as const), n: fc.nat(200) }),
);

const DESK = { key: "digital-desk", name: "डिजिटल डेस्क", desk: true };

// Story n: every third one by the desk, which has a page and feeds of its own.
function story(n: number, day: number, storyTags: string[]): Article {
  const date = new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString().replace("Z", "+00:00");
  return article({
    slug: `s${n}`,
    id: `tag:patrika.example,2019:articles/s${n}`,
    title: `ख़बर ${n}`,
    tags: storyTags,
    ...(n % 3 === 0 ? { byline: DESK.name, authors: [DESK] } : {}),
    published: date,
    updated: date,
  });
}

function apply(content: Map<string, Story>, e: Edit): void {
  const existing = [...content.keys()];
  const slug = existing[e.n % Math.max(existing.length, 1)];
  if (e.kind === "add") content.set(`s${e.n + 1000}`, { article: story(e.n + 1000, e.day, e.tags), image: null });
  else if (slug === undefined) return;
  else if (e.kind === "delete") content.delete(slug);
  else {
    const current = content.get(slug) as Story;
    if (e.kind === "image") content.set(slug, { ...current, image: e.source });
    else {
      const { article } = current;
      content.set(slug, {
        ...current,
        article: e.kind === "change" ? { ...article, title: e.title } : { ...article, tags: e.tags },
      });
    }
  }
}

/**
 * Content as the loader gives it: stories with their lead images, and every rendition once; the
 * `withdrawn` slugs as stories withdrawn without a reason, which leave what a deleted one does.
 */
async function loaded(stories: Map<string, Story>, withdrawn: readonly string[] = []): Promise<Content> {
  const renditions = new Map<string, Rendition>();
  const articles: Article[] = [];
  for (const { article, image } of stories.values()) {
    if (image === null) {
      articles.push(article);
      continue;
    }
    const { large, small } = await leadRenditions(source(image));
    for (const r of [large, small]) renditions.set(r.name, r);
    articles.push({ ...article, image: { alt: "चित्र", large: imageFile(site, large), small: imageFile(site, small) } });
  }
  return {
    site,
    articles,
    withdrawn: withdrawn.map((slug) => ({ slug })),
    authors: [{ ...DESK, bio: "पत्रिका की डिजिटल टीम।" }],
    renditions: [...renditions.values()],
  };
}

function source(n: number): SourceImage {
  return {
    file: `media/${n}.jpg`,
    sha256: n.toString(16).padStart(64, "0"),
    width: 1200 + 200 * n,
    height: 900,
    alpha: n % 2 === 1,
    plainJpeg: false,
    origin: { file: `articles/s${n}.md`, field: "image.src" },
  };
}

/** Stands in for sharp: bytes that depend on the rendition alone, as encoding the same source does. */
async function encode(rendition: Rendition): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(new TextEncoder().encode(rendition.name.repeat(1 + (rendition.width % 5))));
}

/** Counts the writes and deletions of a publish, failing every one from the `failAt`-th on. */
function failures(failAt: number): () => void {
  let operations = 0;
  return () => {
    if (++operations >= failAt) throw new Error(`injected failure at write ${failAt}`);
  };
}

/** The real local media bucket, running `fail` before each upload and deletion. */
function bucket(fail: () => void = () => {}): MediaTarget {
  return {
    async list() {
      const objects = new Map<string, number>();
      let cursor: string | undefined;
      do {
        const page = await env.MEDIA.list(cursor === undefined ? {} : { cursor });
        for (const { key, size } of page.objects) objects.set(key, size);
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
      return objects;
    },
    async put(files) {
      for (const { name, body, type } of files) {
        fail();
        await env.MEDIA.put(name, body, { httpMetadata: { contentType: type } });
      }
    },
    async remove(names) {
      for (const name of names) {
        fail();
        await env.MEDIA.delete(name);
      }
    },
  };
}

/** The real local KV, running `fail` before each write and deletion, as a dead publisher would. */
function failingKv(fail: () => void): KvBinding {
  const kv = env.CONTENT;
  return {
    get: (key, type) => kv.get(key, type),
    list: (options) => kv.list(options),
    put: async (key, value, options) => {
      fail();
      await kv.put(key, value, options);
    },
    delete: async (key) => {
      fail();
      await kv.delete(key);
    },
  };
}

/** Every key with its value and metadata hash. */
async function snapshot(): Promise<Map<string, { value: string; sha256: unknown }>> {
  const state = new Map<string, { value: string; sha256: unknown }>();
  let cursor: string | undefined;
  do {
    const page = await env.CONTENT.list<{ sha256: string }>(cursor === undefined ? {} : { cursor });
    for (const { name, metadata } of page.keys) {
      state.set(name, { value: (await env.CONTENT.get(name, "text")) ?? "", sha256: metadata?.sha256 });
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return state;
}

/** Every object of the media bucket, with its bytes as text. */
async function objects(): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const name of (await bucket().list()).keys()) found.set(name, (await (await env.MEDIA.get(name))?.text()) ?? "");
  return found;
}

/**
 * Heads that name a page (a feed page, or the news sitemap's articles) KV does not hold, served
 * documents linking to an archive page with no head (a subscription document to its newest, an
 * archive page to the one before and the one after it), an index listing a sitemap KV
 * does not hold, an index (from which robots.txt names the news sitemap) without the news
 * sitemap, and media files an article names that the bucket lacks.
 */
function brokenLinks(
  state: Map<string, { value: string }>,
  media: Map<string, string>,
  before: Map<string, { value: string }>,
): string[] {
  const broken: string[] = [];
  for (const [key, { value }] of state) {
    const { large, small } = key.startsWith("article:") ? (JSON.parse(value).article?.image ?? {}) : {};
    for (const file of [large, small].filter(Boolean)) {
      const name = file.url.split("/").at(-1);
      if (!media.has(name)) broken.push(`${key} names ${name}, which the bucket lacks`);
    }
  }
  for (const key of state.keys()) {
    if (!key.startsWith("head:")) continue;
    const path = key.slice("head:".length);
    if (state.has(`sitemap:${path}`)) continue;
    const page = state.get(`feed:${path}`);
    if (!page) {
      broken.push(`${key} names a missing page`);
      continue;
    }
    const { dir, archive, hash } = JSON.parse(page.value);
    const { value } = state.get(key) as { value: string };
    if (JSON.parse(value).hash !== hash && value !== before.get(key)?.value) {
      broken.push(`${key} was written ahead of its page`);
    }
    const head = (n: number) => `head:${dir}/archive/${n}`;
    const links =
      archive.page === null
        ? [archive.pages].filter((n) => n > 0)
        : [archive.page - 1, archive.page < archive.pages ? archive.page + 1 : 0].filter((n) => n > 0);
    for (const n of links) if (!state.has(head(n))) broken.push(`${key} links to ${head(n)}, which is not there`);
  }
  const index = state.get("sitemap:/sitemap.xml");
  if (index) {
    for (const { path } of JSON.parse(index.value).sitemaps) {
      if (!state.has(`sitemap:${path}`)) broken.push(`the sitemap index lists the missing ${path}`);
    }
    if (!state.has("head:/news-sitemap.xml")) broken.push("robots.txt names the missing news sitemap");
  }
  return broken;
}

describe("publishing (property)", () => {
  it("converges on a fresh publish of the final content after failures at any write, never exposing a broken link or a missing image", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(60), fc.nat(2500), tags, fc.option(fc.nat(SOURCES - 1))), {
          minLength: 0,
          maxLength: 70,
        }),
        fc.array(fc.tuple(fc.array(edit, { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (initial, steps) => {
          await clearKv();
          for (const name of (await bucket().list()).keys()) await env.MEDIA.delete(name);
          const content = new Map(
            initial.map(([n, day, t, image], i) => [`s${i}`, { article: story(i, day + n, t), image }] as const),
          );
          const target = { kv: bindingTarget(env.CONTENT as unknown as KvBinding), media: bucket() };
          await publishContent(target, await loaded(content), encode);
          const published = new Set(content.keys());
          for (const [edits, when] of steps) {
            for (const e of edits) apply(content, e);
            for (const slug of content.keys()) published.add(slug);
            const gone = [...published].filter((slug) => !content.has(slug));
            const before = await snapshot();
            const fail = failures(1 + Math.floor(when * (before.size + 20)));
            const failing = { kv: bindingTarget(failingKv(fail)), media: bucket(fail) };
            await publishContent(failing, await loaded(content), encode).catch(() => undefined);
            expect(brokenLinks(await snapshot(), await objects(), before)).toEqual([]);

            const final = await loaded(content);
            await publishContent(target, final, encode);
            const sizes = new Map<string, number>();
            const files = new Map<string, string>();
            for (const r of final.renditions) {
              const bytes = await encode(r);
              sizes.set(r.name, bytes.length);
              files.set(r.name, new TextDecoder().decode(bytes));
            }
            const sized = withSizes(final.site, final.articles, final.authors, sizes);
            const tombstones = gone.map((slug) => ({ slug }));
            const entries = await buildKvEntries(sized.site, sized.articles, sized.authors, tombstones);
            const expected = new Map(entries.map((e) => [e.key, { value: e.value, sha256: e.hash }]));
            const converged = await snapshot();
            expect(new Map([...converged].filter(([key]) => !key.startsWith("publish:")))).toEqual(expected);
            expect(await objects()).toEqual(files);

            await clearKv();
            for (const name of (await bucket().list()).keys()) await env.MEDIA.delete(name);
            await publishContent(target, await loaded(content, gone), encode);
            expect(converged).toEqual(await snapshot());
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  // Every way a publish that grows the main feed's archive chain can stop, from `prepared` KV: no
  // reader ever meets a link to a missing page or a head ahead of its page.
  async function growChainFailingAtEveryStep(prepare: () => Promise<void>): Promise<void> {
    const chain = (count: number) =>
      new Map(Array.from({ length: count }, (_, i) => [`s${i}`, { article: story(i, i, ["खेल"]), image: null }]));
    // Main feed with items_per_feed 1: 99 archived articles fill page 1 and all but one of page 2;
    // the 101st fills page 2, which gains a link to a new page 3.
    const before = await loaded(chain(100));
    const after = await loaded(chain(101));
    const grown = { ...after, site: { ...after.site, itemsPerFeed: 1 } };
    const target = { kv: bindingTarget(env.CONTENT as unknown as KvBinding), media: bucket() };
    let operations = Number.POSITIVE_INFINITY;
    for (let failAt = 1; failAt <= operations; failAt++) {
      await clearKv();
      await publishContent(target, { ...before, site: grown.site }, encode);
      await prepare();
      const published = await snapshot();
      let counted = 0;
      const fail = failures(failAt);
      const counting = () => {
        counted++;
        fail();
      };
      const failed = await publishContent(
        { kv: bindingTarget(failingKv(counting)), media: bucket(counting) },
        grown,
        encode,
      )
        .then(() => false)
        .catch(() => true);
      expect([failAt, brokenLinks(await snapshot(), await objects(), published)]).toEqual([failAt, []]);
      if (!failed) operations = counted;
    }
    expect(operations).toBeGreaterThan(4);
  }

  it("grows an archive chain by a page without ever linking to a page that is not there yet", async () => {
    await growChainFailingAtEveryStep(async () => {});
  }, 120_000);

  it("rewrites a page an interrupted publish left without its head before it writes the head", async () => {
    // What a publish that shrank the chain leaves when it is stopped between deleting page 3's
    // head and the page: a stale page 3 that nothing names.
    await growChainFailingAtEveryStep(async () => {
      const { value, metadata } = await env.CONTENT.getWithMetadata("feed:/archive/2");
      await env.CONTENT.put("feed:/archive/3", value ?? "", { metadata });
    });
  }, 120_000);
});
