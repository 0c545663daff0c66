import { epochMillis } from "../../content/dates.ts";
import type {
  Article,
  Author,
  AuthorCount,
  FeedPage,
  Section,
  SectionCount,
  Site,
  TagCount,
} from "../../content/model.ts";
import { sectionDir, sectionOf } from "../../content/sections.ts";
import { tagDir } from "../../content/tags.ts";
import { authorDir } from "../../content/urls.ts";

/**
 * What grouping articles into feeds needs of each: its order, its dates, and what it is listed
 * under (a whole `Article` has it; so has the publisher's summary of one, which leaves its body out).
 */
export type FeedArticle = Pick<Article, "id" | "slug" | "published" | "updated" | "tags" | "section"> & {
  authors: readonly Pick<Author, "key" | "name">[];
};

/** One logical feed (the main feed, a tag's, an author's or a section's) before it is split into its documents. */
export interface FeedSource<A extends FeedArticle = Article>
  extends Pick<FeedPage, "tag" | "tags" | "author" | "authors" | "section" | "sections" | "title" | "description"> {
  /** Folder of its subscription URLs: `""`, `/tags/{encoded tag}`, `/authors/{key}` or `/sections/{key}`. */
  dir: string;
  newestFirst: A[];
}

/**
 * Every feed the content makes: the main feed first, then one per tag, then one per author listed
 * in authors.yaml who wrote any article (`authors` gives them with their bios), then one per
 * section with articles, each with its articles newest first.
 */
export function feedSources<A extends FeedArticle>(
  site: Site,
  articles: readonly A[],
  authors: readonly Author[] = [],
): FeedSource<A>[] {
  const newestFirst = newestFirstOrder(articles);
  const byTag = groupBy(newestFirst, (article) => article.tags);
  const byAuthor = groupBy(newestFirst, (article) =>
    article.authors.flatMap((a) => (a.key === undefined ? [] : [a.key])),
  );
  const bySection = groupBy(newestFirst, (article) => (article.section === undefined ? [] : [article.section]));
  const listed = new Map(authors.map((author) => [author.key, author]));
  const authorOf = (key: string, tagged: A[]) =>
    listed.get(key) ?? (tagged[0]?.authors.find((a) => a.key === key) as Author);
  const tags = tagCounts([...byTag].map(([tag, tagged]) => ({ tag, count: tagged.length })));
  const authorList = authorCounts(
    [...byAuthor].map(([key, written]) => ({ key, name: authorOf(key, written).name, count: written.length })),
  );
  const sections = sectionCounts(
    site,
    [...bySection].map(([key, filed]) => ({ key, name: sectionOf(site, key).name, count: filed.length })),
  );
  return [
    mainSource(site, newestFirst, tags, authorList, sections),
    ...[...byTag].map(([tag, tagged]) => tagSource(site, tag, tagged)),
    ...[...byAuthor].map(([key, written]) => authorSource(site, authorOf(key, written), written)),
    ...[...bySection].map(([key, filed]) => sectionSource(site, sectionOf(site, key), filed)),
  ];
}

/** A feed by what it lists: the main feed (`name` ""), a tag's, an author's or a section's (by key). */
export type FeedKey = { kind: "main" | "tag" | "author" | "section"; name: string };

/** The feeds an article is listed in, as rows to keep: the main feed's, its tags', its listed authors' and its section's. */
export function feedsOf(article: FeedArticle): (FeedKey & { dir: string })[] {
  return [
    { dir: "", kind: "main", name: "" },
    ...article.tags.map((tag) => ({ dir: tagDir(tag), kind: "tag" as const, name: tag })),
    ...article.authors.flatMap((a) =>
      a.key === undefined ? [] : [{ dir: authorDir(a.key), kind: "author" as const, name: a.key }],
    ),
    ...(article.section === undefined
      ? []
      : [{ dir: sectionDir(article.section), kind: "section" as const, name: article.section }]),
  ];
}

/**
 * The feed `feed` as its documents show it without their items (`authorOf` gives a listed author
 * by key, with their bio); the main feed's subscription document, when `counts` is given, lists
 * every tag, author and section of it with its count.
 */
