import type { Fields } from "./fields.ts";
import type { Section } from "./model.ts";
import { articleSectionProblem, sectionKeyProblem } from "./sections.ts";

const SECTION_FIELDS = ["key", "name", "name_en"];

/** The sections an article may name, and where they are listed (site.yaml, or the API's site settings), for messages. */
export interface SiteSections {
  sections: readonly Section[];
  /** The file they are listed in, for messages. */
  file: string;
}

/**
 * Reads `sections` of site.yaml: a list of `{key, name, name_en}` with unique keys. An empty list
 * when there is none; `undefined` when it has a problem.
 */
export function siteSections(f: Fields): Section[] | undefined {
  const items = f.mappings("sections", SECTION_FIELDS);
  if (items === undefined) return f.has("sections") ? undefined : [];
  const sections: Section[] = [];
  for (const item of items) {
    if (item === undefined) continue;
    const key = item.line("key");
    const name = item.line("name");
    const nameEn = item.line("name_en", false);
    const problem =
      key === undefined
        ? undefined
        : sectionKeyProblem(
            key,
            sections.map((s) => s.key),
          );
    if (problem) item.fail("key", problem);
    if (key === undefined || name === undefined || problem) continue;
    sections.push({ key, name, ...(nameEn === undefined ? {} : { nameEn }) });
  }
  return sections.length === items.length ? sections : undefined;
}

/**
 * The key of the section an article names in `section`, if any, when `site` lists it; without
 * `site` (its file has problems), the key unchecked.
 */
export function articleSection(f: Fields, site: SiteSections | undefined): string | undefined {
  const key = f.line("section", false);
  const problem =
    key === undefined || site === undefined ? undefined : articleSectionProblem(key, site.sections, site.file);
  return problem ? f.fail("section", problem) : key;
}
