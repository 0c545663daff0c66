import { lstatSync, type Stats } from "node:fs";
import { join } from "node:path";
import { complete } from "../../../src/content/article-fields.ts";
import { Fields } from "../../../src/content/fields.ts";
import type { Article, Author, Site } from "../../../src/content/model.ts";
import { Problems } from "../../../src/content/problems.ts";
import { readSiteFields, SITE_FIELDS } from "../../../src/content/site-fields.ts";
import { type ArticleInputs, authorsInput, type ContentInputs, type Input, siteInput } from "../client/inputs.ts";
import type { ContentMedia } from "../client/media.ts";
import { siteIcon, siteLogo } from "../media/images.ts";
import { imageFile, type Rendition } from "../media/renditions.ts";
import { MEDIA_FOLDER, SourceImages } from "../media/source-images.ts";
import { inParallel } from "../parallel.ts";
import { type ArticleContext, articleInputOf, loadArticle } from "./article-file.ts";
import { loadAuthors } from "./authors.ts";
import { detached } from "./detached.ts";
import { reportOversizeFeeds } from "./feed-limits.ts";
import { articleFiles, readSource, refusedLink } from "./files.ts";
import { type ArticleSummary, type KnownArticle, LocalIndex, stampOf } from "./local-index.ts";
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
  /** Articles published and held (not withdrawn). */
  count: number;
  /** The authors of authors.yaml, bios included. */
  authors: Author[];
  /** Every media file the site, authors and articles name. */
  media: ContentMedia;
  /** What the ingest API is sent for all of it. */
  inputs: ContentInputs;
  /** The articles held until a publication time after `now`, soonest first. */
  scheduled(now: number): ArticleSummary[];
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
 * last time is taken, its warnings included; `index` then learns what this run found. Of each
 * article, memory holds no more than its path while it loads: what it is sent as, how it is
 * listed and the media files it needs stay in the index, which the checks across files and the
 * publish ask.
 */
export async function loadContent(dir: string, options: LoadOptions = {}): Promise<Loaded> {
  const problems = new Problems();
  const warnings = new Warnings();
  const images = new SourceImages(dir, options.whole ? undefined : options.index);
  refusedLink(join(dir, MEDIA_FOLDER), problems);
  // The media files of the site and authors; the articles' are in the index.
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
  // Articles loaded for a site with problems, or whole, are not remembered.
  const index = site && !options.whole && options.index ? options.index : LocalIndex.memory();
  if (site) index.setContext(site, authorList);
  const articlesDir = join(dir, "articles");
  const files = await articleFiles(articlesDir, problems);
  const whole: Article[] = [];
  // Each file's own problems and warnings, by its number, when it had any.
  const own = new Map<number, Own>();
  // The files with a problem of their own, whose slug and id other files must not use all the same.
  const loose: Loose[] = [];
  let read = 0;
  const markdown = new MarkdownSandbox();
  const context = { site, sections, authors, markdown, images };
  try {
    await inParallel([...files.keys()], LOAD_CONCURRENCY, async (i) => {
      const file = files[i] as string;
      const mine = { problems: new Problems(), warnings: new Warnings() };
      // Its path below articles/ (which `articleFiles` joined it to).
      const path = file.slice(articlesDir.length + 1);
      const result = await knownArticle(file, path, context, mine, { index, whole: options.whole });
      if (mine.problems.lines.length > 0 || mine.warnings.lines.length > 0) own.set(i, mine);
      if (!result) return;
      if (result.read) read++;
      if ("loose" in result) {
        loose.push(result.loose);
        return;
      }
      if (result.article) whole.push(result.article);
    });
  } finally {
    await markdown.close();
  }
  index.forgetUnseen();
  // Files known unchanged since a load that passed every check share no slug or id among them.
  const unchecked = !index.allKnown() || loose.length > 0;
  const shared = unchecked ? sharedNames(index, loose, articlesDir) : new Map<string, [string, string][]>();
  for (const i of [...new Set([...own.keys(), ...numbered(files, shared.keys())])].sort((a, b) => a - b)) {
    const file = files[i] as string;
    const mine = own.get(i);
    if (mine) problems.append(mine.problems);
    for (const [field, message] of shared.get(file) ?? []) problems.add(display(file), field, message);
    if (mine) warnings.append(mine.warnings);
  }
  const content = site &&
    loadedSite && {
      site,
      count: index.count(false),
      authors: authorList,
      media: contentMedia(renditions, index, images, articlesDir),
      inputs: {
        site: siteInput(loadedSite.yaml, site),
        authors: authorsInput(authors.yaml, authorList),
        articles: indexedInputs(index, articlesDir),
      },
      scheduled: (now: number) => index.scheduled(now),
      ...(options.whole && { whole }),
      read,
    };
  if (content && !index.allKnown()) {
    const fileOf = (path: string) => display(join(articlesDir, path));
    reportOversizeFeeds(index, site, authorList, fileOf, display(siteFile), problems);
  }
  index.setChecked(problems.lines.length === 0 && content !== undefined);
  if (problems.lines.length > 0 || !content) return { ok: false, problems: problems.lines, warnings: warnings.lines };
  return { ok: true, content, warnings: warnings.lines };
}

