import { basename, join } from "node:path";
import { characterLabel } from "../../src/content/characters.ts";
import { readCorrections } from "../../src/content/corrections.ts";
import { epochMillis } from "../../src/content/dates.ts";
import { MAX_ARTICLE_HTML_BYTES, overLimit, utf8Bytes } from "../../src/content/limits.ts";
import type { Article, Correction, Site } from "../../src/content/model.ts";
import { MAX_TAG_SEGMENT, tagSegment } from "../../src/content/tags.ts";
import { htmlCharacterProblem, illegalCharacterProblem, normaliseText } from "../../src/content/text.ts";
import {
  articleId,
  articleUrl,
  baseUrlProblem,
  hubUrlProblem,
  isSlug,
  permanentIdProblem,
} from "../../src/content/urls.ts";
import { type Authors, articleAuthors, loadAuthors } from "./authors.ts";
import { reportOversizeFeeds } from "./feed-limits.ts";
import { Fields } from "./fields.ts";
import { articleFiles, readSource, refusedLink } from "./files.ts";
import { type LeadImageFinish, siteIcon, siteLogo, startArticleImage } from "./images.ts";
import { MarkdownSandbox } from "./markdown-sandbox.ts";
import { inParallel } from "./parallel.ts";
import { display, Problems } from "./problems.ts";
import type { Content } from "./publish-content.ts";
import { imageFile, type Rendition } from "./renditions.ts";
import { MEDIA_FOLDER, SourceImages } from "./source-images.ts";
import { Warnings } from "./warnings.ts";
import { readYaml } from "./yaml.ts";

/**
 * What loading found: the content when there were no problems, and every problem otherwise; and
 * in both cases the warnings (`file:field: warning: message`), which do not stop a publish.
 */
export type Loaded = { warnings: readonly string[] } & (
  | { ok: true; content: Content }
  | { ok: false; problems: readonly string[] }
);

const SITE_FIELDS = [
  "title",
  "description",
  "base_url",
  "language",
  "publisher",
  "rights",
  "items_per_feed",
  "tagging_entity",
  "websub_hub",
  "icon",
  "logo",
];
const ARTICLE_FIELDS = [
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
  "image",
  "corrections",
];
const MAX_TAG_LENGTH = 100;
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const TAGGING_ENTITY = /^(?:[a-z0-9-]+\.)+[a-z]{2,},\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
// Articles loaded at once: their files are read and their bodies converted while others are checked.
const LOAD_CONCURRENCY = 64;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
// What a body's relative links resolve against while the site or the slug has a problem, so
// that the body's own problems are still reported; nothing is published then.
const STAND_IN_URL = "https://stand-in.invalid/articles/stand-in";

/**
 * Loads and validates `site.yaml` and every `articles/**\/*.md` below `dir`. Nothing is written;
 * every problem in every file is reported as `file:field: message`.
 */
