import { lstat } from "node:fs/promises";
import { Choices } from "../../src/content/choices.ts";
import type { Author, Site } from "../../src/content/model.ts";
import { isAuthorKey } from "../../src/content/urls.ts";
import { Fields } from "./fields.ts";
import { readSource } from "./files.ts";
import { authorAvatar } from "./images.ts";
import { display, type Problems } from "./problems.ts";
import { imageFile, type Rendition } from "./renditions.ts";
import type { SourceImages } from "./source-images.ts";
import { readYaml } from "./yaml.ts";

const AUTHOR_FIELDS = ["name", "name_en", "desk", "url", "avatar", "bio"];
const KEY_RULE = "lower-case a-z, 0-9 and single hyphens, at most 64 characters";

/** The authors listed in a content folder, by key, and how articles name them. */
export interface Authors {
  byKey: ReadonlyMap<string, Author>;
  /** Their keys, for what to suggest when an article names another. */
  keys: Choices;
  /** Each author's key by their name, which a byline may give instead. */
  byName: ReadonlyMap<string, string>;
  /** The file they come from, for messages. */
  file: string;
  /** The media files of their avatars. */
  renditions: Rendition[];
}

/**
 * Loads `content/authors.yaml`: a mapping from each author's key (lower-case a-z, 0-9 and single
 * hyphens) to `name` (required), `name_en`, `desk` (true for a desk rather than a person), `url`
 * (absolute https), `avatar` (a square image under content/media/) and `bio`. The file is
 * optional; without it every byline is an unlisted author. Avatars are named for `site`, and left
 * out while it has problems (nothing is published then).
 */
export async function loadAuthors(
  file: string,
  problems: Problems,
  images: SourceImages,
  site: Site | undefined,
): Promise<Authors> {
  const authors: Authors = {
    byKey: new Map(),
    keys: new Choices([]),
    byName: new Map(),
    file: display(file),
    renditions: [],
  };
  if (!(await exists(file))) return authors;
  const source = await readSource(file, problems);
  const data = source === undefined ? undefined : readYaml(source, display(file), problems);
  if (!data) return authors;
  const byKey = new Map<string, Author>();
  const byName = new Map<string, string>();
  const renditions: Rendition[] = [];
  const root = new Fields(data, display(file), problems, Object.keys(data));
  for (const key of Object.keys(data)) {
    if (!isAuthorKey(key)) {
      root.fail(key, `is not a valid author key (${KEY_RULE})`);
      continue;
    }
    const f = root.mapping(key, AUTHOR_FIELDS, true);
    if (!f) continue;
    const name = f.line("name");
    const nameEn = f.line("name_en", false);
    const url = f.line("url", false);
    const bio = f.text("bio", false);
    const desk = f.boolean("desk");
    const avatar = await authorAvatar(f, display(file), images);
    if (avatar) renditions.push(avatar);
    const httpsUrl = url !== undefined && isHttpsUrl(url);
    if (url !== undefined && !httpsUrl) f.fail("url", `"${url}" must be an absolute https URL in normal form`);
    if (name === undefined) continue;
    const twin = byName.get(name);
    if (twin) f.fail("name", `"${name}" is also the name of ${twin}; a byline could not tell them apart`);
    else byName.set(name, key);
    byKey.set(key, {
      key,
      name,
      ...(nameEn === undefined ? {} : { nameEn }),
      ...(desk ? { desk } : {}),
      ...(httpsUrl ? { url } : {}),
      ...(avatar && site ? { avatar: imageFile(site, avatar) } : {}),
      ...(bio === undefined ? {} : { bio }),
    });
  }
  return { ...authors, byKey, keys: new Choices(byKey.keys()), byName, renditions };
}

/**
 * The authors of an article from its front matter: `authors` (keys of authors.yaml, in byline
 * order) or, without it, `byline`, which means the listed author of that exact name, or else an
 * unlisted author named by it. A `byline` beside `authors` is shown as written. Bios stay out of
 * articles; authors' pages carry them.
 */
export function articleAuthors(
  f: Fields,
  authors: Authors,
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

function unknownAuthor(key: string, authors: Authors): string {
  if (!isAuthorKey(key)) return `is not an author key (${KEY_RULE})`;
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

function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.href === text;
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}
