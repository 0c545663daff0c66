import type { Fields } from "./fields.ts";
import type { Section, Site } from "./model.ts";
import type { Problems } from "./problems.ts";
import { siteSections } from "./section-fields.ts";
import { baseUrlProblem, hubUrlProblem } from "./urls.ts";

/** The settings a site has: `site.yaml`'s fields, or the keys of the site settings the ingest API takes. */
export const SITE_FIELDS = [
  "title",
  "description",
  "base_url",
  "language",
  "publisher",
  "rights",
  "items_per_feed",
  "tagging_entity",
  "websub_hub",
  "icon",
  "logo",
  "sections",
];

const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const TAGGING_ENTITY = /^(?:[a-z0-9-]+\.)+[a-z]{2,},\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** The site's settings as read (all but its icon and logo, which depend on where images come from), each `undefined` where it has a problem. */
export type SiteRecord = { [K in keyof Omit<Site, "icon" | "logo" | "sections">]: Site[K] | undefined } & {
  /** Empty when the settings list none. */
  sections: Section[] | undefined;
};

/**
 * Reads and checks the site settings, recording each problem with its field: the same rules and
 * messages for site.yaml and for the ingest API. `baseUrl` overrides `base_url` (`--base-url`),
 * which is checked all the same.
 */
export function readSiteFields(f: Fields, problems: Problems, baseUrl: string | undefined): SiteRecord {
  return {
    title: f.line("title"),
    description: f.line("description"),
    baseUrl: siteBaseUrl(f, problems, baseUrl),
    language: pattern(f.line("language"), LANGUAGE, "language", "a BCP 47 language tag such as hi", f),
    publisher: f.line("publisher"),
    rights: f.line("rights"),
    itemsPerFeed: f.integer("items_per_feed", 1, 1000),
    taggingEntity: pattern(
      f.line("tagging_entity"),
      TAGGING_ENTITY,
      "tagging_entity",
      "domain,year such as patrika.example,2019",
      f,
    ),
    websubHub: checkedUrl(f.line("websub_hub", false), hubUrlProblem, (problem) => f.fail("websub_hub", problem)),
    sections: siteSections(f),
  };
}

// The base URL, without a trailing slash: the settings' own, checked even when `override` (--base-url) replaces it.
function siteBaseUrl(f: Fields, problems: Problems, override: string | undefined): string | undefined {
  const own = checkedUrl(f.line("base_url"), baseUrlProblem, (problem) => f.fail("base_url", problem));
  const used =
    override === undefined
      ? own
      : checkedUrl(override, baseUrlProblem, (problem) => problems.option("--base-url", problem));
  return own && used?.replace(/\/$/, "");
}

// `value` in normal form, or `undefined` when it is absent or `problemOf` finds a problem, given to `fail`.
function checkedUrl(
  value: string | undefined,
  problemOf: (value: string) => string | undefined,
  fail: (problem: string) => undefined,
): string | undefined {
  if (value === undefined) return undefined;
  const problem = problemOf(value);
  return problem ? fail(problem) : new URL(value).href;
}

function pattern(
  value: string | undefined,
  re: RegExp,
  field: string,
  expected: string,
  f: Fields,
): string | undefined {
  if (value === undefined || re.test(value)) return value;
  return f.fail(field, `"${value}" is not valid (expected ${expected})`);
}
