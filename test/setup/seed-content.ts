import type { TestProject } from "vitest/node";
import { loadContent } from "../../scripts/lib/content/content.ts";
import { encodeRendition } from "../../scripts/lib/media/encode.ts";
import { mediaUrl } from "../../src/content/media.ts";
import type { Article, Author, ImageFile, Site } from "../../src/content/model.ts";
import { buildKvEntries } from "../../src/write/build/entries.ts";

/** The base URL the Worker tests publish with, the one their fixtures and snapshots name. */
export const TEST_BASE_URL = "http://localhost:8787";

/**
 * Runs the real publish pipeline over `content/` in Node (where Markdown is parsed and images
 * encoded) and hands the resulting KV entries to the Worker tests, which write them into real
 * local KV.
 */
export default async function seedContent(project: TestProject): Promise<void> {
  const loaded = await loadContent("content", { baseUrl: TEST_BASE_URL, whole: true });
  if (!loaded.ok) throw new Error(`content/ does not validate:\n${loaded.problems.join("\n")}`);
  const { media } = loaded.content;
  const encoded = await Promise.all(
    [...media.names].map(async (name) => [name, (await encodeRendition(await media.rendition(name))).length] as const),
  );
  const { content } = loaded;
  const { site, articles, authors } = withSizes(content.site, content.whole ?? [], content.authors, new Map(encoded));
  project.provide("seed", { site, articles, entries: await buildKvEntries(site, articles, authors) });
}

// The site, articles and authors with the size in bytes of every media file they name, as the service adds them.
function withSizes(
  site: Site,
  articles: readonly Article[],
  authors: readonly Author[],
  sizes: ReadonlyMap<string, number>,
): { site: Site; articles: Article[]; authors: Author[] } {
  const prefix = mediaUrl(site, "");
  const sized = (file: ImageFile): ImageFile => {
    const bytes = file.url.startsWith(prefix) ? sizes.get(file.url.slice(prefix.length)) : undefined;
    return bytes === undefined ? file : { ...file, bytes };
  };
  const sizedAuthor = (author: Author): Author =>
    author.avatar ? { ...author, avatar: sized(author.avatar) } : author;
  return {
    site: {
      ...site,
      ...(site.icon && { icon: site.icon.map(sized) }),
      ...(site.logo && { logo: sized(site.logo) }),
    },
    articles: articles.map((article) => ({
      ...article,
      ...(article.image && {
        image: { ...article.image, large: sized(article.image.large), small: sized(article.image.small) },
      }),
      ...(article.authors && { authors: article.authors.map(sizedAuthor) }),
    })),
    authors: authors.map(sizedAuthor),
  };
}
