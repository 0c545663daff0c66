import { AUTHOR_KEY_RULE, type AuthorDirectory } from "../../../content/article-authors.ts";
import {
  ARTICLE_FIELDS,
  checkedHtml,
  complete,
  readArticleFields,
  withdrawnReason,
} from "../../../content/article-fields.ts";
import { AUTHOR_FIELDS, readAuthorFields } from "../../../content/author-fields.ts";
import { Choices } from "../../../content/choices.ts";
import { Fields } from "../../../content/fields.ts";
import { articleSizeProblem, MAX_SOURCE_BYTES, overLimit, utf8Bytes } from "../../../content/limits.ts";
import { markdownToHtml } from "../../../content/markdown.ts";
import {
  EXTERNAL_IMAGE_TYPES,
  ICON_SIZES,
  MEDIA_TYPES,
  MIN_AVATAR_EDGE,
  MIN_IMAGE_SIDE,
  MIN_LOGO_WIDTH,
  mediaUrl,
  parseMediaName,
} from "../../../content/media.ts";
import type { Article, ArticleImage, Author, ImageFile, Site } from "../../../content/model.ts";
import { jsonPlace, Problems } from "../../../content/problems.ts";
import { readSiteFields, SITE_FIELDS } from "../../../content/site-fields.ts";
import { illegalCharacterProblem, normaliseText } from "../../../content/text.ts";
import { isAuthorKey, isSlug } from "../../../content/urls.ts";
import { sanitiseHtml } from "../../api/sanitise-html.ts";
import { notMediaName } from "./media-bytes.ts";

/** One request's changes, as the ingest API received them (parsed JSON, not yet checked). */
export interface IngestBatch {
  site?: unknown;
  authors?: unknown;
  articles?: unknown;
  delete?: unknown;
  /** For `PUT /articles/{slug}`: the slug of the URL, which the one article in `articles` takes. */
  slug?: string;
}

/** A checked batch: what to change. */
export interface IngestPlan {
  site?: Site;
  authors?: Author[];
  /** Articles to put; one with `withdrawn` is taken down instead, with that reason. */
  articles: { article: Article; input: string; withdrawn?: string }[];
  delete: string[];
}

/** What the writer holds that checking a batch needs. */
export interface IngestState {
  site: Site | undefined;
  authors: Author[];
  /** The media file `name` holds, if it does. */
  media: (name: string) => { type: string; bytes: number } | undefined;
  /** The slug of the article with permanent id `id`, if any. */
  slugOfId: (id: string) => string | undefined;
}

const MAX_BATCH_ARTICLES = 500;
const IMAGE_FIELDS = ["alt", "caption", "credit", "large", "small", "src", "width", "height"];

/**
 * Checks a batch by the rules content files follow, with the same messages, each problem named
 * by its JSON path (`articles[3].image.width: …`), and gives the plan, or every problem and no
 * plan. Bodies come as Markdown (`body`, converted as the publisher converts it) or as HTML from
 * a CMS (`body_html`, sanitised); images, icons, logos and avatars name media files the writer
 * holds, or (lead images only) an https URL with its size.
 */
export async function readBatch(
  batch: IngestBatch,
  state: IngestState,
): Promise<{ plan: IngestPlan } | { problems: readonly string[] }> {
  const problems = new Problems(jsonPlace);
  const site = batch.site === undefined ? state.site : readSite(batch.site, state, problems);
  const authors = batch.authors === undefined ? state.authors : await readAuthors(batch.authors, state, site, problems);
  const directory = authorDirectory(authors ?? []);
  const deletions = batch.delete === undefined ? [] : listOf(batch.delete, "delete", problems);
  deletions.forEach((slug, i) => {
    if (typeof slug !== "string" || !isSlug(slug)) problems.add("", `delete[${i}]`, "must be the slug of an article");
  });
  const articles: IngestPlan["articles"] = [];
  const list = batch.articles === undefined ? [] : listOf(batch.articles, "articles", problems);
  if (list.length > MAX_BATCH_ARTICLES) {
    problems.add("", "articles", `has ${list.length} articles; send at most ${MAX_BATCH_ARTICLES} a request`);
  } else if (list.length > 0 && !site) {
    problems.add("", "articles", "there are no site settings yet: PUT /api/v1/site first");
  } else {
    const owners = new Map<string, number>();
    for (const [i, data] of list.entries()) {
      const at = batch.slug === undefined ? `articles[${i}]` : "";
      const read = await readArticle(data, at, batch.slug, site as Site, directory, state, problems);
      if (!read) continue;
      const { article, withdrawn } = read;
      for (const [what, value] of [
        ["slug", article.slug],
        ["id", article.id],
      ] as const) {
        const twin = owners.get(`${what}:${value}`);
        if (twin !== undefined) problems.add(at, what, `"${value}" is also in articles[${twin}]`);
        else owners.set(`${what}:${value}`, i);
      }
      const holder = state.slugOfId(article.id);
      if (holder !== undefined && holder !== article.slug && !deletions.includes(holder)) {
        problems.add(at, "id", `"${article.id}" is already the id of the article ${holder}`);
      }
      articles.push({ article, input: JSON.stringify(data), ...(withdrawn === undefined ? {} : { withdrawn }) });
    }
  }
  if (problems.lines.length > 0) return { problems: problems.lines };
  return {
    plan: {
      ...(batch.site === undefined ? {} : { site: site as Site }),
      ...(batch.authors === undefined ? {} : { authors: authors as Author[] }),
      articles,
      delete: deletions as string[],
    },
  };
}