type Own = { problems: Problems; warnings: Warnings };
// A file with a problem of its own, and the slug and id it has as far as they could be read.
type Loose = { file: string; slug?: string; id?: string };

// What an article file came to: as `index` knows it, when neither it nor its image changed, else
// loaded (`read`), and then remembered by `index` when it has no problem (and forgotten when it
// has: it is then `loose`). The article whole, when asked for.
async function knownArticle(
  file: string,
  path: string,
  context: ArticleContext,
  own: Own,
  { index, whole }: { index: LocalIndex; whole: boolean | undefined },
): Promise<({ article?: Article; read: boolean } | { loose: Loose; read: true }) | undefined> {
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch (error) {
    own.problems.add(display(file), "-", `cannot be read: ${(error as Error).message}`);
    return undefined;
  }
  const stamp = stampOf(stats);
  const known = index.article(path, stamp);
  if (known && (await sameImage(known, context.images))) {
    for (const [field, message] of known.warnings) own.warnings.add(display(file), field, message);
    return { read: false };
  }
  const loaded = await loadArticle(file, stamp, context, own.problems, own.warnings, whole);
  if (!loaded?.loaded) {
    index.dropArticle(path);
    return loaded && { loose: { file, ...detached({ slug: loaded.slug, id: loaded.id }) }, read: true };
  }
  const { entry, article } = loaded.loaded;
  index.keepArticle(path, entry, stats);
  return { ...(article && { article }), read: true };
}

// The inputs of the articles `index` remembers, whose files are below `articlesDir`.
function indexedInputs(index: LocalIndex, articlesDir: string): ArticleInputs {
  let hashes: ReadonlyMap<string, string> | undefined;
  return {
    size: index.count(true),
    hashes: () => {
      hashes ??= index.hashes();
      return hashes;
    },
    list: () => index.list(),
    get: (slug) => {
      const input = index.input(slug);
      if (!input) throw new Error(`the local index no longer holds "${slug}"; publish again`);
      return articleInputOf(join(articlesDir, input.path), input);
    },
  };
}

// The problems of files whose slug or id a file before them (in file order) already uses, by file:
// among the files the index remembers, and between them and those with problems of their own.
function sharedNames(index: LocalIndex, loose: readonly Loose[], articlesDir: string): Map<string, [string, string][]> {
  const found = new Map<string, [string, string][]>();
  const files = (paths: readonly string[]) => paths.map((path) => join(articlesDir, path));
  for (const what of ["slug", "id"] as const) {
    const groups = new Map([...index.shared(what)].map(([value, paths]) => [value, files(paths)]));
    for (const file of loose) {
      const value = file[what];
      if (value === undefined) continue;
      groups.set(value, [...(groups.get(value) ?? files(index.using(what, value))), file.file]);
    }
    for (const [value, group] of groups) {
      const [owner, ...others] = group.sort();
      for (const file of others) {
        found.set(file, [...(found.get(file) ?? []), [what, `"${value}" is already used by ${display(owner ?? "")}`]]);
      }
    }
  }
  return found;
}

// The numbers of `named` among `files`.
function numbered(files: readonly string[], named: Iterable<string>): number[] {
  const wanted = new Set(named);
  if (wanted.size === 0) return [];
  return [...files.keys()].filter((i) => wanted.has(files[i] as string));
}

// Whether the image of an article `index` knows is still what it was (or it has none): else, or
// when it cannot be read, the file is loaded again.
async function sameImage(entry: KnownArticle, images: SourceImages): Promise<boolean> {
  if (!entry.image) return true;
  const read = await images.read(entry.image.src);
  return "image" in read && read.image.sha256 === entry.image.sha256;
}

// The media files content needs: those of the site and authors (`own`), and those of the articles
// `index` remembers, made into a `Rendition` from their image (which this load read) when asked.
function contentMedia(
  own: ReadonlyMap<string, Rendition>,
  index: LocalIndex,
  images: SourceImages,
  articlesDir: string,
): ContentMedia {
  let names: Set<string> | undefined;
  return {
    get names() {
      names ??= new Set([...own.keys(), ...index.mediaNames()]);
      return names;
    },
    async rendition(name) {
      const mine = own.get(name);
      if (mine) return mine;
      const indexed = index.rendition(name);
      const read = indexed && (await images.read(indexed.src));
      if (!indexed || !read || !("image" in read)) {
        const whose = indexed ? ` (the image "${indexed.src}" of ${display(join(articlesDir, indexed.path))})` : "";
        throw new Error(`the media file ${name}${whose} can no longer be made: publish again`);
      }
      const origin = { file: display(join(articlesDir, indexed.path)), field: "image.src" };
      return { ...indexed.rendition, source: { ...read.image, origin } };
    },
  };
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