export async function loadContent(dir: string, overrides: { baseUrl?: string } = {}): Promise<Loaded> {
  const problems = new Problems();
  const warnings = new Warnings();
  const images = new SourceImages(dir);
  refusedLink(join(dir, MEDIA_FOLDER), problems);
  const renditions = new Map<string, Rendition>();
  const keep = (list: readonly Rendition[]) => {
    for (const rendition of list) renditions.set(rendition.name, rendition);
  };
  const loadedSite = await loadSite(join(dir, "site.yaml"), problems, overrides, images);
  const site = loadedSite?.site;
  keep(loadedSite?.renditions ?? []);
  const authors = await loadAuthors(join(dir, "authors.yaml"), problems, images, site);
  keep(authors.renditions);
  const files = await articleFiles(join(dir, "articles"), problems);
  const articles: Article[] = [];
  const sources = new Map<string, string>();
  const owners = new Map<string, string>();
  const markdown = new MarkdownSandbox();
  try {
    const loaded = await loadArticles(files, LOAD_CONCURRENCY, (file, own) =>
      loadArticle(file, site, authors, own.problems, markdown, images, own.warnings),
    );
    for (const [i, file] of files.entries()) {
      const { result, own } = loaded[i] as (typeof loaded)[number];
      problems.append(own.problems);
      warnings.append(own.warnings);
      if (!result) continue;
      const { record, lead } = result;
      for (const what of ["slug", "id"] as const) {
        const value = record[what];
        if (value === undefined) continue;
        const owner = owners.get(`${what}:${value}`);
        if (owner) problems.add(display(file), what, `"${value}" is already used by ${owner}`);
        else owners.set(`${what}:${value}`, display(file));
      }
      const article = complete(record);
      if (!article) continue;
      articles.push(lead ? { ...article, image: lead.image } : article);
      keep(lead?.renditions ?? []);
      sources.set(article.slug, display(file));
    }
  } finally {
    await markdown.close();
  }
  const content = site && {
    site,
    articles,
    authors: [...authors.byKey.values()],
    renditions: [...renditions.values()],
  };
  if (content) reportOversizeFeeds(content, sources, display(join(dir, "site.yaml")), problems);
  if (problems.lines.length > 0 || !content) return { ok: false, problems: problems.lines, warnings: warnings.lines };
  return { ok: true, content, warnings: warnings.lines };
}

async function loadSite(
  file: string,
  problems: Problems,
  overrides: { baseUrl?: string },
  images: SourceImages,
): Promise<{ site: Site; renditions: Rendition[] } | undefined> {
  const source = await readSource(file, problems);
  const data = source === undefined ? undefined : readYaml(source, display(file), problems);
  if (!data) return undefined;
  const f = new Fields(data, display(file), problems, SITE_FIELDS);
  const site = {
    title: f.line("title"),
    description: f.line("description"),
    baseUrl: siteBaseUrl(f, problems, overrides.baseUrl),
    language: pattern(f.line("language"), LANGUAGE, "language", "a BCP 47 language tag such as hi", f),
    publisher: f.line("publisher"),
    rights: f.line("rights"),
    itemsPerFeed: f.integer("items_per_feed", 1, 1000),
    taggingEntity: pattern(
      f.line("tagging_entity"),
      TAGGING_ENTITY,
      "tagging_entity",
      "domain,year such as patrika.example,2019",
      f,
    ),
    websubHub: checkedUrl(f.line("websub_hub", false), hubUrlProblem, (problem) => f.fail("websub_hub", problem)),
  };
  const icon = await siteIcon(f, display(file), images);
  const logo = await siteLogo(f, display(file), images);
  const settings = complete(site);
  if (!settings) return undefined;
  return {
    site: {
      ...settings,
      ...(icon && { icon: icon.map((r) => imageFile(settings, r)) }),
      ...(logo && { logo: imageFile(settings, logo) }),
    },
    renditions: [...(icon ?? []), ...(logo ? [logo] : [])],
  };
}

// An article's fields as read, each `undefined` where the file has a problem.
type ArticleRecord = { [K in keyof Article]: Article[K] | undefined };

