import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article, Site } from "../../src/content/model.ts";
import { buildKvEntries } from "../../src/write/build/entries.ts";
import { feedSources } from "../../src/write/build/feed-sources.ts";
import { articleBytes, pageBytes, perPage } from "../../src/write/build/page-bound.ts";
import { article, SITE } from "./fixtures.ts";

const TAGS = ["क", "ख", "ग"];
const utf8 = (text: string) => new TextEncoder().encode(text).byteLength;

function articles(specs: [number, number, number][]): Article[] {
  return specs.map(([length, day, tag], i) =>
    article({
      slug: `a${i}`,
      id: `tag:patrika.example,2019:articles/a${i}`,
      contentHtml: `<p>${"ख़".repeat(length)}</p>`,
      tags: [TAGS[tag % TAGS.length] as string],
      published: new Date(Date.UTC(2019, 0, 1) + day * 3_600_000).toISOString().replace("Z", "+00:00"),
      updated: new Date(Date.UTC(2019, 0, 1) + day * 3_600_000).toISOString().replace("Z", "+00:00"),
    }),
  );
}

// The bound of each feed of `content`: its largest `perPage` articles inside its document, as the
// publish command and the writer take it.
function bounds(site: Site, content: Article[]): number[] {
  return feedSources(site, content).map((source) => {
    const largest = source.newestFirst
      .map((a) => ({ bytes: articleBytes(a) }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, perPage(site));
    return pageBytes(site, source, source.newestFirst, largest);
  });
}

describe("the bound on feed page sizes", () => {
  it("is never below the size of any page the publisher writes, for any order of articles", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(3000), fc.nat(10_000), fc.nat(2)), { maxLength: 130 }),
        fc.integer({ min: 1, max: 70 }),
        async (specs, itemsPerFeed) => {
          const site = { ...SITE, itemsPerFeed };
          const content = articles(specs);
          const pages = (await buildKvEntries(site, content)).filter((e) => e.key.startsWith("feed:"));
          const largestPage = Math.max(0, ...pages.map((e) => utf8(e.value)));
          expect(Math.max(0, ...bounds(site, content))).toBeGreaterThanOrEqual(largestPage);
        },
      ),
      { numRuns: 40 },
    );
  });
});
