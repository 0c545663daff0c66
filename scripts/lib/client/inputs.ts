import type { ArticleImage, Author, ImageFile, Site } from "../../../src/content/model.ts";

/** A JSON object as the ingest API takes it. */
export type Input = Record<string, unknown>;

/** What the ingest API is sent for content: the site settings, the authors, and each article by slug. */
export interface ContentInputs {
  site: Input;
  authors: Input;
  /** Every article, published, held or withdrawn. */
  articles: ArticleInputs;
}

/** Every article's input, known by slug and hash: a file is read only when it is sent. */
export interface ArticleInputs {
  /** How many there are. */
  readonly size: number;
  /** Slug → hash of each. */
  hashes(): ReadonlyMap<string, string>;
  /** The slug, hash, UTF-8 bytes and publication time (epoch milliseconds; 0 when it has none) of each. */
  list(): [slug: string, hash: string, bytes: number, at: number][];
  /** The one of `slug`, which must be among them. */
  get(slug: string): ArticleInput;
}

/**
 * What the ingest API is sent for an article, known by its hash (see `ArticleInputs.list`) until
 * it is sent: only then is its file read again, so that a publish holds one batch of articles at once.
 */
export interface ArticleInput {
  /** Its JSON object; rejects when the file no longer gives the one of its hash. */
  read(): Promise<Input>;
}

/**
 * An article file as the ingest API takes it: its front matter with its slug, the Markdown
 * `body` (which the service converts as the publisher does), and its lead image, when it is a
 * local file, as `inputImage` gives it.
 */
export function articleInput(front: Input, slug: string, body: string, image: Input | undefined): Input {
  return image ? { ...front, slug, body, image } : { ...front, slug, body };
}

/** A local lead image as the ingest API takes it: named by the media files made from it. */
export function inputImage({ alt, caption, credit, large, small }: ArticleImage): Input {
  return { alt, caption, credit, large: mediaName(large), small: mediaName(small) };
}

/**
 * A withdrawn article as the ingest API takes it: without its image, whose media files are not
 * uploaded (nothing shows them) and, once it was taken down, deleted.
 */
export function withdrawnInput(front: Input, slug: string, body: string): Input {
  const { image: _image, ...rest } = front;
  return articleInput(rest, slug, body, undefined);
}

/** site.yaml as the ingest API takes it: its base URL as published (`--base-url`), its icon and logo by media name. */
export function siteInput(yaml: Input, site: Site): Input {
  const { icon: _icon, logo: _logo, ...rest } = yaml;
  return {
    ...rest,
    base_url: site.baseUrl,
    ...(site.icon && { icon: site.icon.map(mediaName) }),
    ...(site.logo && { logo: mediaName(site.logo) }),
  };
}

/** authors.yaml as the ingest API takes it: each author's avatar by media name. */
export function authorsInput(yaml: Input, authors: readonly Author[]): Input {
  const byKey = new Map(authors.map((a) => [a.key, a]));
  return Object.fromEntries(
    Object.entries(yaml).map(([key, fields]) => {
      const avatar = byKey.get(key)?.avatar;
      return [key, avatar ? { ...(fields as Input), avatar: mediaName(avatar) } : fields];
    }),
  );
}

// The media file an image names: the last segment of its URL.
function mediaName(file: ImageFile): string {
  return file.url.slice(file.url.lastIndexOf("/") + 1);
}
