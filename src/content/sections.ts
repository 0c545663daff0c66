import type { Section, Site } from "./model.ts";

/**
 * Sections of the publication (देश, दुनिया, खेल …): the rules for their keys and for an article
 * naming one, shared by the publisher and any other writer of content.
 */

/** Longest section key. */
export const MAX_SECTION_KEY = 40;

// Known keys an unknown-key problem names before it counts the rest.
const NAMED_KEYS = 5;

/** Whether `text` can be a section key: lower-case a-z, 0-9 and single hyphens, 1 to 40 characters. */
export function isSectionKey(text: string): boolean {
  return text.length <= MAX_SECTION_KEY && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text);
}

/** Describes why `key` cannot be the key of another section after `taken`, or `undefined`. */
export function sectionKeyProblem(key: string, taken: readonly string[]): string | undefined {
  if (!isSectionKey(key)) {
    return `"${key}" is not a valid section key (lower-case a-z, 0-9 and single hyphens, 1 to ${MAX_SECTION_KEY} characters)`;
  }
  return taken.includes(key) ? `repeats the key "${key}"` : undefined;
}

/**
 * Describes why an article cannot name the section `key` of `sections` (listed in `file`), or
 * `undefined`; the problem names at most a few of the known keys.
 */
export function articleSectionProblem(key: string, sections: readonly Section[], file: string): string | undefined {
  if (sections.some((s) => s.key === key)) return undefined;
  if (sections.length === 0) return `names the section "${key}", but ${file} lists no sections`;
  const keys = sections.map((s) => s.key);
  const more = keys.length > NAMED_KEYS ? ` and ${keys.length - NAMED_KEYS} more` : "";
  return `"${key}" is not a section listed in ${file} (${keys.slice(0, NAMED_KEYS).join(", ")}${more})`;
}

/** Folder of a section's page and feeds below the base URL. */
export function sectionDir(key: string): string {
  return `/sections/${key}`;
}

/** The section `key` of the site, or one named by its key when the site no longer lists it. */
export function sectionOf(site: Site, key: string): Section {
  return site.sections?.find((s) => s.key === key) ?? { key, name: key };
}
