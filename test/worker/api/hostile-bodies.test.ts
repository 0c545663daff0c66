import { describe, expect, it } from "vitest";
import { drain, kvContents } from "../writer/writer-helpers.ts";
import { api, pngHeader, SITE_INPUT, storyInput } from "./api-helpers.ts";

interface Case {
  name: string;
  method: string;
  path: string;
  body: unknown;
  status: number;
  problems?: unknown[];
}

const PNG_640 = pngHeader(640, 480);
const MEDIA = "0123456789abcdef01234567";

const CASES: Case[] = [
  {
    name: "fields of the wrong type",
    method: "PUT",
    path: "/articles/galat",
    body: storyInput({ title: 5, tags: "संसद", published: "कल" }),
    status: 422,
    problems: ['title: must be text (quote it: "5")', "tags: must be a non-empty list"],
  },
  {
    name: "an unknown field and a slug other than the URL's",
    method: "PUT",
    path: "/articles/galat",
    body: storyInput({ slug: "doosra", headline: "x" }),
    status: 422,
    problems: [
      "headline: unknown field (expected one of: title, title_en, slug, id, summary, byline, authors, dateline, published, updated, tags, section, image, corrections, withdrawn, body, body_html)",
      'slug: "doosra" is not the slug of the URL, galat',
    ],
  },
  {
    name: "a body both as Markdown and as HTML",
    method: "PUT",
    path: "/articles/galat",
    body: storyInput({ body_html: "<p>दो</p>" }),
    status: 422,
    problems: ["body: give the body as Markdown in body or as HTML in body_html, not both"],
  },
  {
    name: "duplicate slugs and ids in one batch",
    method: "POST",
    path: "/articles",
    body: {
      articles: [
        storyInput({ slug: "ek" }),
        storyInput({ slug: "ek" }),
        storyInput({ slug: "do", id: "tag:patrika.example,2019:articles/ek" }),
      ],
    },
    status: 422,
    problems: [
      'articles[1].slug: "ek" is also in articles[0]',
      'articles[1].id: "tag:patrika.example,2019:articles/ek" is also in articles[0]',
      'articles[2].id: "tag:patrika.example,2019:articles/ek" is also in articles[0]',
    ],
  },
  {
    name: "an image naming a media file the service does not hold",
    method: "PUT",
    path: "/articles/galat",
    body: storyInput({ image: { alt: "चित्र", large: `${MEDIA}-1200x800.jpeg` } }),
    status: 422,
    problems: [
      `image.large: "${MEDIA}-1200x800.jpeg" is not a media file the service holds; PUT /api/v1/media/${MEDIA}-1200x800.jpeg first`,
    ],
  },
  { name: "a batch that is not an object", method: "POST", path: "/articles", body: [1, 2], status: 400 },
  { name: "a batch with an unknown key", method: "POST", path: "/articles", body: { put: [] }, status: 422 },
  {
    name: "a deletion that is not a slug",
    method: "POST",
    path: "/articles",
    body: { delete: ["../x", 3] },
    status: 422,
  },
  {
    name: "JSON nested 200 levels deep",
    method: "PUT",
    path: "/site",
    body: `${"[".repeat(200)}${"]".repeat(200)}`,
    status: 400,
  },
  { name: "text that is not JSON", method: "PUT", path: "/site", body: "title: पत्रिका", status: 400 },
  {
    name: "bytes that are not UTF-8",
    method: "PUT",
    path: "/site",
    body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    status: 400,
  },
  { name: "a body over the size limit", method: "PUT", path: "/site", body: `"${"क".repeat(200_000)}"`, status: 413 },
  {
    name: "a huge string in an article",
    method: "PUT",
    path: "/articles/galat",
    body: storyInput({ summary: "क".repeat(3_000_000) }),
    status: 413,
  },
  {
    name: "Markdown that would keep the writer converting for half a minute",
    method: "PUT",
    path: "/articles/galat",
    body: storyInput({ body: "_a".repeat(100_000) }),
    status: 422,
    problems: [expect.stringMatching(/^body: has more `\*` and `_` marks in its paragraphs than Markdown converts/)],
  },
  {
    name: "a body larger than an article file may be",
    method: "PUT",
    path: "/articles/galat",
    body: storyInput({ body: "क".repeat(1_500_000) }),
    status: 422,
    problems: ["body: is 4.3 MiB, over the limit of 4 MiB; shorten or split it"],
  },
  {
    name: "media bytes that are not what the name says",
    method: "PUT",
    path: `/media/${MEDIA}-1200x800.png`,
    body: PNG_640,
    status: 422,
    problems: [`media ${MEDIA}-1200x800.png: the image is 640×480 px, not the 1200×800 px its name says`],
  },
  {
    name: "media bytes of another type",
    method: "PUT",
    path: `/media/${MEDIA}-640x480.jpeg`,
    body: PNG_640,
    status: 422,
    problems: [`media ${MEDIA}-640x480.jpeg: the bytes are a png image, not jpeg`],
  },
  { name: "a media name that is not one", method: "PUT", path: "/media/photo.jpg", body: PNG_640, status: 422 },
];

describe("hostile request bodies to the ingest API", () => {
  it("refuses articles until there are site settings", async () => {
    const res = await api("PUT", "/articles/pehla", storyInput());
    expect(res.status).toBe(422);
    expect(((await res.json()) as { problems: string[] }).problems).toEqual([
      "articles: there are no site settings yet: PUT /api/v1/site first",
    ]);
  });

  it("are each a 4xx with every problem, and write nothing", async () => {
    expect((await api("PUT", "/site", SITE_INPUT)).status).toBe(200);
    await drain();
    const before = await kvContents();
    for (const c of CASES) {
      const res = await api(c.method, c.path, c.body);
      const text = await res.text();
      expect([c.name, res.status]).toEqual([c.name, c.status]);
      expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
      const { problems } = JSON.parse(text) as { problems: string[] };
      expect(problems.length).toBeGreaterThan(0);
      if (c.problems) expect(problems).toEqual(expect.arrayContaining(c.problems));
      expect(text).not.toMatch(/\bat .*:\d+:\d+/);
    }
    await drain();
    expect(await kvContents()).toEqual(before);
    const listing = (await (await api("GET", "/articles")).json()) as { articles: unknown[] };
    expect(listing.articles).toEqual([]);
    const media = (await (await api("GET", "/media")).json()) as { media: unknown[] };
    expect(media.media).toEqual([]);
  });
});
