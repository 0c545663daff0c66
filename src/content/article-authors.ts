import type { Choices } from "./choices.ts";
import type { Fields } from "./fields.ts";
import type { Author } from "./model.ts";
import { isAuthorKey } from "./urls.ts";

/** How an author key is written: lower-case a-z, 0-9 and single hyphens. */
export const AUTHOR_KEY_RULE = "lower-case a-z, 0-9 and single hyphens, at most 64 characters";

/** The listed authors an article may name, by key and by name. */
export interface AuthorDirectory {
  byKey: ReadonlyMap<string, Author>;
  /** Their keys, for what to suggest when an article names another. */
  keys: Choices;
  /** Each author's key by their name, which a byline may give instead. */
  byName: ReadonlyMap<string, string>;
  /** Where they are listed, for messages: authors.yaml, or the API's authors. */
  file: string;
}

/**
 * The authors of an article from its front matter: `authors` (keys of authors.yaml, in byline
 * order) or, without it, `byline`, which means the listed author of that exact name, or else an
 * unlisted author named by it. A `byline` beside `authors` is shown as written. Bios stay out of
 * articles; authors' pages carry them.
 */
export function articleAuthors(
  f: Fields,
  authors: AuthorDirectory,
): { authors: Author[] | undefined; byline: string | undefined } {
  if (!f.has("authors")) {
    const byline = f.line("byline");
    if (byline === undefined) return { authors: undefined, byline };
    const key = authors.byName.get(byline);
    const listed = key === undefined ? undefined : authors.byKey.get(key);
    return { authors: [withoutBio(listed ?? { name: byline })], byline };
  }
  const keys = f.lines("authors", (key) => (authors.byKey.has(key) ? undefined : unknownAuthor(key, authors)));
  const byline = f.line("byline", false);
  if (keys === undefined) return { authors: undefined, byline };
  const found = keys.map((key) => withoutBio(authors.byKey.get(key) as Author));
  return { authors: found, byline: byline ?? joinNames(found.map((a) => a.name)) };
}

function unknownAuthor(key: string, authors: AuthorDirectory): string {
  if (!isAuthorKey(key)) return `is not an author key (${AUTHOR_KEY_RULE})`;
  if (authors.byKey.size === 0) return `names the author "${key}", but there is no ${authors.file} listing authors`;
  return `"${key}" is not an author listed in ${authors.file} (${authors.keys.hint(key, "authors")})`;
}

// "क", "क और ख", "क, ख और ग": names as a Hindi byline lists them.
function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} और ${names.at(-1)}`;
}

function withoutBio({ bio: _, ...author }: Author): Author {
  return author;
}
