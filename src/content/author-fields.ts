import type { Fields } from "./fields.ts";
import type { Author, ImageFile } from "./model.ts";

/** The fields an author may have, in authors.yaml or in the authors the ingest API takes. */
export const AUTHOR_FIELDS = ["name", "name_en", "desk", "url", "avatar", "bio"];

/**
 * Reads and checks one author's fields, recording each problem with its field: the same rules
 * and messages for authors.yaml and for the ingest API. `avatar` reads the avatar, which depends
 * on where images come from. `undefined` when the author has no usable name.
 */
export async function readAuthorFields(
  f: Fields,
  key: string,
  avatar: () => Promise<ImageFile | undefined>,
): Promise<Author | undefined> {
  const name = f.line("name");
  const nameEn = f.line("name_en", false);
  const url = f.line("url", false);
  const bio = f.text("bio", false);
  const desk = f.boolean("desk");
  const image = await avatar();
  const httpsUrl = url !== undefined && isHttpsUrl(url);
  if (url !== undefined && !httpsUrl) f.fail("url", `"${url}" must be an absolute https URL in normal form`);
  if (name === undefined) return undefined;
  return {
    key,
    name,
    ...(nameEn === undefined ? {} : { nameEn }),
    ...(desk ? { desk } : {}),
    ...(httpsUrl ? { url } : {}),
    ...(image ? { avatar: image } : {}),
    ...(bio === undefined ? {} : { bio }),
  };
}

function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.href === text;
  } catch {
    return false;
  }
}