export function itemlessSource(
  site: Site,
  feed: FeedKey,
  authorOf: (key: string) => Author | undefined,
  counts?: readonly (FeedKey & { count: number })[],
): FeedSource {
  if (feed.kind === "tag") return tagSource(site, feed.name, []);
  if (feed.kind === "author") return authorSource(site, authorOf(feed.name) ?? { key: feed.name, name: feed.name }, []);
  if (feed.kind === "section") return sectionSource(site, sectionOf(site, feed.name), []);
  if (!counts) return mainSource(site, [], [], [], []);
  const of = (kind: FeedKey["kind"]) => counts.filter((f) => f.kind === kind);
  const tags = tagCounts(of("tag").map((f) => ({ tag: f.name, count: f.count })));
  const authors = authorCounts(
    of("author").map((f) => ({ key: f.name, name: authorOf(f.name)?.name ?? f.name, count: f.count })),
  );
  const sections = sectionCounts(
    site,
    of("section").map((f) => ({ key: f.name, name: sectionOf(site, f.name).name, count: f.count })),
  );
  return mainSource(site, [], tags, authors, sections);
}

/**
 * The main feed: every article, and on its subscription document every tag, author and section
 * with their counts.
 */
export function mainSource<A extends FeedArticle>(
  site: Site,
  newestFirst: A[],
  tags: TagCount[],
  authors: AuthorCount[],
  sections: SectionCount[],
): FeedSource<A> {
  return { dir: "", title: site.title, description: site.description, newestFirst, tags, authors, sections };
}

/** One tag's feed. */
export function tagSource<A extends FeedArticle>(site: Site, tag: string, newestFirst: A[]): FeedSource<A> {
  return {
    dir: tagDir(tag),
    tag,
    title: `${tag} — ${site.title}`,
    description: `“${tag}” से जुड़ी ख़बरें — ${site.title}`,
    newestFirst,
  };
}

/** One listed author's feed; `author` carries their bio. */
export function authorSource<A extends FeedArticle>(site: Site, author: Author, newestFirst: A[]): FeedSource<A> {
  return {
    dir: authorDir(author.key ?? ""),
    author,
    title: `${author.name} — ${site.title}`,
    description: `${author.name} की ख़बरें — ${site.title}`,
    newestFirst,
  };
}

/** One section's feed. */
export function sectionSource<A extends FeedArticle>(site: Site, section: Section, newestFirst: A[]): FeedSource<A> {
  return {
    dir: sectionDir(section.key),
    section,
    title: `${section.name} — ${site.title}`,
    description: `${section.name} की ख़बरें — ${site.title}`,
    newestFirst,
  };
}

/** Tags in the order the main feed lists them: most used first, then by tag. */
export function tagCounts(counts: TagCount[]): TagCount[] {
  return counts.sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1));
}

/** Authors in the order the main feed lists them: by name, then by key. */
export function authorCounts(counts: AuthorCount[]): AuthorCount[] {
  return counts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : 1));
}

/** Sections in the order the main feed lists them: as site.yaml does, then any it no longer lists, by key. */
export function sectionCounts(site: Site, counts: SectionCount[]): SectionCount[] {
  const keys = (site.sections ?? []).map((s) => s.key);
  const place = (key: string) => (keys.includes(key) ? keys.indexOf(key) : keys.length);
  return counts.sort((a, b) => place(a.key) - place(b.key) || (a.key < b.key ? -1 : 1));
}

// Articles grouped under each of their keys, in the order given.
function groupBy<A>(articles: readonly A[], keys: (article: A) => readonly string[]): Map<string, A[]> {
  const groups = new Map<string, A[]>();
  for (const article of articles) {
    for (const key of keys(article)) {
      const group = groups.get(key);
      if (group) group.push(article);
      else groups.set(key, [article]);
    }
  }
  return groups;
}

/** Articles newest first by publication time, ties broken by id, so the order never depends on input order. */
export function newestFirstOrder<A extends Pick<Article, "id" | "published">>(articles: readonly A[]): A[] {
  const timed = articles.map((article) => ({ article, time: epochMillis(article.published) }));
  timed.sort((a, b) => b.time - a.time || (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0));
  return timed.map((t) => t.article);
}
