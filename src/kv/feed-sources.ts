import { epochMillis } from "../content/dates.ts";
import type { Article, Site, TagCount } from "../content/model.ts";
import { tagDir } from "../content/tags.ts";

/** One logical feed (the main feed, or a tag's) before it is split into its documents. */
export interface FeedSource {
  /** Folder of its subscription URLs: `""` or `/tags/{encoded tag}`. */
  dir: string;
  tag?: string;
  /** Every tag with its count, most used first: the main feed's only. */
  tags?: TagCount[];
  title: string;
  description: string;
  newestFirst: Article[];
}

/** Every feed the content makes: the main feed first, then one per tag, each with its articles newest first. */
export function feedSources(site: Site, articles: readonly Article[]): FeedSource[] {
  const newestFirst = newestFirstOrder(articles);
  const byTag = new Map<string, Article[]>();
  for (const article of newestFirst) {
    for (const tag of article.tags) {
      const tagged = byTag.get(tag);
      if (tagged) tagged.push(article);
      else byTag.set(tag, [article]);
    }
  }
  const tags = [...byTag]
    .map(([tag, tagged]) => ({ tag, count: tagged.length }))
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1));
  return [
    { dir: "", title: site.title, description: site.description, newestFirst, tags },
    ...[...byTag].map(([tag, tagged]) => ({
      dir: tagDir(tag),
      tag,
      title: `${tag} — ${site.title}`,
      description: `“${tag}” से जुड़ी ख़बरें — ${site.title}`,
      newestFirst: tagged,
    })),
  ];
}

/** Articles newest first by publication time, ties broken by id, so the order never depends on input order. */
export function newestFirstOrder(articles: readonly Article[]): Article[] {
  const published = new Map(articles.map((a) => [a, epochMillis(a.published)]));
  const time = (a: Article) => published.get(a) ?? 0;
  return [...articles].sort((a, b) => time(b) - time(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
