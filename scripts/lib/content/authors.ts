import { lstat } from "node:fs/promises";
import { AUTHOR_KEY_RULE, type AuthorDirectory } from "../../../src/content/article-authors.ts";
import { AUTHOR_FIELDS, readAuthorFields } from "../../../src/content/author-fields.ts";
import { Choices } from "../../../src/content/choices.ts";
import { Fields } from "../../../src/content/fields.ts";
import type { Author, Site } from "../../../src/content/model.ts";
import type { Problems } from "../../../src/content/problems.ts";
import { isAuthorKey } from "../../../src/content/urls.ts";
import { authorAvatar } from "../media/images.ts";
import { imageFile, type Rendition } from "../media/renditions.ts";
import type { SourceImages } from "../media/source-images.ts";
import { readSource } from "./files.ts";
import { display } from "./problems.ts";
import { readYaml } from "./yaml.ts";

/** The authors listed in a content folder, by key, and how articles name them. */
export interface Authors extends AuthorDirectory {
  /** The media files of their avatars. */
  renditions: Rendition[];
  /** authors.yaml as read (empty without the file). */
  yaml: Record<string, unknown>;
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
    yaml: {},
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
      root.fail(key, `is not a valid author key (${AUTHOR_KEY_RULE})`);
      continue;
    }
    const f = root.mapping(key, AUTHOR_FIELDS, true);
    if (!f) continue;
    const author = await readAuthorFields(f, key, async () => {
      const avatar = await authorAvatar(f, display(file), images);
      if (avatar) renditions.push(avatar);
      return avatar && site ? imageFile(site, avatar) : undefined;
    });
    if (author === undefined) continue;
    const twin = byName.get(author.name);
    if (twin) f.fail("name", `"${author.name}" is also the name of ${twin}; a byline could not tell them apart`);
    else byName.set(author.name, key);
    byKey.set(key, author);
  }
  return { ...authors, byKey, keys: new Choices(byKey.keys()), byName, renditions, yaml: data };
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}
