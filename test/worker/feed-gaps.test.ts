import type { Element } from "@xmldom/xmldom";
import { Feed } from "feed";
import { describe, expect, it } from "vitest";
import { withAtomEntryElements, withAtomPlainText, withLinks, withRootAttributes } from "../../src/render/feed-gaps.ts";
import { renderFeed } from "../../src/render/feeds.ts";
import { Sealer } from "../../src/render/sealer.ts";
import { article, EXTERNAL_IMAGE, page, SITE } from "./fixtures.ts";
import { parseXml } from "./helpers.ts";

const ATOM = "http://www.w3.org/2005/Atom";
const DC = "http://purl.org/dc/elements/1.1/";
const render = (items = [article()], format: "rss" | "atom" | "json" = "rss") =>
  renderFeed(page(items), format, { ttlMinutes: 5 });
const first = (doc: ReturnType<typeof parseXml>, ns: string | null, name: string) =>
  doc.getElementsByTagNameNS(ns, name)[0] as Element;

describe("feed@6 gaps, each closed in src/render/feed-gaps.ts", () => {
  it("escapes every ]]> in CDATA, not only the first", () => {
    const contentHtml = "<p>a]]>b]]>c]]></p>";
    const title = "x]]>y]]>z";
    const rss = parseXml(render([article({ contentHtml, title })]));
    expect(first(rss, "http://purl.org/rss/1.0/modules/content/", "encoded").textContent).toBe(contentHtml);
    expect(rss.getElementsByTagName("item")[0]?.getElementsByTagName("title")[0]?.textContent).toBe(title);
    const atom = parseXml(render([article({ contentHtml })], "atom"));
    expect(first(atom, ATOM, "content").textContent).toBe(contentHtml);
  });

  it("escapes < and quotes in attributes, and keeps a literal &amp; in text", () => {
    const tag = `<b a="1">&amp; 'x'`;
    const atom = parseXml(render([article({ tags: [tag], title: "&amp; &lt;" })], "atom"));
    expect(first(atom, ATOM, "category").getAttribute("term")).toBe(tag);
    const entry = first(atom, ATOM, "entry");
    expect(entry.getElementsByTagNameNS(ATOM, "title")[0]?.textContent).toBe("&amp; &lt;");
    const rss = parseXml(render([article({ tags: [tag] })]));
    expect(first(rss, null, "category").textContent).toBe(tag);
  });

  it("keeps each date's own UTC offset instead of converting to UTC", () => {
    const items = [
      article({ published: "2019-11-01T19:18:00+05:30", updated: "2019-11-02T08:00:00-04:00" }),
      article({
        slug: "b",
        id: "tag:patrika.example,2019:articles/b",
        published: "2019-10-01T00:00:00Z",
        updated: "2019-10-01T00:00:00Z",
      }),
    ];
    const rss = parseXml(render(items));
    expect(Array.from(rss.getElementsByTagName("pubDate"), (e) => e.textContent)).toEqual([
      "Fri, 01 Nov 2019 19:18:00 +0530",
      "Tue, 01 Oct 2019 00:00:00 +0000",
    ]);
    const atom = parseXml(render(items, "atom"));
    expect(Array.from(atom.getElementsByTagNameNS(ATOM, "published"), (e) => e.textContent)).toEqual([
      "2019-11-01T19:18:00+05:30",
      "2019-10-01T00:00:00+00:00",
    ]);
    expect(Array.from(atom.getElementsByTagNameNS(ATOM, "updated"), (e) => e.textContent).slice(1)).toEqual([
      "2019-11-02T08:00:00-04:00",
      "2019-10-01T00:00:00+00:00",
    ]);
    const json = JSON.parse(render(items, "json"));
    expect(json.items.map((i: { date_modified: string }) => i.date_modified)).toEqual([
      "2019-11-02T08:00:00-04:00",
      "2019-10-01T00:00:00+00:00",
    ]);
  });

  it("names the RSS author with dc:creator, never a bare name in <author>", () => {
    const rss = parseXml(render([article({ byline: "डिजिटल डेस्क" })]));
    expect(rss.getElementsByTagName("author")).toHaveLength(0);
    expect(Array.from(rss.getElementsByTagNameNS(DC, "creator"), (e) => e.textContent)).toEqual(["डिजिटल डेस्क"]);
  });

  it("sets xml:lang on the Atom root", () => {
    const atom = parseXml(render([article()], "atom"));
    expect(atom.documentElement?.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang")).toBe("hi");
  });

  it("marks plain-text Atom titles and summaries type=text, so markup in them stays text", () => {
    const atom = parseXml(render([article({ title: "<i>not italic</i>", summary: "a < b" })], "atom"));
    const entry = first(atom, ATOM, "entry");
    for (const name of ["title", "summary"]) {
      expect(entry.getElementsByTagNameNS(ATOM, name)[0]?.getAttribute("type")).toBe("text");
    }
    expect(entry.getElementsByTagNameNS(ATOM, "title")[0]?.textContent).toBe("<i>not italic</i>");
  });

  it("writes JSON Feed 1.1: version, language and authors arrays", () => {
    const json = JSON.parse(render([article()], "json"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.language).toBe("hi");
    expect(json.authors).toEqual([{ name: "पत्रिका समाचार डेस्क" }]);
    expect(json.author).toBeUndefined();
    expect(json.items[0].authors).toEqual([{ name: "डिजिटल डेस्क" }]);
    expect(json.items[0].author).toBeUndefined();
  });

  it("gives an image enclosure its true type, which feed would guess from the URL", () => {
    const file = { url: "https://images.example.org/photo?id=7", type: "image/webp", width: 800, height: 600 };
    const items = [article({ image: { ...EXTERNAL_IMAGE, large: file, small: file } })];
    const atom = parseXml(render(items, "atom"));
    const enclosure = Array.from(atom.getElementsByTagNameNS(ATOM, "link")).find(
      (l) => l.getAttribute("rel") === "enclosure",
    );
    expect([enclosure?.getAttribute("type"), enclosure?.getAttribute("href")]).toEqual([
      "image/webp",
      "https://images.example.org/photo?id=7",
    ]);
    expect(first(parseXml(render(items)), null, "enclosure").getAttribute("type")).toBe("image/webp");
  });

  it("keeps a base URL intact where String.replace patterns like $' and $& would corrupt it", () => {
    const baseUrl = "http://localhost:8787/$'a$&b";
    const archived = page([article()], { site: { ...SITE, baseUrl }, archive: { page: 2, pages: 3 } });
    for (const format of ["rss", "atom"] as const) {
      const doc = parseXml(renderFeed(archived, format, { ttlMinutes: 5 }));
      const links = Array.from(doc.getElementsByTagNameNS(ATOM, "link"), (l) => [
        l.getAttribute("rel"),
        l.getAttribute("href"),
      ]);
      expect(links).toEqual(
        expect.arrayContaining([
          ["self", `${baseUrl}/archive/2/${format}.xml`],
          ["current", `${baseUrl}/${format}.xml`],
          ["prev-archive", `${baseUrl}/archive/1/${format}.xml`],
          ["next-archive", `${baseUrl}/archive/3/${format}.xml`],
        ]),
      );
    }
  });

  it("fails loudly when feed no longer writes what an edit anchors on", () => {
    const atom = render([article()], "atom");
    expect(() => withRootAttributes(atom.replace("<feed ", "<feed  "), "atom", {})).toThrow(
      /^expected "<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"" exactly once$/,
    );
    expect(() => withLinks(atom.replace('rel="self"', 'rel="me"'), [], false)).toThrow(/^no self link found$/);
    expect(() => withAtomEntryElements(atom.replace("\n    </entry>", "\n  </entry>"), [[]])).toThrow(
      /^expected "\n {4}<\/entry>" 1 times, found it 0 times$/,
    );
  });

  it("fails loudly when feed no longer marks a sealed title or summary as HTML", () => {
    const sealer = new Sealer();
    const feed = new Feed({ id: "urn:x", title: sealer.seal("t"), copyright: "", feedLinks: { atom: "urn:x:atom" } });
    feed.addItem({ title: sealer.seal("a"), description: sealer.seal("b"), link: "urn:x:1", date: new Date(0) });
    const sealed = feed.atom1();
    expect(
      parseXml(sealer.unsealXml(withAtomPlainText(sealed, 1)))
        .getElementsByTagNameNS(ATOM, "summary")[0]
        ?.getAttribute("type"),
    ).toBe("text");
    expect(() => withAtomPlainText(sealed.replace('<summary type="html">', "<summary>"), 1)).toThrow(
      /^expected 2 matches of .*, found 1$/,
    );
  });
});
