import type { Document, Element } from "@xmldom/xmldom";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { illegalCharacterProblem, normaliseText, singleLineProblem } from "../../src/content/text.ts";
import { renderFeed } from "../../src/render/feeds.ts";
import { article, LOCAL_IMAGE, page } from "./fixtures.ts";
import { parseHtml, parseXml } from "./helpers.ts";

const ATOM = "http://www.w3.org/2005/Atom";
const CONTENT = "http://purl.org/rss/1.0/modules/content/";
const MEDIA = "http://search.yahoo.com/mrss/";

/** The XML 1.0 `Char` production, less the C1 controls, written out independently of the code. */
function isPublishable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
      continue;
    }
    const ok =
      unit === 0x9 ||
      unit === 0xa ||
      unit === 0xd ||
      (unit >= 0x20 && unit < 0x7f) ||
      (unit > 0x9f && unit <= 0xd7ff) ||
      (unit >= 0xe000 && unit <= 0xfffd);
    if (!ok) return false;
  }
  return true;
}

/** Pieces that have broken feed writers, mixed with arbitrary code points. */
const tricky = fc.constantFrom(
  "]]>",
  "]]]]>",
  "<![CDATA[",
  "&amp;",
  "&lt;",
  "&#38;",
  "&",
  "<",
  ">",
  '"',
  "'",
  "\u200f",
  "\u202e",
  "\u200d",
  "\u200c",
  "\ufeff",
  "\u00a0",
  "👩🏽‍💻",
  "क़",
  "क\u093c",
  "ड़",
  "श्र",
  "\r\n",
  "\t",
  "\u0000",
  "\u001b",
  "\u0085",
  "\ud800",
  "\udfff",
  "\uffff",
);
const text = fc
  .array(fc.oneof(tricky, fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 12 })
  .map((parts) => parts.join(""));

const htmlUnescape = (s: string) =>
  s.replace(
    /&(lt|gt|quot|#39|apos|amp);/g,
    (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", amp: "&" })[e] ?? "",
  );
const childText = (parent: Element, ns: string | null, name: string) =>
  parent.getElementsByTagNameNS(ns, name)[0]?.textContent;

describe("escaping (property)", () => {
  it("refuses exactly the text that XML cannot carry", () => {
    fc.assert(
      fc.property(text, (raw) => {
        expect(illegalCharacterProblem(normaliseText(raw)) === undefined).toBe(isPublishable(normaliseText(raw)));
      }),
      { numRuns: 500 },
    );
  });

  it("gives back exactly the published title, summary, content, tag, byline and feed title in all three formats", () => {
    const publishable = text.map(normaliseText).filter(isPublishable);
    const oneLine = publishable.filter((s) => singleLineProblem(s) === undefined);
    fc.assert(
      fc.property(
        oneLine,
        publishable,
        publishable,
        oneLine,
        oneLine,
        oneLine,
        (title, summary, contentHtml, tag, byline, feedTitle) => {
          const items = [article({ title, summary, contentHtml, tags: [tag], byline })];
          const render = (format: "rss" | "atom" | "json") =>
            renderFeed(page(items, { title: feedTitle }), format, { ttlMinutes: 5 });

          const rss: Document = parseXml(render("rss"));
          const item = rss.getElementsByTagName("item")[0] as Element;
          expect(childText(item, null, "title")).toBe(title);
          expect(htmlUnescape(childText(item, null, "description") ?? "")).toBe(summary);
          expect(childText(item, CONTENT, "encoded")).toBe(contentHtml);
          expect(childText(item, null, "category")).toBe(tag);
          expect(childText(item, "http://purl.org/dc/elements/1.1/", "creator")).toBe(byline);
          expect(childText(rss.getElementsByTagName("channel")[0] as Element, null, "title")).toBe(feedTitle);

          const atom: Document = parseXml(render("atom"));
          const entry = atom.getElementsByTagNameNS(ATOM, "entry")[0] as Element;
          expect(childText(entry, ATOM, "title")).toBe(title);
          expect(childText(entry, ATOM, "summary")).toBe(summary);
          expect(childText(entry, ATOM, "content")).toBe(contentHtml);
          expect(entry.getElementsByTagNameNS(ATOM, "category")[0]?.getAttribute("term")).toBe(tag);
          expect(childText(entry, ATOM, "name")).toBe(byline);
          expect(childText(atom.documentElement as Element, ATOM, "title")).toBe(feedTitle);

          const feed = JSON.parse(render("json"));
          const json = feed.items[0];
          expect([json.title, json.summary, json.content_html, json.tags]).toEqual([
            title,
            summary,
            contentHtml,
            [tag],
          ]);
          expect([json.authors[0].name, feed.title]).toEqual([byline, feedTitle]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives back exactly an image's alt text, caption and credit in the Media RSS elements and the figure", () => {
    const publishable = text.map(normaliseText).filter((s) => s !== "" && isPublishable(s));
    const oneLine = publishable.filter((s) => singleLineProblem(s) === undefined);
    fc.assert(
      fc.property(oneLine, publishable, oneLine, (alt, caption, credit) => {
        const items = [article({ image: { ...LOCAL_IMAGE, alt, caption, credit } })];
        const render = (format: "rss" | "atom" | "json") => renderFeed(page(items), format, { ttlMinutes: 5 });
        const figure = (html: string) => {
          const doc = parseHtml(`<!doctype html><body>${html}`);
          return [
            doc.getElementsByTagName("img")[0]?.getAttribute("alt"),
            doc.getElementsByTagName("figcaption")[0]?.textContent,
          ];
        };
        const expected = [alt, `${caption} — ${credit}`];
        for (const [format, contentNs, contentName] of [
          ["rss", CONTENT, "encoded"],
          ["atom", ATOM, "content"],
        ] as const) {
          const doc = parseXml(render(format));
          const media = doc.getElementsByTagNameNS(MEDIA, "content")[0] as Element;
          expect([
            childText(media, MEDIA, "title"),
            childText(media, MEDIA, "description"),
            childText(media, MEDIA, "credit"),
          ]).toEqual([alt, caption, credit]);
          expect(figure(childText(doc.documentElement as Element, contentNs, contentName) ?? "")).toEqual(expected);
        }
        expect(figure(JSON.parse(render("json")).items[0].content_html)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
