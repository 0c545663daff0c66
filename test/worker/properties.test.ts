import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitIntoChain } from "../../src/content/archive.ts";
import { utf8Bytes } from "../../src/content/limits.ts";
import type { Article } from "../../src/content/model.ts";
import { parseTagSegment } from "../../src/content/tags.ts";
import { characterReferenceProblem } from "../../src/content/text.ts";
import { article, SITE } from "./fixtures.ts";
import { parseXml, publishArticles, request } from "./helpers.ts";

const DEVANAGARI = { min: 0x0900, max: 0x097f };

// RFC 3986 section 2.3: characters a URI never needs to percent-encode.
const UNRESERVED = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~");

/** Any Devanagari text, with some unreserved ASCII mixed in (at least one Devanagari character, so never `.` or `..`). */
const devanagariTag = fc
  .array(
    fc.oneof(
      { arbitrary: fc.integer(DEVANAGARI).map((cp) => String.fromCodePoint(cp)), weight: 4 },
      { arbitrary: fc.constantFrom(...UNRESERVED), weight: 1 },
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((chars) => chars.join(""))
  .filter((tag) => /[\u0900-\u097f]/.test(tag));

/** Percent-encodes the UTF-8 bytes of `text`, byte by byte, except the ASCII characters in `keep`. */
function percentEncode(text: string, keep: ReadonlySet<string>): string {
  return Array.from(new TextEncoder().encode(text), (byte) => {
    const char = String.fromCharCode(byte);
    return byte < 0x80 && keep.has(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");
}

/** The ETag the Worker answers for the main RSS feed once `articles` are published. */
async function feedEtag(articles: Article[]): Promise<string | null> {
  await publishArticles(SITE, articles);
  const res = await request("/rss.xml");
  expect(res.status).toBe(200);
  return res.headers.get("ETag");
}

const editable = fc.record({
  title: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s.trim() !== ""),
  summary: fc.string({ minLength: 1, maxLength: 40 }),
  contentHtml: fc
    .string({ minLength: 1, maxLength: 60 })
    .filter((html) => characterReferenceProblem(html) === undefined),
});

describe("properties", () => {
  it("utf8Bytes counts what TextEncoder writes, lone surrogates included", () => {
    const units = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
      fc.integer({ min: 0x10000, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
    );
    fc.assert(
      fc.property(fc.array(units, { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).length);
      }),
    );
  });

  it("ETags are equal for equal content and differ for any change", async () => {
    await fc.assert(
      fc.asyncProperty(editable, editable, async (a, b) => {
        const one = await feedEtag([article(a)]);
        expect(one).toMatch(/^"[^"]+"$/);
        expect(await feedEtag([article({ ...a })])).toBe(one);
        const other = await feedEtag([article(b)]);
        const same = a.title === b.title && a.summary === b.summary && a.contentHtml === b.contentHtml;
        expect(other === one).toBe(same);
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it("tag URLs canonicalise: NFC or NFD, upper- or lower-case hex, encoded letters, a Devanagari tag has one URL", async () => {
    const spellings = fc.record({
      form: fc.constantFrom("NFC", "NFD"),
      lowerHex: fc.boolean(),
      encodeAll: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(devanagariTag, spellings, async (tag, { form, lowerHex, encodeAll }) => {
        const canonical = percentEncode(tag.normalize("NFC"), UNRESERVED);
        const encoded = percentEncode(tag.normalize(form), encodeAll ? new Set() : UNRESERVED);
        const raw = lowerHex ? encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()) : encoded;
        expect(parseTagSegment(raw)).toEqual({ tag: tag.normalize("NFC"), canonical });
        const res = await request(`/tags/${raw}/rss.xml`, { redirect: "manual" });
        if (raw === canonical) expect(res.status).toBe(404);
        else expect([res.status, res.headers.get("Location")]).toEqual([301, `/tags/${canonical}/rss.xml`]);
      }),
      { numRuns: 60 },
    );
  });

  it("keeps compatibility variants apart: tags are NFC, so ﬁ is not fi and ５ is not 5", async () => {
    const tags = ["wifi", "wiﬁ", "5G", "５G"];
    const articles = tags.map((tag, i) =>
      article({ slug: `a${i}`, id: `tag:patrika.example,2019:articles/a${i}`, tags: [tag] }),
    );
    await publishArticles(SITE, articles);
    for (const [i, tag] of tags.entries()) {
      const res = await request(`/tags/${encodeURIComponent(tag)}/rss.xml`, { redirect: "manual" });
      expect(res.status).toBe(200);
      const guids = Array.from(parseXml(await res.text()).getElementsByTagName("guid"), (e) => e.textContent);
      expect(guids).toEqual([articles[i]?.id]);
    }
  });

  it("every archive chain lists each article exactly once", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        (n, size, page) => {
          const items = Array.from({ length: n }, (_, i) => n - i);
          const { subscription, archives } = splitIntoChain(items, size, page);
          const walked = [...subscription, ...archives.toReversed().flat()];
          expect(walked).toEqual(items);
          expect(subscription.length).toBe(Math.min(n, size));
          const growingFirst = archives.length === 2 && archives[1]?.length === 0;
          expect(growingFirst || archives.slice(0, -1).every((p) => p.length === page)).toBe(true);
          if (archives.length > 0) expect(archives.length).toBeGreaterThanOrEqual(2);
        },
      ),
      { numRuns: 300 },
    );
  });
});