function readSite(data: unknown, state: IngestState, problems: Problems): Site | undefined {
  const f = fieldsOf(data, "", problems, SITE_FIELDS);
  if (!f) return undefined;
  const found = complete(readSiteFields(f, problems, undefined));
  if (!found) return undefined;
  const { sections, ...record } = found;
  const icon = f.has("icon") ? iconFiles(f, record, state) : undefined;
  const logo = f.has("logo") ? mediaFile(f, "logo", f.line("logo"), record, state) : undefined;
  if (logo && (logo.width <= logo.height || logo.width < MIN_LOGO_WIDTH)) {
    f.fail(
      "logo",
      `is ${logo.width}×${logo.height} px; the logo must be wider than high and at least ${MIN_LOGO_WIDTH} px wide`,
    );
  }
  return {
    ...record,
    ...(sections.length > 0 ? { sections } : {}),
    ...(icon ? { icon } : {}),
    ...(logo ? { logo } : {}),
  };
}

// The icon: one square media file for each edge of ICON_SIZES, smallest first.
function iconFiles(f: Fields, site: Site, state: IngestState): ImageFile[] | undefined {
  const names = f.lines("icon");
  if (!names) return undefined;
  const files = names.map((name, i) => mediaFile(f, `icon[${i}]`, name, site, state));
  const edges = files.map((file) => (file && file.width === file.height ? file.width : 0));
  if (edges.join() !== ICON_SIZES.join()) {
    return f.fail("icon", `must name square PNG files of ${ICON_SIZES.join(", ")} px, in that order`);
  }
  return files as ImageFile[];
}

async function readAuthors(
  data: unknown,
  state: IngestState,
  site: Site | undefined,
  problems: Problems,
): Promise<Author[] | undefined> {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    problems.add("", "authors", "must be an object of author key: author");
    return undefined;
  }
  const authors: Author[] = [];
  const names = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) {
    if (!isAuthorKey(key)) {
      problems.add("authors", key, `is not a valid author key (${AUTHOR_KEY_RULE})`);
      continue;
    }
    const f = fieldsOf(value, `authors.${key}`, problems, AUTHOR_FIELDS);
    if (!f) continue;
    const author = await readAuthorFields(f, key, async () => avatarFile(f, site, state));
    if (!author) continue;
    const twin = names.get(author.name);
    if (twin) f.fail("name", `"${author.name}" is also the name of ${twin}; a byline could not tell them apart`);
    else names.set(author.name, key);
    authors.push(author);
  }
  return authors;
}

async function readArticle(
  data: unknown,
  at: string,
  urlSlug: string | undefined,
  site: Site,
  authors: AuthorDirectory,
  state: IngestState,
  problems: Problems,
): Promise<{ article: Article; withdrawn: string | undefined } | undefined> {
  const f = fieldsOf(data, at, problems, [...ARTICLE_FIELDS, "body", "body_html"]);
  if (!f) return undefined;
  const record = data as Record<string, unknown>;
  if (urlSlug !== undefined && f.has("slug") && record.slug !== urlSlug) {
    f.fail("slug", `"${String(record.slug)}" is not the slug of the URL, ${urlSlug}`);
  }
  const image = leadImage(f, site, state);
  const fields = await readArticleFields(f, record, {
    site,
    sections: { sections: site.sections ?? [], file: "the site settings (PUT /api/v1/site)" },
    authors,
    fileSlug: urlSlug,
    body: (pageUrl) => body(f, record, pageUrl),
  });
  const withdrawn = withdrawnReason(f);
  const article = complete({ ...fields, image }) as Article | undefined;
  const tooLarge = article && articleSizeProblem(article);
  if (tooLarge) f.fail(f.has("body") ? "body" : "body_html", tooLarge);
  if (!article || tooLarge || (f.has("image") && !image)) return undefined;
  return { article, withdrawn };
}

