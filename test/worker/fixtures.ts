import type { Article, FeedPage, Site } from "../../src/content/model.ts";

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

/** An article with every field set; override what a test is about. */
export function article(overrides: Partial<Article> = {}): Article {
  return {
    id: "tag:patrika.example,2019:articles/test",
    slug: "test",
    title: "परीक्षण शीर्षक",
    summary: "सारांश",
    contentHtml: "<p>पाठ</p>",
    byline: "डिजिटल डेस्क",
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
