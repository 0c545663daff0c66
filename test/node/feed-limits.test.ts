import type { Stats } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { feedBounds } from "../../scripts/lib/content/feed-limits.ts";
import { LocalIndex } from "../../scripts/lib/content/local-index.ts";
import type { Article } from "../../src/content/model.ts";
import { buildKvEntries } from "../../src/write/build/entries.ts";
import { articleBytes } from "../../src/write/build/page-bound.ts";
import { article, SITE } from "../worker/fixtures.ts";

const TAGS = ["क", "ख", "ग"];
const AUTHORS = [
  { key: "rekha", name: "रेखा" },
  { key: "mohan", name: "मोहन" },
];
const utf8 = (text: string) => Buffer.byteLength(text);

function articles(specs: [number, number, number][]): Article[] {
  return specs.map(([length, hour, n], i) => {
    const time = new Date(Date.UTC(2019, 0, 1) + hour * 3_600_000).toISOString().replace("Z", "+00:00");
    const author = AUTHORS[n % AUTHORS.length] as (typeof AUTHORS)[number];
    return article({
      slug: `a${i}`,
      id: `tag:patrika.example,2019:articles/a${i}`,
      contentHtml: `<p>${"ख़".repeat(length)}</p>`,
      tags: [TAGS[n % TAGS.length] as string],
      authors: [author],
      published: time,
      updated: n % 2 === 0 ? time : `${time.slice(0, 19)}.123+05:30`,
    });
  });
}

// The bound of each feed as the publish command measures it, from the local index, by folder.
function bounds(content: Article[], itemsPerFeed: number): Map<string, number> {
  const index = LocalIndex.memory();
  const settled = { mtimeMs: 0, ctimeMs: 0 } as Stats;
  for (const a of content) {
    const { id, slug, published, updated, tags, authors } = a;
    const summary = { id, slug, published, updated, tags, authors, bytes: articleBytes(a) };
    const input = { hash: slug, bytes: 0, at: Date.parse(published) };
    index.keepArticle(`${slug}.md`, { stamp: slug, summary, input, renditions: [], warnings: [] }, settled);
  }
  const found = feedBounds(index, { ...SITE, itemsPerFeed }, AUTHORS);
  return new Map(found.map((feed) => [feed.dir, feed.bytes]));
}

describe("the publish command's bound on feed page sizes", () => {
  it("is never below the size of any page of its feed, for any sizes, dates, tags and authors", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(3000), fc.nat(10_000), fc.nat(5)), { minLength: 1, maxLength: 130 }),
        fc.integer({ min: 1, max: 70 }),
        async (specs, itemsPerFeed) => {
          const content = articles(specs);
          const measured = bounds(content, itemsPerFeed);
          const pages = (await buildKvEntries({ ...SITE, itemsPerFeed }, content, AUTHORS)).filter((e) =>
            e.key.startsWith("feed:"),
          );
          for (const page of pages) {
            const dir = page.key
              .slice("feed:".length)
              .replace(/\/archive\/\d+$/, "")
              .replace(/^\/$/, "");
            expect(measured.get(dir), page.key).toBeGreaterThanOrEqual(utf8(page.value));
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
