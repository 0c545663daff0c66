import type { Document, Element } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { article, EXTERNAL_IMAGE, LOCAL_IMAGE, SITE, SITE_IMAGES } from "./fixtures.ts";
import { clearKv, parseHtml, publishArticles, request } from "./helpers.ts";

const MEDIA = "http://localhost:8787/media";
const LARGE = `${MEDIA}/5e0c2f4a9b7d13e8a6c4f021-2000x1333.jpeg`;
const SMALL = `${MEDIA}/5e0c2f4a9b7d13e8a6c4f021-400x267.jpeg`;
const EXTERNAL = "https://images.example.org/2019/11/pegasus.jpg";
const ICON = (edge: number) => `${MEDIA}/a1b2c3d4e5f6a7b8c9d0e1f2-${edge}x${edge}.png`;
const ALT = "एक फ़ोन की स्क्रीन पर व्हाट्सएप का लोगो";

beforeAll(async () => {
  await clearKv();
  const articles = [
    article({ image: LOCAL_IMAGE }),
    article({
      slug: "external",
      id: "tag:patrika.example,2019:articles/external",
      image: EXTERNAL_IMAGE,
      published: "2019-10-15T10:00:00+05:30",
    }),
    article({ slug: "plain", id: "tag:patrika.example,2019:articles/plain", published: "2019-10-01T10:00:00+05:30" }),
  ];
  await publishArticles({ ...SITE, ...SITE_IMAGES }, articles);
});

async function page(path: string): Promise<Document> {
  const res = await request(path, { headers: { Accept: "text/html" } });
  expect(res.status).toBe(200);
  return parseHtml(await res.text());
}

const elements = (doc: Document, name: string) => Array.from(doc.getElementsByTagName(name)) as Element[];
const attributes = (element: Element | undefined, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, element?.getAttribute(name) ?? null]));

/** The content of each `<meta property>` or `<meta name>` the page has, by its property or name. */
function metas(doc: Document): Record<string, string | null> {
  return Object.fromEntries(
    elements(doc, "meta")
      .filter((m) => m.hasAttribute("property") || m.hasAttribute("name"))
      .map((m) => [m.getAttribute("property") ?? m.getAttribute("name"), m.getAttribute("content")]),
  );
}

function jsonLd(doc: Document): Record<string, unknown> {
  const script = elements(doc, "script").find((s) => s.getAttribute("type") === "application/ld+json");
  return JSON.parse(script?.textContent ?? "{}");
}

describe("an article page with a lead image", () => {
  it("shows the image with its size, a srcset of both renditions, alt text, caption and credit", async () => {
    const doc = await page("/articles/test");
    const [figure] = elements(doc, "figure");
    const img = figure?.getElementsByTagName("img")[0];
    expect(attributes(img, ["src", "srcset", "alt", "width", "height", "loading"])).toEqual({
      src: LARGE,
      srcset: `${SMALL} 400w, ${LARGE} 2000w`,
      alt: ALT,
      width: "2000",
      height: "1333",
      loading: null,
    });
    expect(img?.getAttribute("sizes")).toMatch(/100vw$/);
    expect(figure?.getElementsByTagName("figcaption")[0]?.textContent).toBe(
      "व्हाट्सएप ने NSO ग्रुप पर अमेरिका में मुकदमा किया है। फ़ोटो: रॉयटर्स",
    );
  });

  it("describes the image to link previews and search engines", async () => {
    const doc = await page("/articles/test");
    expect(metas(doc)).toMatchObject({
      "og:image": LARGE,
      "og:image:type": "image/jpeg",
      "og:image:width": "2000",
      "og:image:height": "1333",
      "og:image:alt": ALT,
      "twitter:card": "summary_large_image",
    });
    const data = jsonLd(doc);
    expect(data.image).toEqual([{ "@type": "ImageObject", url: LARGE, width: 2000, height: 1333 }]);
    expect(data.publisher).toEqual({
      "@type": "Organization",
      name: SITE.publisher,
      logo: { "@type": "ImageObject", url: `${MEDIA}/0f1e2d3c4b5a69788796a5b4-600x300.png`, width: 600, height: 300 },
    });
  });

  it("offers an external image without a srcset, since it has one rendition", async () => {
    const doc = await page("/articles/external");
    const img = elements(doc, "figure")[0]?.getElementsByTagName("img")[0];
    expect(attributes(img, ["src", "srcset", "width", "height"])).toEqual({
      src: EXTERNAL,
      srcset: null,
      width: "1200",
      height: "800",
    });
    expect(elements(doc, "figcaption")).toEqual([]);
  });
});

describe("pages without a lead image", () => {
  it("show no figure and use the small Twitter card", async () => {
    const doc = await page("/articles/plain");
    expect(elements(doc, "figure")).toEqual([]);
    expect(metas(doc)["twitter:card"]).toBe("summary");
    expect(metas(doc)["og:image"]).toBeUndefined();
    expect(jsonLd(doc).image).toBeUndefined();
  });
});

describe("lists and the site icon", () => {
  it("show each article's thumbnail, the small rendition with its size, loaded lazily", async () => {
    const doc = await page("/");
    const thumbs = elements(doc, "img").map((img) => attributes(img, ["src", "width", "height", "loading", "alt"]));
    expect(thumbs).toEqual([
      { src: SMALL, width: "400", height: "267", loading: "lazy", alt: ALT },
      { src: EXTERNAL, width: "1200", height: "800", loading: "lazy", alt: "पेगासस स्पाइवेयर का चित्रण" },
    ]);
  });

  it.each(["/", "/articles/plain", "/rss.xml"])("link the icon in %s for browsers and home screens", async (path) => {
    const links = elements(await page(path), "link").filter((l) => /icon/.test(l.getAttribute("rel") ?? ""));
    expect(links.map((l) => attributes(l, ["rel", "sizes", "type", "href"]))).toEqual([
      { rel: "icon", sizes: "32x32", type: "image/png", href: ICON(32) },
      { rel: "icon", sizes: "64x64", type: "image/png", href: ICON(64) },
      { rel: "apple-touch-icon", sizes: null, type: null, href: ICON(180) },
    ]);
  });
});
