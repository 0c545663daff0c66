import { epochMillis } from "../content/dates.ts";
import type { Article, Author, FeedPage, Site } from "../content/model.ts";
import { tagDir } from "../content/tags.ts";
import { authorDir } from "../content/urls.ts";

/** One logical feed (the main feed, a tag's or an author's) before it is split into its documents. */
export interface FeedSource extends Pick<FeedPage, "tag" | "tags" | "author" | "authors" | "title" | "description"> {
  /** Folder of its subscription URLs: `""`, `/tags/{encoded tag}` or `/authors/{key}`. */
  dir: string;
  newestFirst: Article[];
}

/**
 * Every feed the content makes: the main feed first, then one per tag, then one per author listed
 * in authors.yaml who wrote any article (`authors` gives them with their bios), each with its
 * articles newest first.
 */
export function feedSources(site: Site, articles: readonly Article[], authors: readonly Author[] = []): FeedSource[] {
  const newestFirst = newestFirstOrder(articles);
  const byTag = groupBy(newestFirst, (article) => article.tags);
  const byAuthor = groupBy(newestFirst, (article) =>
    article.authors.flatMap((a) => (a.key === undefined ? [] : [a.key])),
  );
  const listed = new Map(authors.map((author) => [author.key, author]));
  const authorOf = (key: string, tagged: Article[]) =>
    listed.get(key) ?? (tagged[0]?.authors.find((a) => a.key === key) as Author);
  const tags = [...byTag]
    .map(([tag, tagged]) => ({ tag, count: tagged.length }))
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1));
  const authorCounts = [...byAuthor]
    .map(([key, written]) => ({ key, name: authorOf(key, written).name, count: written.length }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : 1));
  return [
    { dir: "", title: site.title, description: site.description, newestFirst, tags, authors: authorCounts },
    ...[...byTag].map(([tag, tagged]) => ({
      dir: tagDir(tag),
      tag,
      title: `${tag} — ${site.title}`,
      description: `“${tag}” से जुड़ी ख़बरें — ${site.title}`,
      newestFirst: tagged,
    })),
    ...[...byAuthor].map(([key, written]) => {
      const author = authorOf(key, written);
      return {
        dir: authorDir(key),
        author,
        title: `${author.name} — ${site.title}`,
        description: `${author.name} की ख़बरें — ${site.title}`,
        newestFirst: written,
      };
    }),
  ];
}

// Articles grouped under each of their keys, in the order given.
function groupBy(articles: readonly Article[], keys: (article: Article) => readonly string[]): Map<string, Article[]> {
  const groups = new Map<string, Article[]>();
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
export function newestFirstOrder(articles: readonly Article[]): Article[] {
  const published = new Map(articles.map((a) => [a, epochMillis(a.published)]));
  const time = (a: Article) => published.get(a) ?? 0;
  return [...articles].sort((a, b) => time(b) - time(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
