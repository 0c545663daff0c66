import { describe, expect, it } from "vitest";
import { sectionDir } from "../../src/content/sections.ts";
import { tagDir } from "../../src/content/tags.ts";
import { authorDir } from "../../src/content/urls.ts";
import { renderArticlePage } from "../../src/html/article-page.ts";
import { renderAuthorPage } from "../../src/html/author-page.ts";
import { renderFeedPreview } from "../../src/html/feed-preview.ts";
import { renderHomePage } from "../../src/html/home-page.ts";
import { renderSectionPage } from "../../src/html/section-page.ts";
import { SITE_CSS } from "../../src/html/styles.ts";
import { renderTagPage } from "../../src/html/tag-page.ts";
import { sha256 } from "../../src/kv/hash.ts";
import { RENDERER_VERSION, renderFeed } from "../../src/render/feeds.ts";
import { renderNewsSitemap } from "../../src/render/news-sitemap.ts";
import { renderOpml } from "../../src/render/opml.ts";
import { renderRobots } from "../../src/render/robots.ts";
import { renderSitemapIndex, renderUrlset } from "../../src/render/sitemaps.ts";
import { AVATAR, article, CORRECTIONS, LOCAL_IMAGE, page, SITE, SITE_IMAGES } from "./fixtures.ts";

/**
 * For each `RENDERER_VERSION`, the SHA-256 of the files in `snapshots/` concatenated in name order
 * (`LC_ALL=C cat test/worker/snapshots/* | sha256sum`). Output that changes needs a new version
 * (feed ETags carry it) and a new row, so `vitest -u` alone cannot make this pass. Only a change
 * to the fixture below edits an existing row.
 */
const DIGESTS: Record<number, string> = {
  1: "b3a12aab104626fc82d149d96fa4a89c1d58ce498cfef6e696c009e5d3467671",
  2: "69c2092d54ade2b97b35a0fa3d8b1fa995d521900d1593287c0a09b5319b59aa",
  3: "31b5133c4207a267540a3b0321a872a377ae879a5f5b8b26293def264e529a28",
  4: "ecf2524b91210dbc582a5f43f871e8a389462b26f299a3f4bfc9359d65f3a15a",
  5: "e4319eb0522e403d0888d155a514d536cf6a5e77483d7c57373e3db1144d1504",
};

const site = { ...SITE, ...SITE_IMAGES };

const TAG = "निजता";
const newer = article({
  id: "tag:patrika.example,2019:articles/whatsapp-pegasus-spying-action",
  slug: "whatsapp-pegasus-spying-action",
  title: "व्हाट्सएप ने कहा- जासूसी मामले में की कड़ी कार्रवाई",
  titleEn: "WhatsApp says it took strong action in the spying case",
  summary: "व्हाट्सएप ने कहा कि वह नागरिकों की निजता की रक्षा पर सरकार से सहमत है।",
  contentHtml:
    '<p>व्हाट्सएप ने <a href="https://www.example.com/report">अपनी रिपोर्ट</a> में कहा कि उसने कड़ी कार्रवाई की है।</p>\n<p>कंपनी ने कहा कि वह सरकार के रुख का समर्थन करती है।</p>',
  image: LOCAL_IMAGE,
  byline: "अनुराधा शर्मा और डिजिटल डेस्क",
  authors: [
    { key: "anuradha-sharma", name: "अनुराधा शर्मा", nameEn: "Anuradha Sharma" },
    { key: "digital-desk", name: "डिजिटल डेस्क", desk: true },
  ],
  tags: [TAG, "NSO ग्रुप"],
  published: "2019-11-01T19:18:00+05:30",
  updated: "2019-11-02T09:30:00+05:30",
  corrections: CORRECTIONS,
});
const older = article({
  id: "tag:patrika.example,2019:articles/pegasus-explained",
  slug: "pegasus-explained",
  title: "पेगासस क्या है",
  summary: "जासूसी सॉफ़्टवेयर के बारे में पाँच बातें।",
  contentHtml: "<p>पेगासस एक जासूसी सॉफ़्टवेयर है।</p>",
  tags: [TAG],
  published: "2019-10-31T10:00:00+05:30",
  updated: "2019-10-31T10:00:00+05:30",
});
const items = [newer, older];
const main = page(items, {
  site,
  archive: { page: null, pages: 3 },
  tags: [
    { tag: TAG, count: 2 },
    { tag: "NSO ग्रुप", count: 1 },
  ],
  authors: [
    { key: "anuradha-sharma", name: "अनुराधा शर्मा", count: 1 },
    { key: "digital-desk", name: "डिजिटल डेस्क", count: 1 },
  ],
  sections: [
    { key: "desh", name: "देश", count: 1 },
    { key: "tech", name: "टेक", count: 2 },
  ],
});
const archived = page(items, { site, archive: { page: 2, pages: 3 } });
const authored = page([newer], {
  site,
  dir: authorDir("anuradha-sharma"),
  author: {
    key: "anuradha-sharma",
    name: "अनुराधा शर्मा",
    nameEn: "Anuradha Sharma",
    url: "https://social.example/@anuradha",
    avatar: AVATAR,
    bio: "अनुराधा पत्रिका में तकनीक और निजता पर लिखती हैं।",
  },
  title: `अनुराधा शर्मा — ${SITE.title}`,
  description: `अनुराधा शर्मा की ख़बरें — ${SITE.title}`,
});
const sectioned = page(items, {
  site,
  dir: sectionDir("tech"),
  section: { key: "tech", name: "टेक", nameEn: "Tech" },
  title: `टेक — ${SITE.title}`,
  description: `टेक की ख़बरें — ${SITE.title}`,
});
const tagged = page(items, {
  site,
  dir: tagDir(TAG),
  tag: TAG,
  title: `${TAG} — ${SITE.title}`,
  description: `“${TAG}” से जुड़ी ख़बरें — ${SITE.title}`,
});

