import type { Article, ArticleImage, Correction, FeedPage, ImageFile, Site } from "../../src/content/model.ts";

/** A site as `content/site.yaml` would give it, published for http://localhost:8787. */
export const SITE: Site = {
  title: "पत्रिका",
  description: "हिंदी समाचार",
  baseUrl: "http://localhost:8787",
  language: "hi",
  publisher: "पत्रिका समाचार डेस्क",
  rights: "© पत्रिका",
  itemsPerFeed: 50,
  taggingEntity: "patrika.example,2019",
};

/** An article with every field set; override what a test is about (a byline alone names an unlisted author). */
export function article(overrides: Partial<Article> = {}): Article {
  const byline = overrides.byline ?? "डिजिटल डेस्क";
  return {
    id: "tag:patrika.example,2019:articles/test",
    slug: "test",
    title: "परीक्षण शीर्षक",
    summary: "सारांश",
    contentHtml: "<p>पाठ</p>",
    byline,
    authors: [{ name: byline }],
    dateline: "नई दिल्ली",
    tags: ["परीक्षण"],
    published: "2019-11-01T19:18:00+05:30",
    updated: "2019-11-01T19:18:00+05:30",
    ...overrides,
  };
}

/** The main feed page holding the given articles. */
export function page(items: Article[], overrides: Partial<FeedPage> = {}): FeedPage {
  return {
    site: SITE,
    dir: "",
    archive: { page: null, pages: 0 },
    title: SITE.title,
    description: SITE.description,
    updated: items[0]?.updated ?? "2019-11-01T19:18:00+05:30",
    hash: "0".repeat(64),
    items,
    ...overrides,
  };
}

/** Two corrections of an article updated at 2019-11-02T09:30:00+05:30, with text that needs escaping. */
export const CORRECTIONS: Correction[] = [
  {
    date: "2019-11-01T21:05:00+05:30",
    text: `पहले संस्करण में कंपनी का नाम "NSO" की जगह <NSA> लिखा था & उसे ठीक कर दिया गया है।`,
  },
  { date: "2019-11-02T09:30:00+05:30", text: "मुकदमे की तारीख़ 29 अक्टूबर है, 30 नहीं।" },
];

const MEDIA = "http://localhost:8787/media";

/** A lead image published into the media bucket, with a caption and a credit. */
/** An author's avatar: a square rendition in the media bucket. */
export const AVATAR: ImageFile = {
  url: `${MEDIA}/7c41d0e2b89a5f3316e0d4ab-256x256.jpeg`,
  type: "image/jpeg",
  width: 256,
  height: 256,
  bytes: 18_204,
};

export const LOCAL_IMAGE: ArticleImage = {
  alt: "एक फ़ोन की स्क्रीन पर व्हाट्सएप का लोगो",
  caption: "व्हाट्सएप ने NSO ग्रुप पर अमेरिका में मुकदमा किया है।",
  credit: "फ़ोटो: रॉयटर्स",
  large: {
    url: `${MEDIA}/5e0c2f4a9b7d13e8a6c4f021-2000x1333.jpeg`,
    type: "image/jpeg",
    width: 2000,
    height: 1333,
    bytes: 245_817,
  },
  small: {
    url: `${MEDIA}/5e0c2f4a9b7d13e8a6c4f021-400x267.jpeg`,
    type: "image/jpeg",
    width: 400,
    height: 267,
    bytes: 18_342,
  },
};

const EXTERNAL_FILE: ImageFile = {
  url: "https://images.example.org/2019/11/pegasus.jpg",
  type: "image/jpeg",
  width: 1200,
  height: 800,
};

/** A lead image on another site: no size in bytes, and one file for both renditions. */
export const EXTERNAL_IMAGE: ArticleImage = {
  alt: "पेगासस स्पाइवेयर का चित्रण",
  large: EXTERNAL_FILE,
  small: EXTERNAL_FILE,
};

/** The site's icon in every size and its wide logo, as the publisher writes them. */
export const SITE_IMAGES: Pick<Site, "icon" | "logo"> = {
  icon: [32, 64, 144, 180, 512].map((edge) => ({
    url: `${MEDIA}/a1b2c3d4e5f6a7b8c9d0e1f2-${edge}x${edge}.png`,
    type: "image/png",
    width: edge,
    height: edge,
    bytes: edge * 40,
  })),
  logo: {
    url: `${MEDIA}/0f1e2d3c4b5a69788796a5b4-600x300.png`,
    type: "image/png",
    width: 600,
    height: 300,
    bytes: 21_004,
  },
};