async function loadArticle(
  file: string,
  site: Site | undefined,
  authors: Authors,
  problems: Problems,
  markdown: MarkdownSandbox,
  images: SourceImages,
  warnings: Warnings,
): Promise<{ record: ArticleRecord; lead: Awaited<ReturnType<LeadImageFinish>> } | undefined> {
  const name = display(file);
  const source = await readSource(file, problems);
  if (source === undefined) return undefined;
  const match = FRONT_MATTER.exec(source);
  if (!match) {
    problems.add(name, "-", 'has no YAML front matter (the file must start with a line "---")');
    return undefined;
  }
  const data = readYaml(match[1] ?? "", name, problems, 2);
  if (!data) return undefined;
  const f = new Fields(data, name, problems, ARTICLE_FIELDS);
  const image = startArticleImage(f, name, images, warnings);
  const slug = articleSlug(f, basename(file, ".md"));
  const published = f.dateTime("published");
  const updated = f.dateTime("updated", false) ?? (f.has("updated") ? undefined : published);
  if (published && updated && epochMillis(updated) < epochMillis(published))
    f.fail("updated", "is earlier than published");
  const body = normaliseText(source.slice(match[0].length)).trim();
  const record = {
    id: f.has("id") ? permanentId(f) : slug && site ? articleId(site, slug) : undefined,
    slug,
    title: f.line("title"),
    titleEn: f.line("title_en", false),
    summary: f.text("summary"),
    contentHtml: await bodyHtml(body, site && slug ? articleUrl(site, slug) : STAND_IN_URL, f, markdown),
    ...articleAuthors(f, authors),
    dateline: f.line("dateline"),
    tags: f.lines("tags", tagProblem),
    published,
    updated,
    corrections: articleCorrections(data.corrections, f, published, updated),
  };
  return { record, lead: await image(site) };
}

// Loads the files, `limit` at a time, each with its own problems and warnings, kept in file order.
async function loadArticles<T>(
  files: readonly string[],
  limit: number,
  load: (file: string, own: { problems: Problems; warnings: Warnings }) => Promise<T>,
): Promise<{ result: T; own: { problems: Problems; warnings: Warnings } }[]> {
  const loaded: { result: T; own: { problems: Problems; warnings: Warnings } }[] = [];
  await inParallel([...files.keys()], limit, async (i) => {
    const own = { problems: new Problems(), warnings: new Warnings() };
    loaded[i] = { result: await load(files[i] as string, own), own };
  });
  return loaded;
}

// The body as the HTML readers get, checked as the Worker will read it.
async function bodyHtml(
  body: string,
  pageUrl: string,
  f: Fields,
  markdown: MarkdownSandbox,
): Promise<string | undefined> {
  const sourceProblem = body === "" ? "is empty" : illegalCharacterProblem(body);
  if (sourceProblem) return f.fail("body", sourceProblem);
  const converted = await markdown.convert(body, pageUrl);
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

// The base URL, without a trailing slash: site.yaml's, checked even when `override` (--base-url) replaces it.
function siteBaseUrl(f: Fields, problems: Problems, override: string | undefined): string | undefined {
  const own = checkedUrl(f.line("base_url"), baseUrlProblem, (problem) => f.fail("base_url", problem));
  const used =
    override === undefined
      ? own
      : checkedUrl(override, baseUrlProblem, (problem) => problems.option("--base-url", problem));
  return own && used?.replace(/\/$/, "");
}

// `value` in normal form, or `undefined` when it is absent or `problemOf` finds a problem, given to `fail`.
function checkedUrl(
  value: string | undefined,
  problemOf: (value: string) => string | undefined,
  fail: (problem: string) => undefined,
): string | undefined {
  if (value === undefined) return undefined;
  const problem = problemOf(value);
  return problem ? fail(problem) : new URL(value).href;
}

function articleSlug(f: Fields, fileName: string): string | undefined {
  const rule = "lower-case a-z, 0-9 and single hyphens, at most 200 characters";
  if (f.has("slug")) {
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

function pattern(
  value: string | undefined,
  re: RegExp,
  field: string,
  expected: string,
  f: Fields,
): string | undefined {
  if (value === undefined || re.test(value)) return value;
  return f.fail(field, `"${value}" is not valid (expected ${expected})`);
}

const OPTIONAL_FIELDS = ["titleEn", "websubHub", "image", "corrections"];

type Complete<T> = { [K in keyof T]: Exclude<T[K], undefined> };

// The record when every field is present (optional ones may be absent), else `undefined`.
function complete<T extends object>(record: T): Complete<T> | undefined {
  const entries = Object.entries(record).filter(([k, v]) => !(OPTIONAL_FIELDS.includes(k) && v === undefined));
  return entries.every(([, v]) => v !== undefined) ? (Object.fromEntries(entries) as Complete<T>) : undefined;
}
