import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/model.ts";
import { buildKvEntries } from "../../src/write/build/entries.ts";
import { articleBytes, oversizeFeeds } from "../../src/write/build/page-bound.ts";
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

// The articles as the bound takes them, each with its size.
function sized(content: Article[]): (Article & { bytes: number })[] {
  return content.map((a) => ({ ...a, bytes: articleBytes(a) }));
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
          const reported = oversizeFeeds(site, sized(content), largestPage - 1);
          expect(reported.length).toBeGreaterThan(0);
          expect(Math.max(...reported.map((f) => f.bytes))).toBeGreaterThanOrEqual(largestPage);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("names the feeds that could outgrow the limit and the largest articles they could hold together", () => {
    const content = articles([
      [100, 1, 0],
      [20_000, 2, 1],
      [30_000, 3, 1],
      [10, 4, 2],
    ]);
    const found = oversizeFeeds({ ...SITE, itemsPerFeed: 1 }, sized(content), 100_000);
    expect(found.map((f) => [f.title, f.largest.map((a) => a.slug)])).toEqual([
      ["पत्रिका", ["a2", "a1", "a0", "a3"]],
      ["ख — पत्रिका", ["a2", "a1"]],
    ]);
    expect(oversizeFeeds({ ...SITE, itemsPerFeed: 1 }, sized(content), 400_000)).toEqual([]);
  });
});
