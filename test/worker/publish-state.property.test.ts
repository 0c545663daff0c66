import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bindingTarget, type KvBinding } from "../../scripts/lib/kv-target.ts";
import { publishEntries } from "../../scripts/lib/publish.ts";
import type { Article } from "../../src/content/model.ts";
import { buildKvEntries } from "../../src/kv/entries.ts";
import { article, SITE } from "./fixtures.ts";
import { clearKv } from "./helpers.ts";

const TAGS = ["राजनीति", "खेल", "विज्ञान", "NSO ग्रुप"];
const site = { ...SITE, itemsPerFeed: 4 };

type Edit =
  | { kind: "add"; n: number; day: number; tags: string[] }
  | { kind: "change"; n: number; title: string }
  | { kind: "retag"; n: number; tags: string[] }
  | { kind: "delete"; n: number };

const tags = fc.uniqueArray(fc.constantFrom(...TAGS), { minLength: 1, maxLength: 3 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), n: fc.nat(200), day: fc.nat(3000), tags }),
  fc.record({ kind: fc.constant("change" as const), n: fc.nat(200), title: fc.constantFrom("नया", "बदला", "ताज़ा") }),
  fc.record({ kind: fc.constant("retag" as const), n: fc.nat(200), tags }),
  fc.record({ kind: fc.constant("delete" as const), n: fc.nat(200) }),
);

function story(n: number, day: number, storyTags: string[]): Article {
  const date = new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString().replace("Z", "+00:00");
  return article({
    slug: `s${n}`,
    id: `tag:patrika.example,2019:articles/s${n}`,
    title: `ख़बर ${n}`,
    tags: storyTags,
    published: date,
    updated: date,
  });
}

function apply(content: Map<string, Article>, e: Edit): void {
  const existing = [...content.keys()];
  const slug = existing[e.n % Math.max(existing.length, 1)];
  if (e.kind === "add") content.set(`s${e.n + 1000}`, story(e.n + 1000, e.day, e.tags));
  else if (slug === undefined) return;
  else if (e.kind === "delete") content.delete(slug);
  else {
    const current = content.get(slug) as Article;
    content.set(slug, e.kind === "change" ? { ...current, title: e.title } : { ...current, tags: e.tags });
  }
}

/** The real local KV, failing every write and deletion from the `failAt`-th on, as a dead publisher would. */
function failingKv(failAt: number): KvBinding {
  let operations = 0;
  const fail = () => {
    if (++operations >= failAt) throw new Error(`injected failure at write ${failAt}`);
  };
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

/** Heads that name a page KV does not hold, and subscription documents linking to an archive page with no head. */
function brokenLinks(state: Map<string, { value: string }>): string[] {
  const broken: string[] = [];
  for (const key of state.keys()) {
    if (!key.startsWith("head:")) continue;
    const dir = key.slice("head:".length);
    const page = state.get(`feed:${dir}`);
    if (!page) {
      broken.push(`${key} names a missing page`);
      continue;
    }
    const { archive } = JSON.parse(page.value);
    const newest = `head:${dir === "/" ? "" : dir}/archive/${archive.pages}`;
    if (archive.page === null && archive.pages > 0 && !state.has(newest)) broken.push(`${key} links to ${newest}`);
  }
  return broken;
}

describe("publishing (property)", () => {
  it("converges on a fresh publish of the final content after failures at any write, never exposing a broken link", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(60), fc.nat(3000), tags), { minLength: 0, maxLength: 70 }),
        fc.array(fc.tuple(fc.array(edit, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 40 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (initial, steps) => {
          await clearKv();
          const content = new Map(initial.map(([n, day, t], i) => [`s${i}`, story(i, day + n, t)]));
          const target = bindingTarget(env.CONTENT as unknown as KvBinding);
          await publishEntries(target, await buildKvEntries(site, [...content.values()]));
          for (const [edits, failAt] of steps) {
            for (const e of edits) apply(content, e);
            const entries = await buildKvEntries(site, [...content.values()]);
            await publishEntries(bindingTarget(failingKv(failAt)), entries).catch(() => undefined);
            expect(brokenLinks(await snapshot())).toEqual([]);
            await publishEntries(target, entries);
            const expected = new Map(entries.map((e) => [e.key, { value: e.value, sha256: e.hash }]));
            expect(await snapshot()).toEqual(expected);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
