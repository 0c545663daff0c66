import { basename } from "node:path";
import {
  ARTICLE_FIELDS,
  checkedHtml,
  complete,
  readArticleFields,
  withdrawnReason,
} from "../../../src/content/article-fields.ts";
import { epochMillis } from "../../../src/content/dates.ts";
import { Fields } from "../../../src/content/fields.ts";
import { articleSizeProblem } from "../../../src/content/limits.ts";
import type { Article, Site } from "../../../src/content/model.ts";
import { Problems } from "../../../src/content/problems.ts";
import type { SiteSections } from "../../../src/content/section-fields.ts";
import { illegalCharacterProblem, normaliseText } from "../../../src/content/text.ts";
import { sha256 } from "../../../src/kv/hash.ts";
import { articleBytes } from "../../../src/write/build/page-bound.ts";
import { type ArticleInput, articleInput, type Input, inputImage, withdrawnInput } from "../client/inputs.ts";
import { startArticleImage } from "../media/images.ts";
import type { SourceImages } from "../media/source-images.ts";
import type { Authors } from "./authors.ts";
import { detached } from "./detached.ts";
import { readSource } from "./files.ts";
import type { ArticleEntry, IndexedInput } from "./local-index.ts";
import type { MarkdownSandbox } from "./markdown-sandbox.ts";
import { display } from "./problems.ts";
import type { Warnings } from "./warnings.ts";
import { readYaml } from "./yaml.ts";

/** What loading an article needs besides its file. */
export interface ArticleContext {
  site: Site | undefined;
  sections: SiteSections | undefined;
  authors: Authors;
  markdown: MarkdownSandbox;
  images: SourceImages;
}

/**
 * An article file loaded: its slug and id as far as they could be read (no two files may share
 * either), and, when it has no problem of its own, what a publish keeps of it (the media files it
 * needs among it) and the article whole when asked for (`whole`).
 */
export interface LoadedArticle {
  slug: string | undefined;
  id: string | undefined;
  loaded?: { entry: ArticleEntry; article?: Article };
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Reads, checks and converts an article file (whose `stampOf` was `stamp` before it was read),
 * recording its problems and warnings; gives what it came to when it has no problem of its own
 * (another file may still share its slug or id).
 */
export async function loadArticle(
  file: string,
  stamp: string,
  context: ArticleContext,
  problems: Problems,
  warnings: Warnings,
  whole = false,
): Promise<LoadedArticle | undefined> {
  const { site, images } = context;
  const name = display(file);
  const parsed = await readFrontMatter(file, problems);
  if (!parsed) return undefined;
  const { data, body } = parsed;
  const f = new Fields(data, name, problems, ARTICLE_FIELDS);
  const image = startArticleImage(f, name, images, warnings);
  const record = await readArticleFields(f, data, {
    site,
    sections: context.sections,
    authors: context.authors,
    fileSlug: basename(file, ".md"),
    body: (pageUrl) => markdownBody(body, pageUrl, f, context.markdown),
  });
  const lead = await image(site);
  const reason = withdrawnReason(f);
  const fields = complete(record);
  const names = detached({ slug: record.slug, id: record.id });
  if (!fields || problems.lines.length > 0) return names;
  const article: Article = lead ? { ...fields, image: lead.image } : fields;
  const tooLarge = reason === undefined && articleSizeProblem(article);
  if (tooLarge) {
    problems.add(name, "body", tooLarge);
    return names;
  }
  const local = reason === undefined && lead && lead.renditions.length > 0 ? lead : undefined;
  const localImage = local && inputImage(local.image);
  const text = JSON.stringify(fileInput(parsed, fields.slug, reason, localImage));
  const { id, slug, published, updated, tags, section, authors } = article;
  // A withdrawn article's image is checked too, though nothing is made from it.
  const source = lead?.renditions[0]?.source;
  const entry: ArticleEntry = {
    stamp,
    ...(lead && source && { image: { src: lead.src, sha256: source.sha256 } }),
    summary: {
      id,
      slug,
      published,
      updated,
      tags,
      ...(section === undefined ? {} : { section }),
      authors: authors.map((a) => ({ ...(a.key === undefined ? {} : { key: a.key }), name: a.name })),
      bytes: articleBytes(article),
    },
    ...(reason === undefined ? {} : { withdrawn: reason }),
    input: {
      hash: await sha256(text),
      bytes: Buffer.byteLength(text),
      at: typeof data.published === "string" ? epochMillis(data.published) : 0,
      ...(localImage && { image: localImage }),
    },
    renditions: (local?.renditions ?? []).map(({ source: _source, ...rest }) => rest),
    warnings: [...warnings.fields],
  };
  return {
    ...names,
    loaded: { entry: detached(entry), ...(whole && { article }) },
  };
}

/**
 * The article of `entry` as the ingest API takes it, read again from `file`: it rejects when the
 * file no longer gives the input `entry` was loaded with.
 */
export function articleInputOf(file: string, entry: IndexedInput): ArticleInput {
  const { hash, image } = entry;
  const read = async (): Promise<Input> => {
    const problems = new Problems();
    const parsed = await readFrontMatter(file, problems);
    const slug = entry.slug;
    if (parsed) {
      const input = fileInput(parsed, slug, entry.withdrawn, image);
      if ((await sha256(JSON.stringify(input))) === hash) return input;
    }
    throw new Error(`${display(file)} changed while it was being published; publish again`);
  };
  return { read };
}

// What the ingest API is sent for an article file: a withdrawn one without its image, any other
// with its local lead image (`image`) named by the media files made from it.
function fileInput(
  { data, body }: FrontMatter,
  slug: string,
  withdrawn: string | undefined,
  image: Input | undefined,
): Input {
  return withdrawn === undefined ? articleInput(data, slug, body, image) : withdrawnInput(data, slug, body);
}

// An article file split: its front matter as parsed, and its body.
interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
}

// The front matter and the body of an article file, or `undefined` with its problems recorded.
async function readFrontMatter(file: string, problems: Problems): Promise<FrontMatter | undefined> {
  const name = display(file);
  const source = await readSource(file, problems);
  if (source === undefined) return undefined;
  const match = FRONT_MATTER.exec(source);
  if (!match) {
    problems.add(name, "-", 'has no YAML front matter (the file must start with a line "---")');
    return undefined;
  }
  const data = readYaml(match[1] ?? "", name, problems, 2);
  return data && { data, body: normaliseText(source.slice(match[0].length)).trim() };
}

// The body converted from Markdown in the sandbox, checked as the Worker will read it.
async function markdownBody(
  body: string,
  pageUrl: string,
  f: Fields,
  markdown: MarkdownSandbox,
): Promise<string | undefined> {
  const sourceProblem = body === "" ? "is empty" : illegalCharacterProblem(body);
  if (sourceProblem) return f.fail("body", sourceProblem);
  return checkedHtml(await markdown.convert(body, pageUrl), f);
}
