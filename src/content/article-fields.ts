import { type AuthorDirectory, articleAuthors } from "./article-authors.ts";
import { characterLabel } from "./characters.ts";
import { readCorrections } from "./corrections.ts";
import { epochMillis } from "./dates.ts";
import type { Fields } from "./fields.ts";
import { MAX_ARTICLE_HTML_BYTES, overLimit, utf8Bytes } from "./limits.ts";
import type { Article, Correction, Site } from "./model.ts";
import { articleSection, type SiteSections } from "./section-fields.ts";
import { MAX_TAG_SEGMENT, tagSegment } from "./tags.ts";
import { htmlCharacterProblem } from "./text.ts";
import { articleId, articleUrl, isSlug, permanentIdProblem } from "./urls.ts";

/** The fields an article may have: front matter in a file, or the keys of an article the ingest API takes. */
export const ARTICLE_FIELDS = [
  "title",
  "title_en",
  "slug",
  "id",
  "summary",
  "byline",
  "authors",
  "dateline",
  "published",
  "updated",
  "tags",
  "section",
  "image",
  "corrections",
  "withdrawn",
];

/**
 * The reason an article is withdrawn (`withdrawn: "reason"`, one line): the story is taken down,
 * its key holds a tombstone with that reason, and no feed, list or sitemap names it. `undefined`
 * when it is not withdrawn, or the field has a problem (recorded).
 */
export function withdrawnReason(f: Fields): string | undefined {
  return f.line("withdrawn", false);
}

/** An article's fields as read, each `undefined` where it has a problem. */
export type ArticleRecord = { [K in keyof Article]: Article[K] | undefined };

/** What reading an article's fields needs besides the fields. */
export interface ArticleReading {
  /** The site settings, while they have no problem. */
  site: Site | undefined;
  /** The sections the site lists, while they have no problem. */
  sections: SiteSections | undefined;
  authors: AuthorDirectory;
  /** The slug when the fields name none: the file's name, or the API URL's slug; without it, a slug is required. */
  fileSlug: string | undefined;
  /** The body as HTML, resolved against the article's URL (`pageUrl`), or `undefined` after recording a problem. */
  body: (pageUrl: string) => Promise<string | undefined>;
}

const MAX_TAG_LENGTH = 100;
// What a body's relative links resolve against while the site or the slug has a problem, so
// that the body's own problems are still reported; nothing is published then.
const STAND_IN_URL = "https://stand-in.invalid/articles/stand-in";

/**
 * Reads and checks an article's fields (all but `image`, which depends on where images come
 * from), recording each problem with the field it is in: the same rules and messages for a
 * content file and for the ingest API.
 */
export async function readArticleFields(
  f: Fields,
  data: Record<string, unknown>,
  reading: ArticleReading,
): Promise<Omit<ArticleRecord, "image">> {
  const { site } = reading;
  const slug = articleSlug(f, reading.fileSlug);
  const published = f.dateTime("published");
  const updated = f.dateTime("updated", false) ?? (f.has("updated") ? undefined : published);
  if (published && updated && epochMillis(updated) < epochMillis(published))
    f.fail("updated", "is earlier than published");
  return {
    id: f.has("id") ? permanentId(f) : slug && site ? articleId(site, slug) : undefined,
    slug,
    title: f.line("title"),
    titleEn: f.line("title_en", false),
    summary: f.text("summary"),
    contentHtml: await reading.body(site && slug ? articleUrl(site, slug) : STAND_IN_URL),
    ...articleAuthors(f, reading.authors),
    dateline: f.line("dateline"),
    tags: f.lines("tags", tagProblem),
    section: articleSection(f, reading.sections),
    published,
    updated,
    corrections: articleCorrections(data.corrections, f, published, updated),
  };
}

/** Converted body HTML checked as the Worker will read it: its size, and characters XML cannot carry. */
export function checkedHtml(converted: { html: string } | { problem: string }, f: Fields): string | undefined {
  if ("problem" in converted) return f.fail("body", converted.problem);
  const tooLarge = overLimit(utf8Bytes(converted.html), MAX_ARTICLE_HTML_BYTES);
  if (tooLarge) {
    return f.fail(
      "body",
      `becomes HTML of ${tooLarge} (Google News takes at most 1 MB an article); shorten or split it`,
    );
  }
  const problem = htmlCharacterProblem(converted.html);
  return problem ? f.fail("body", `as HTML ${problem}`) : converted.html;
}

const OPTIONAL_FIELDS = ["titleEn", "websubHub", "image", "corrections", "section"];

type Complete<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/** The record when every field is present (optional ones may be absent), else `undefined`. */
export function complete<T extends object>(record: T): Complete<T> | undefined {
  const entries = Object.entries(record).filter(([k, v]) => !(OPTIONAL_FIELDS.includes(k) && v === undefined));
  return entries.every(([, v]) => v !== undefined) ? (Object.fromEntries(entries) as Complete<T>) : undefined;
}

// The corrections, if the article has any; their problems are the article's.
function articleCorrections(
  value: unknown,
  f: Fields,
  published: string | undefined,
  updated: string | undefined,
): Correction[] | undefined {
  if (value === undefined || value === null) return undefined;
  const read = readCorrections(value, published, updated);
  if ("corrections" in read) return read.corrections;
  for (const { field, message } of read.problems) f.fail(field, message);
  return undefined;
}

function articleSlug(f: Fields, fileName: string | undefined): string | undefined {
  const rule = "lower-case a-z, 0-9 and single hyphens, at most 200 characters";
  if (fileName === undefined || f.has("slug")) {
    const slug = f.line("slug");
    return slug === undefined || isSlug(slug) ? slug : f.fail("slug", `"${slug}" is not valid (expected ${rule})`);
  }
  if (isSlug(fileName)) return fileName;
  return f.fail(
    "slug",
    `the file name "${fileName}" is not a valid slug (${rule}); rename the file or add a slug field`,
  );
}

function permanentId(f: Fields): string | undefined {
  const id = f.line("id");
  const problem = id === undefined ? undefined : permanentIdProblem(id);
  return problem ? f.fail("id", problem) : id;
}

function tagProblem(tag: string): string | undefined {
  if (tag.length > MAX_TAG_LENGTH) return `is longer than ${MAX_TAG_LENGTH} characters`;
  const encoded = tagSegment(tag).length;
  if (encoded > MAX_TAG_SEGMENT)
    return `is too long for a URL (${encoded} characters percent-encoded; at most ${MAX_TAG_SEGMENT})`;
  if (!/[\p{L}\p{N}]/u.test(tag)) return "must contain a letter or a digit";
  const space = /[^\P{Zs} ]/u.exec(tag);
  if (space) return `contains ${characterLabel(space[0].codePointAt(0) ?? 0)}; tags take ordinary spaces only`;
  return undefined;
}
