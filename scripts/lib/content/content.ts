import { basename, join } from "node:path";
import {
  ARTICLE_FIELDS,
  type ArticleRecord,
  checkedHtml,
  complete,
  readArticleFields,
  withdrawnReason,
} from "../../../src/content/article-fields.ts";
import { Fields } from "../../../src/content/fields.ts";
import { articleSizeProblem } from "../../../src/content/limits.ts";
import type { Article, Author, Site, Takedown } from "../../../src/content/model.ts";
import { Problems } from "../../../src/content/problems.ts";
import type { SiteSections } from "../../../src/content/section-fields.ts";
import { readSiteFields, SITE_FIELDS } from "../../../src/content/site-fields.ts";
import { illegalCharacterProblem, normaliseText } from "../../../src/content/text.ts";
import {
  articleInput,
  authorsInput,
  type ContentInputs,
  type Input,
  siteInput,
  withdrawnInput,
} from "../client/inputs.ts";
import { type LeadImageFinish, siteIcon, siteLogo, startArticleImage } from "../media/images.ts";
import { imageFile, type Rendition } from "../media/renditions.ts";
import { MEDIA_FOLDER, SourceImages } from "../media/source-images.ts";
import { inParallel } from "../parallel.ts";
import { type Authors, loadAuthors } from "./authors.ts";
import { reportOversizeFeeds } from "./feed-limits.ts";
import { articleFiles, readSource, refusedLink } from "./files.ts";
import { MarkdownSandbox } from "./markdown-sandbox.ts";
import { display } from "./problems.ts";
import { Warnings } from "./warnings.ts";
import { readYaml } from "./yaml.ts";

/**
 * Validated content, ready to publish (see `loadContent`): the site and articles name their media
 * files without their size in bytes, which the service adds once it holds the files.
 */
export interface Content {
  site: Site;
  articles: Article[];
  /** The stories withdrawn (`withdrawn:`): their files stay, their URLs answer 410. */
  withdrawn: Takedown[];
  /** The authors of authors.yaml, bios included. */
  authors: Author[];
  /** Every media file the site and articles name, each once. */
  renditions: Rendition[];
  /** What the ingest API is sent for all of it. */
  inputs: ContentInputs;
}

/**
 * What loading found: the content when there were no problems, and every problem otherwise; and
 * in both cases the warnings (`file:field: warning: message`), which do not stop a publish.
 */
export type Loaded = { warnings: readonly string[] } & (
  | { ok: true; content: Content }
  | { ok: false; problems: readonly string[] }
);

// Articles loaded at once: their files are read and their bodies converted while others are checked.
const LOAD_CONCURRENCY = 64;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
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
  const siteFile = join(dir, "site.yaml");
  const loadedSite = await loadSite(siteFile, problems, overrides, images);
  const site = loadedSite?.site;
  const sections = site && { sections: site.sections ?? [], file: display(siteFile) };
  keep(loadedSite?.renditions ?? []);
  const authors = await loadAuthors(join(dir, "authors.yaml"), problems, images, site);
  keep(authors.renditions);
  const files = await articleFiles(join(dir, "articles"), problems);
  const articles: Article[] = [];
  const withdrawn: Takedown[] = [];
  const sources = new Map<string, string>();
  const inputs = new Map<string, Input>();
  const owners = new Map<string, string>();
  const markdown = new MarkdownSandbox();
  try {
    const loaded = await loadArticles(files, LOAD_CONCURRENCY, (file, own) =>
      loadArticle(file, site, sections, authors, own.problems, markdown, images, own.warnings),
    );
    for (const [i, file] of files.entries()) {
      const { result, own } = loaded[i] as (typeof loaded)[number];
      problems.append(own.problems);
      warnings.append(own.warnings);
      if (!result) continue;
      const { record, lead, reason, input } = result;
      for (const what of ["slug", "id"] as const) {
        const value = record[what];
        if (value === undefined) continue;
        const owner = owners.get(`${what}:${value}`);
        if (owner) problems.add(display(file), what, `"${value}" is already used by ${owner}`);
        else owners.set(`${what}:${value}`, display(file));
      }
      const fields = complete(record);
      if (!fields) continue;
      inputs.set(fields.slug, input(fields.slug));
      if (reason !== undefined) {
        withdrawn.push({ slug: fields.slug, reason });
        continue;
      }
      const article = lead ? { ...fields, image: lead.image } : fields;
      const tooLarge = articleSizeProblem(article);
      if (tooLarge) {
        problems.add(display(file), "body", tooLarge);
        continue;
      }
      articles.push(article);
      keep(lead?.renditions ?? []);
      sources.set(article.slug, display(file));
    }
  } finally {
    await markdown.close();
  }
  const authorList = [...authors.byKey.values()];
  const content = site &&
    loadedSite && {
      site,
      articles,
      withdrawn,
      authors: authorList,
      renditions: [...renditions.values()],
      inputs: {
        site: siteInput(loadedSite.yaml, site),
        authors: authorsInput(authors.yaml, authorList),
        articles: inputs,
      },
    };
  if (content) reportOversizeFeeds(content, sources, display(siteFile), problems);
  if (problems.lines.length > 0 || !content) return { ok: false, problems: problems.lines, warnings: warnings.lines };
  return { ok: true, content, warnings: warnings.lines };
}

async function loadSite(
  file: string,
  problems: Problems,
  overrides: { baseUrl?: string },
  images: SourceImages,
): Promise<{ site: Site; renditions: Rendition[]; yaml: Input } | undefined> {
  const source = await readSource(file, problems);
  const data = source === undefined ? undefined : readYaml(source, display(file), problems);
  if (!data) return undefined;
  const f = new Fields(data, display(file), problems, SITE_FIELDS);
  const site = readSiteFields(f, problems, overrides.baseUrl);
  const icon = await siteIcon(f, display(file), images);
  const logo = await siteLogo(f, display(file), images);
  const found = complete(site);
  if (!found) return undefined;
  const { sections, ...settings } = found;
  return {
    site: {
      ...settings,
      ...(sections.length > 0 && { sections }),
      ...(icon && { icon: icon.map((r) => imageFile(settings, r)) }),
      ...(logo && { logo: imageFile(settings, logo) }),
    },
    renditions: [...(icon ?? []), ...(logo ? [logo] : [])],
    yaml: data,
  };
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

async function loadArticle(
  file: string,
  site: Site | undefined,
  sections: SiteSections | undefined,
  authors: Authors,
  problems: Problems,
  markdown: MarkdownSandbox,
  images: SourceImages,
  warnings: Warnings,
): Promise<
  | {
      record: Omit<ArticleRecord, "image">;
      lead: Awaited<ReturnType<LeadImageFinish>>;
      reason: string | undefined;
      /** What the ingest API is sent for it, once its slug is known. */
      input: (slug: string) => Input;
    }
  | undefined
> {
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
  const body = normaliseText(source.slice(match[0].length)).trim();
  const record = await readArticleFields(f, data, {
    site,
    sections,
    authors,
    fileSlug: basename(file, ".md"),
    body: (pageUrl) => markdownBody(body, pageUrl, f, markdown),
  });
  const lead = await image(site);
  const local = lead && lead.renditions.length > 0 ? lead.image : undefined;
  const reason = withdrawnReason(f);
  const input =
    reason === undefined
      ? (slug: string) => articleInput(data, slug, body, local)
      : (slug: string) => withdrawnInput(data, slug, body);
  return { record, lead, reason, input };
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
