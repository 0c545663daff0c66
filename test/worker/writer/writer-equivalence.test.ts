import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/content/model.ts";
import { article, EXTERNAL_IMAGE, SITE } from "../fixtures.ts";
import { clearKv } from "../helpers.ts";
import { drain, freshContents, kvContents, writer } from "./writer-helpers.ts";

const TAGS = ["राजनीति", "खेल", "विज्ञान", "NSO ग्रुप"];
const DESK = { key: "digital-desk", name: "डिजिटल डेस्क", desk: true, bio: "समाचार डेस्क।" };
const SECTIONS = [
  { key: "desh", name: "देश", nameEn: "India" },
  { key: "khel", name: "खेल" },
  { key: "tech", name: "टेक", nameEn: "Tech" },
  { key: "duniya", name: "दुनिया" },
];
const site = { ...SITE, itemsPerFeed: 4, sections: SECTIONS };
// Stories without a section, and in each section but the last, which stays empty until an edit files one there.
const sectionOf = (n: number) => SECTIONS[(n % 4) - 1]?.key;

function story(n: number, day: number, tags: string[], title = `ख़बर ${n}`): Article {
  const section = sectionOf(n);
  const date = new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString().replace("Z", "+00:00");
  return article({
    slug: `s${n}`,
    id: `tag:patrika.example,2019:articles/s${n}`,
    title,
    tags,
    ...(section === undefined ? {} : { section }),
    ...(n % 3 === 0 ? { byline: DESK.name, authors: [{ key: DESK.key, name: DESK.name, desk: true }] } : {}),
    ...(n % 5 === 0 ? { image: EXTERNAL_IMAGE } : {}),
    published: date,
    updated: date,
  });
}

type Edit =
  | { kind: "add"; n: number; day: number; tags: string[] }
  | { kind: "change"; n: number; title: string }
  | { kind: "move"; n: number; day: number }
  | { kind: "retag"; n: number; tags: string[] }
  | { kind: "refile"; n: number; section: string | null }
  | { kind: "delete"; n: number }
  | { kind: "withdraw"; n: number; reason: string }
  | { kind: "delete-gone"; n: number };

const tags = fc.uniqueArray(fc.constantFrom(...TAGS), { minLength: 1, maxLength: 3 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("add" as const), n: fc.nat(400), day: fc.nat(3000), tags }), weight: 4 },
  fc.record({ kind: fc.constant("change" as const), n: fc.nat(400), title: fc.constantFrom("नया", "बदला") }),
  fc.record({ kind: fc.constant("move" as const), n: fc.nat(400), day: fc.nat(3000) }),
  fc.record({ kind: fc.constant("retag" as const), n: fc.nat(400), tags }),
  fc.record({
    kind: fc.constant("refile" as const),
    n: fc.nat(400),
    section: fc.constantFrom(null, ...SECTIONS.map((s) => s.key)),
  }),
  fc.record({ kind: fc.constant("delete" as const), n: fc.nat(400) }),
  fc.record({
    kind: fc.constant("withdraw" as const),
    n: fc.nat(400),
    reason: fc.constantFrom("अदालत के आदेश पर", "legal request"),
  }),
  fc.record({ kind: fc.constant("delete-gone" as const), n: fc.nat(400) }),
);

// The story as the ingest API takes it, withdrawn for `reason`.
function withdrawal(story: Article, reason: string): Record<string, unknown> {
  const { slug, id, title, summary, dateline, published, updated, tags } = story;
  return {
    slug,
    id,
    title,
    summary,
    byline: "संवाददाता",
    dateline,
    published,
    updated,
    tags,
    body: "पाठ",
    withdrawn: reason,
  };
}

// Applies an edit to the content and the stories taken down (`gone`, by slug, with their reasons), and tells the writer the same.
async function apply(
  stub: ReturnType<typeof writer>,
  content: Map<string, Article>,
  gone: Map<string, string | undefined>,
  e: Edit,
): Promise<void> {
  const slugs = [...content.keys()];
  const existing = content.get(slugs[e.n % Math.max(slugs.length, 1)] ?? "");
  if (e.kind === "add") {
    const added = story(e.n + 1000, e.day, e.tags);
    content.set(added.slug, added);
    gone.delete(added.slug);
    await stub.putArticles([added], "test");
    return;
  }
  if (e.kind === "delete-gone") {
    const slug = [...gone.keys()][e.n % Math.max(gone.size, 1)];
    if (slug !== undefined) await stub.deleteArticles([slug], "test");
    return;
  }
  if (!existing) return;
  if (e.kind === "delete") {
    content.delete(existing.slug);
    gone.set(existing.slug, undefined);
    await stub.deleteArticles([existing.slug], "test");
    return;
  }
  if (e.kind === "withdraw") {
    content.delete(existing.slug);
    gone.set(existing.slug, e.reason);
    expect(await stub.ingest({ articles: [withdrawal(existing, e.reason)] }, "test")).not.toHaveProperty("problems");
    return;
  }
  const date = "day" in e ? story(0, e.day, []).published : existing.published;
  const { section: _, ...unfiled } = existing;
  const changed: Article = {
    ...(e.kind === "refile" ? unfiled : existing),
    ...(e.kind === "refile" && e.section !== null ? { section: e.section } : {}),
    ...(e.kind === "change" ? { title: e.title } : {}),
    ...(e.kind === "retag" ? { tags: e.tags } : {}),
    published: date,
    updated: date,
  };
  content.set(changed.slug, changed);
  await stub.putArticles([changed], "test");
}

describe("the writer's index", () => {
  it("leaves KV equal to a fresh publish of the same content and takedowns after any sequence of edits", {
    timeout: 120_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 25 }), async (edits) => {
        await clearKv();
        const stub = writer(`run-${crypto.randomUUID()}`);
        await stub.putSite(site, "test");
        await stub.putAuthors([DESK], "test");
        const content = new Map<string, Article>();
        const gone = new Map<string, string | undefined>();
        for (let n = 0; n < 60; n++) content.set(`s${n}`, story(n, n * 7, [TAGS[n % TAGS.length] as string]));
        await stub.putArticles([...content.values()], "test");
        for (const e of edits) await apply(stub, content, gone, e);
        await drain(stub);
        const takedowns = [...gone].map(([slug, reason]) => ({ slug, ...(reason === undefined ? {} : { reason }) }));
        expect(await kvContents()).toEqual(await freshContents(site, [...content.values()], [DESK], takedowns));
      }),
      { numRuns: 6 },
    );
  });
});
