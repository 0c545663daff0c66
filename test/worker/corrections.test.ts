import { Validator } from "@cfworker/json-schema";
import type { Document, Element } from "@xmldom/xmldom";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import jsonFeedSchema from "jsonfeed-schema/schema-v1.1.json";
import { beforeAll, describe, expect, it } from "vitest";
import { article, CORRECTIONS, SITE } from "./fixtures.ts";
import { clearKv, parseHtml, parseXml, publishArticles, request } from "./helpers.ts";

const CORRECTED = "tag:patrika.example,2019:articles/test";

beforeAll(async () => {
  await clearKv();
  await publishArticles(SITE, [
    article({ updated: "2019-11-02T09:30:00+05:30", corrections: CORRECTIONS }),
    article({ slug: "plain", id: "tag:patrika.example,2019:articles/plain", published: "2019-10-01T10:00:00+05:30" }),
  ]);
});

async function text(path: string, accept?: string): Promise<string> {
  const res = await request(path, accept ? { headers: { Accept: accept } } : {});
  expect(res.status).toBe(200);
  return res.text();
}

const elements = (parent: Document | Element, name: string) => Array.from(parent.getElementsByTagName(name));

function jsonLd(doc: Document): Record<string, unknown> {
  const script = elements(doc, "script").find((s) => s.getAttribute("type") === "application/ld+json");
  return JSON.parse(script?.textContent ?? "{}");
}

/** The corrections note at the end of an item's HTML content: the text of each paragraph that starts "सुधार (". */
function notes(html: string): string[] {
  return elements(parseHtml(`<body>${html}</body>`), "p")
    .map((p) => p.textContent ?? "")
    .filter((p) => p.startsWith("सुधार ("));
}

// What a reader of any format must find at the end of the corrected item, written out by hand.
const EXPECTED_NOTES = [`सुधार (1 नवंबर 2019): ${CORRECTIONS[0]?.text}`, `सुधार (2 नवंबर 2019): ${CORRECTIONS[1]?.text}`];

describe("a corrected article's page", () => {
  it("shows the corrections under the headline in a labelled aside, each with its date in Hindi", async () => {
    const doc = parseHtml(await text("/articles/test", "text/html"));
    const [aside, ...more] = elements(doc, "aside");
    expect(more).toEqual([]);
    const heading = doc.getElementById(aside?.getAttribute("aria-labelledby") ?? "");
    expect([heading?.tagName.toLowerCase(), heading?.parentNode === aside]).toEqual(["h2", true]);
    expect(heading?.textContent).toBe("सुधार Corrections");
    const article = elements(doc, "article")[0] as Element;
    const order = Array.from(article.childNodes)
      .filter((n) => n.nodeType === 1)
      .map((n) => (n as Element).tagName.toLowerCase());
    expect(order.indexOf("aside")).toBeGreaterThan(order.indexOf("h1"));
    expect(order.indexOf("aside")).toBeLessThan(order.lastIndexOf("p"));
    const entries = elements(aside as Element, "p").map((p) => {
      const time = p.getElementsByTagName("time")[0];
      return [time?.getAttribute("datetime"), p.textContent];
    });
    expect(entries).toEqual([
      ["2019-11-01T21:05:00+05:30", `1 नवंबर 2019 को रात 9:05 बजे IST: ${CORRECTIONS[0]?.text}`],
      ["2019-11-02T09:30:00+05:30", `2 नवंबर 2019 को सुबह 9:30 बजे IST: ${CORRECTIONS[1]?.text}`],
    ]);
  });

  it("lists them in JSON-LD as CorrectionComment, and an uncorrected page has neither", async () => {
    expect(jsonLd(parseHtml(await text("/articles/test", "text/html"))).correction).toEqual([
      { "@type": "CorrectionComment", text: CORRECTIONS[0]?.text, datePublished: "2019-11-01T21:05:00+05:30" },
      { "@type": "CorrectionComment", text: CORRECTIONS[1]?.text, datePublished: "2019-11-02T09:30:00+05:30" },
    ]);
    const plain = parseHtml(await text("/articles/plain", "text/html"));
    expect(elements(plain, "aside")).toEqual([]);
    expect(jsonLd(plain).correction).toBeUndefined();
  });
});

describe("a corrected article's feed items", () => {
  it("end their RSS content:encoded with the corrections note", async () => {
    const xml = await text("/rss.xml");
    parseXml(xml);
    const items = parseRssFeed(xml).items ?? [];
    expect(items.map((item) => [item.guid?.value, notes(item.content?.encoded ?? "")])).toEqual([
      [CORRECTED, EXPECTED_NOTES],
      ["tag:patrika.example,2019:articles/plain", []],
    ]);
  });

  it("end their Atom content with the corrections note", async () => {
    const xml = await text("/atom.xml");
    parseXml(xml);
    const entries = parseAtomFeed(xml).entries ?? [];
    expect(entries.map((entry) => [entry.id, notes(entry.content?.value ?? "")])).toEqual([
      [CORRECTED, EXPECTED_NOTES],
      ["tag:patrika.example,2019:articles/plain", []],
    ]);
  });

  it("end their JSON Feed content_html with the corrections note, in a valid JSON Feed 1.1", async () => {
    const json = await text("/feed.json");
    const result = new Validator(jsonFeedSchema as object, "7").validate(JSON.parse(json));
    expect(result.errors).toEqual([]);
    const items = parseJsonFeed(json).items ?? [];
    expect(items.map((item) => [item.id, notes(item.content_html ?? "")])).toEqual([
      [CORRECTED, EXPECTED_NOTES],
      ["tag:patrika.example,2019:articles/plain", []],
    ]);
  });
});
