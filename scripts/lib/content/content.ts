import { lstatSync, type Stats } from "node:fs";
import { join } from "node:path";
import { complete } from "../../../src/content/article-fields.ts";
import { Fields } from "../../../src/content/fields.ts";
import type { Article, Author, Site, Takedown } from "../../../src/content/model.ts";
import { Problems } from "../../../src/content/problems.ts";
import { readSiteFields, SITE_FIELDS } from "../../../src/content/site-fields.ts";
import { type ArticleInput, authorsInput, type ContentInputs, type Input, siteInput } from "../client/inputs.ts";
import { siteIcon, siteLogo } from "../media/images.ts";
import { imageFile, type Rendition } from "../media/renditions.ts";
import { MEDIA_FOLDER, SourceImages } from "../media/source-images.ts";
import { inParallel } from "../parallel.ts";
import { type ArticleContext, articleInputOf, type LoadedArticle, loadArticle } from "./article-file.ts";
import { loadAuthors } from "./authors.ts";
import { reportOversizeFeeds } from "./feed-limits.ts";
import { articleFiles, readSource, refusedLink } from "./files.ts";
import { type ArticleEntry, type ArticleSummary, type LocalIndex, stampOf } from "./local-index.ts";
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
  /** The articles published and held, without their bodies. */
  articles: ArticleSummary[];
  /** The stories withdrawn (`withdrawn:`): their files stay, their URLs answer 410. */
  withdrawn: Takedown[];
  /** The authors of authors.yaml, bios included. */
  authors: Author[];
  /** Every media file the site and articles name, each once. */
  renditions: Rendition[];
  /** What the ingest API is sent for all of it. */
  inputs: ContentInputs;
  /** The articles published and held, whole, when `loadContent` was asked for them (`whole`). */
  whole?: Article[];
  /** Article files read and converted; the others the local index knew unchanged. */
  read: number;
}

/**
 * What loading found: the content when there were no problems, and every problem otherwise; and
 * in both cases the warnings (`file:field: warning: message`), which do not stop a publish.
 */
export type Loaded = { warnings: readonly string[] } & (
  | { ok: true; content: Content }
  | { ok: false; problems: readonly string[] }
);

/** How to load content. */
export interface LoadOptions {
  /** Overrides site.yaml's `base_url`. */
  baseUrl?: string;
  /** What files came to when last loaded: a file it knows unchanged is not read again (see `LocalIndex`). */
  index?: LocalIndex;
  /** Keep the articles whole (`Content.whole`), reading every file whatever `index` knows. */
  whole?: boolean;
}

// Articles loaded at once: their files are read and their bodies converted while others are checked.
const LOAD_CONCURRENCY = 64;
/**
 * Loads and validates `site.yaml` and every `articles/**\/*.md` below `dir`. Nothing is written;
 * every problem in every file is reported as `file:field: message`. An article file `index`
 * knows unchanged, with its image, the site settings and the authors, is not read: what it came to
 * last time is taken, its warnings included; `index` then learns what this run found.
 */