const HASH = "0".repeat(64);
const sitemapIndex = {
  baseUrl: SITE.baseUrl,
  hash: HASH,
  sitemaps: [
    { path: "/sitemaps/pages.xml", hash: HASH, lastmod: newer.updated },
    { path: "/sitemaps/articles-2019-10.xml", hash: HASH, lastmod: older.updated },
    { path: "/sitemaps/articles-2019-11.xml", hash: HASH, lastmod: newer.updated },
  ],
};
const newsArticles = items.map((a) => ({
  url: `${SITE.baseUrl}/articles/${a.slug}`,
  title: a.title,
  published: a.published,
  updated: a.updated,
  ...(a.image ? { image: a.image.large.url } : {}),
}));

const OUTPUTS: Record<string, () => string | Promise<string>> = {
  "rss.xml": () => renderFeed(archived, "rss", { ttlMinutes: 5 }),
  "atom.xml": () => renderFeed(archived, "atom", { ttlMinutes: 5 }),
  "feed.json": () => renderFeed(archived, "json", { ttlMinutes: 5 }),
  "home.html": () => renderHomePage(main),
  "article.html": () => renderArticlePage({ site, article: newer }),
  "tag.html": () => renderTagPage(tagged),
  "author.html": () => renderAuthorPage(authored),
  "section.html": () => renderSectionPage(sectioned),
  "feed-preview.html": () => renderFeedPreview(main, "atom"),
  "feeds.opml": () => renderOpml(main),
  "site.css": () => SITE_CSS,
  "sitemap.xml": () => renderSitemapIndex(sitemapIndex),
  "sitemap-articles.xml": () =>
    renderUrlset(items.map((a) => ({ loc: `${SITE.baseUrl}/articles/${a.slug}`, lastmod: a.updated }))),
  "news-sitemap.xml": () =>
    renderNewsSitemap({ hash: HASH, publication: SITE.title, language: "hi", articles: newsArticles }, newsArticles),
  "robots.txt": () => renderRobots([`${SITE.baseUrl}/sitemap.xml`, `${SITE.baseUrl}/news-sitemap.xml`]),
};
const NAMES = Object.keys(OUTPUTS).sort();

describe("rendered output, one snapshot file per document", () => {
  it.each(NAMES)("%s", async (name) => {
    await expect(await OUTPUTS[name]?.()).toMatchFileSnapshot(`./snapshots/${name}`);
  });

  it(`is the output recorded for RENDERER_VERSION ${RENDERER_VERSION}`, async () => {
    const rendered = await Promise.all(NAMES.map((name) => OUTPUTS[name]?.()));
    const digest = await sha256(rendered.join(""));
    const fix =
      DIGESTS[RENDERER_VERSION] === undefined
        ? `add the row ${RENDERER_VERSION}: "${digest}" to DIGESTS`
        : `bump RENDERER_VERSION in src/render/feeds.ts and add its row to DIGESTS, with digest "${digest}"`;
    expect(digest, `Rendered output changed: review the diff in test/worker/snapshots/, then ${fix}.`).toBe(
      DIGESTS[RENDERER_VERSION],
    );
  });
});