async function body(f: Fields, data: Record<string, unknown>, pageUrl: string): Promise<string | undefined> {
  if (f.has("body") === f.has("body_html"))
    return f.fail("body", "give the body as Markdown in body or as HTML in body_html, not both");
  const field = f.has("body") ? "body" : "body_html";
  const value = data[field];
  if (typeof value !== "string") return f.fail(field, "must be text");
  // No larger than an article file may be: converting it takes time in the one writer.
  const tooLarge = overLimit(utf8Bytes(value), MAX_SOURCE_BYTES);
  if (tooLarge) return f.fail(field, `is ${tooLarge}; shorten or split it`);
  const text = normaliseText(value).trim();
  const problem = text === "" ? "is empty" : illegalCharacterProblem(text);
  if (problem) return f.fail(field, problem);
  if (field === "body") return checkedHtml(markdownToHtml(text, pageUrl), f);
  return checkedHtml({ html: await sanitiseHtml(text, pageUrl) }, f);
}

function leadImage(f: Fields, site: Site, state: IngestState): ArticleImage | undefined {
  const g = f.mapping("image", IMAGE_FIELDS, false);
  if (!g) return undefined;
  const alt = g.line("alt");
  const caption = g.line("caption", false);
  const credit = g.line("credit", false);
  let large: ImageFile | undefined;
  let small: ImageFile | undefined;
  if (g.has("src")) {
    large = externalImage(g, g.line("src"));
    small = large;
  } else {
    large = mediaFile(g, "large", g.line("large"), site, state);
    small = g.has("small") ? mediaFile(g, "small", g.line("small"), site, state) : large;
  }
  if (large && Math.min(large.width, large.height) < MIN_IMAGE_SIDE) {
    g.fail(
      "large",
      `is ${large.width}×${large.height} px; its shortest side must be at least ${MIN_IMAGE_SIDE} px, the least partners take`,
    );
    return undefined;
  }
  if (!large || !small || alt === undefined) return undefined;
  return {
    alt,
    ...(caption === undefined ? {} : { caption }),
    ...(credit === undefined ? {} : { credit }),
    large,
    small,
  };
}

function externalImage(g: Fields, src: string | undefined): ImageFile | undefined {
  if (src === undefined) return undefined;
  const url = URL.parse(src);
  if (url?.protocol !== "https:" || url.username || url.password) {
    return g.fail(
      "src",
      `"${src}" must be an https: URL (without a user name), or name media files in large and small`,
    );
  }
  const type = EXTERNAL_IMAGE_TYPES[/\.([a-zA-Z0-9]+)$/.exec(url.pathname)?.[1]?.toLowerCase() ?? ""];
  if (!type)
    g.fail(
      "src",
      `cannot tell the type of "${src}" from its extension; link a file ending in .jpg, .jpeg, .png, .webp or .avif`,
    );
  const width = g.integer("width", 1, 100_000);
  const height = g.integer("height", 1, 100_000);
  return type && width && height ? { url: url.href, type, width, height } : undefined;
}

// A media file the writer holds, by its name in `field`.
function mediaFile(
  f: Fields,
  field: string,
  name: string | undefined,
  site: Site,
  state: IngestState,
): ImageFile | undefined {
  if (name === undefined) return undefined;
  const parsed = parseMediaName(name);
  if (!parsed) return f.fail(field, notMediaName(name));
  const held = state.media(name);
  if (!held) return f.fail(field, `"${name}" is not a media file the service holds; PUT /api/v1/media/${name} first`);
  return {
    url: mediaUrl(site, name),
    type: MEDIA_TYPES[parsed.extension],
    width: parsed.width,
    height: parsed.height,
    bytes: held.bytes,
  };
}

function avatarFile(f: Fields, site: Site | undefined, state: IngestState): ImageFile | undefined {
  const avatar = site && f.has("avatar") ? mediaFile(f, "avatar", f.line("avatar"), site, state) : undefined;
  if (avatar && (avatar.width !== avatar.height || avatar.width < MIN_AVATAR_EDGE)) {
    return f.fail(
      "avatar",
      `is ${avatar.width}×${avatar.height} px; an avatar must be square and at least ${MIN_AVATAR_EDGE}×${MIN_AVATAR_EDGE} px`,
    );
  }
  return avatar;
}

function authorDirectory(authors: readonly Author[]): AuthorDirectory {
  const byKey = new Map(authors.map((a) => [a.key ?? "", a]));
  return {
    byKey,
    keys: new Choices(byKey.keys()),
    byName: new Map(authors.map((a) => [a.name, a.key ?? ""])),
    file: "the authors (PUT /api/v1/authors)",
  };
}

function fieldsOf(data: unknown, at: string, problems: Problems, known: readonly string[]): Fields | undefined {
  if (typeof data === "object" && data !== null && !Array.isArray(data)) {
    return new Fields(data as Record<string, unknown>, at, problems, known);
  }
  const [parent, field] = at.includes(".")
    ? [at.slice(0, at.lastIndexOf(".")), at.slice(at.lastIndexOf(".") + 1)]
    : ["", at || "body"];
  problems.add(parent, field, "must be a JSON object");
  return undefined;
}

function listOf(value: unknown, field: string, problems: Problems): unknown[] {
  if (Array.isArray(value)) return value;
  problems.add("", field, "must be a JSON array");
  return [];
}