export async function loadContent(dir: string, options: LoadOptions = {}): Promise<Loaded> {
  const index = options.whole ? undefined : options.index;
  const problems = new Problems();
  const warnings = new Warnings();
  const images = new SourceImages(dir, index);
  refusedLink(join(dir, MEDIA_FOLDER), problems);
  const renditions = new Map<string, Rendition>();
  const keep = (list: readonly Rendition[]) => {
    for (const rendition of list) renditions.set(rendition.name, rendition);
  };
  const siteFile = join(dir, "site.yaml");
  const loadedSite = await loadSite(siteFile, problems, options, images);
  const site = loadedSite?.site;
  const sections = site && { sections: site.sections ?? [], file: display(siteFile) };
  keep(loadedSite?.renditions ?? []);
  const authors = await loadAuthors(join(dir, "authors.yaml"), problems, images, site);
  keep(authors.renditions);
  const authorList = [...authors.byKey.values()];
  if (site) index?.setContext(site, authorList);
  const articlesDir = join(dir, "articles");
  const files = await articleFiles(articlesDir, problems);
  const articles: ArticleSummary[] = [];
  const whole: Article[] = [];
  const withdrawn: Takedown[] = [];
  const inputs = new Map<string, ArticleInput>();
  // The file (by its number) that first used each slug and id, and that each published article came from.
  const owners = { slug: new Map<string, number>(), id: new Map<string, number>() };
  const sources = new Map<string, number>();
  let read = 0;
  const markdown = new MarkdownSandbox();
  const context = { site, sections, authors, markdown, images };
  try {
    const loaded = await loadArticles(files, LOAD_CONCURRENCY, (file, own) => {
      // Its path below articles/ (which `articleFiles` joined it to).
      const path = file.slice(articlesDir.length + 1);
      return knownArticle(file, path, context, own, { index: site && index, whole: options.whole });
    });
    for (const [i, file] of files.entries()) {
      const { result, own } = loaded[i] as (typeof loaded)[number];
      if (own) {
        problems.append(own.problems);
        warnings.append(own.warnings);
      }
      if (!result) continue;
      for (const what of ["slug", "id"] as const) {
        const value = result[what];
        if (value === undefined) continue;
        const owner = owners[what].get(value);
        if (owner !== undefined)
          problems.add(display(file), what, `"${value}" is already used by ${display(files[owner] ?? "")}`);
        else owners[what].set(value, i);
      }
      if (!result.loaded) continue;
      const { entry } = result.loaded;
      if (result.read) read++;
      inputs.set(entry.summary.slug, articleInputOf(file, entry));
      if (entry.withdrawn !== undefined) {
        withdrawn.push({ slug: entry.summary.slug, reason: entry.withdrawn });
        continue;
      }
      articles.push(entry.summary);
      sources.set(entry.summary.slug, i);
      if (result.loaded.article) whole.push(result.loaded.article);
      keep(result.loaded.renditions);
    }
  } finally {
    await markdown.close();
  }
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
      ...(options.whole && { whole }),
      read,
    };
  if (content && !index?.allKnown()) {
    const fileOf = (slug: string) => display(files[sources.get(slug) ?? -1] ?? slug);
    reportOversizeFeeds(content, fileOf, display(siteFile), problems);
  }
  index?.setChecked(problems.lines.length === 0 && content !== undefined);
  if (problems.lines.length > 0 || !content) return { ok: false, problems: problems.lines, warnings: warnings.lines };
  return { ok: true, content, warnings: warnings.lines };
}

// What an article file came to: as `index` knows it, when neither it nor its image changed, else
// loaded (`read`), and then remembered by `index` when it has no problem.
async function knownArticle(
  file: string,
  path: string,
  context: ArticleContext,
  own: { problems: Problems; warnings: Warnings },
  { index, whole }: { index: LocalIndex | undefined; whole: boolean | undefined },
): Promise<(LoadedArticle & { read: boolean }) | undefined> {
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch (error) {
    own.problems.add(display(file), "-", `cannot be read: ${(error as Error).message}`);
    return undefined;
  }
  const stamp = stampOf(stats);
  const known = index?.article(path, stamp);
  const renditions = known && (await knownRenditions(file, known, context.images));
  if (known && renditions) {
    for (const [field, message] of known.warnings) own.warnings.add(display(file), field, message);
    index?.keepArticle(path, known, stats);
    const { slug, id } = known.summary;
    return { slug, id, loaded: { entry: known, renditions }, read: false };
  }
  const loaded = await loadArticle(file, stamp, context, own.problems, own.warnings, whole);
  if (loaded?.loaded) index?.keepArticle(path, loaded.loaded.entry, stats);
  return loaded && { ...loaded, read: true };
}

// The media files of an article `index` knows, made from its image as it is now; `undefined` when
// the image changed or cannot be read, so that the file is loaded again.
async function knownRenditions(
  file: string,
  entry: ArticleEntry,
  images: SourceImages,
): Promise<Rendition[] | undefined> {
  if (!entry.image) return [];
  const read = await images.read(entry.image.src);
  if (!("image" in read) || read.image.sha256 !== entry.image.sha256) return undefined;
  const source = { ...read.image, origin: { file: display(file), field: "image.src" } };
  return entry.renditions.map((rendition) => ({ ...rendition, source }));
}

async function loadSite(
  file: string,
  problems: Problems,
  overrides: LoadOptions,
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

// Loads the files, `limit` at a time, each with its own problems and warnings (kept only when there
// are any), in file order.
async function loadArticles<T>(
  files: readonly string[],
  limit: number,
  load: (file: string, own: { problems: Problems; warnings: Warnings }) => Promise<T>,
): Promise<{ result: T; own?: { problems: Problems; warnings: Warnings } }[]> {
  const loaded: { result: T; own?: { problems: Problems; warnings: Warnings } }[] = [];
  await inParallel([...files.keys()], limit, async (i) => {
    const own = { problems: new Problems(), warnings: new Warnings() };
    const result = await load(files[i] as string, own);
    const any = own.problems.lines.length > 0 || own.warnings.lines.length > 0;
    loaded[i] = { result, ...(any && { own }) };
  });
  return loaded;
}
