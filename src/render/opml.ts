import { documentDir } from "../content/archive.ts";
import type { FeedPage } from "../content/model.ts";
import { sectionDir } from "../content/sections.ts";
import { tagDir } from "../content/tags.ts";
import { authorDir, feedHomeUrl, feedUrl } from "../content/urls.ts";
import { escapeXml } from "./escape.ts";

/**
 * An OPML 2.0 subscription list: the main feed, every section's, tag's and author's feed (RSS),
 * grouped, so a reader can subscribe to all of them at once. Rendered from the main feed's page,
 * which lists the sections, tags and authors. A folder outline carries only `text`, as the spec asks of an
 * outline without a `type`.
 * @see http://opml.org/spec2.opml
 */
export function renderOpml(main: FeedPage): string {
  const { site } = main;
  const outline = (title: string, dir: string) =>
    `<outline type="rss" text="${escapeXml(title)}" title="${escapeXml(title)}" xmlUrl="${escapeXml(
      feedUrl(site, documentDir(dir, null), "rss"),
    )}" htmlUrl="${escapeXml(feedHomeUrl(site, dir))}" language="${escapeXml(site.language)}"/>`;
  const folder = (text: string, outlines: string[]) =>
    outlines.length === 0 ? [] : [`    <outline text="${escapeXml(text)}">`, ...outlines, `    </outline>`];
  const sections = (main.sections ?? []).map(
    ({ key, name }) => `      ${outline(`${name} — ${site.title}`, sectionDir(key))}`,
  );
  const tags = (main.tags ?? []).map(({ tag }) => `      ${outline(`${tag} — ${site.title}`, tagDir(tag))}`);
  const authors = (main.authors ?? []).map(
    ({ key, name }) => `      ${outline(`${name} — ${site.title}`, authorDir(key))}`,
  );
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<opml version="2.0">`,
    `  <head>`,
    `    <title>${escapeXml(site.title)}</title>`,
    `    <dateModified>${new Date(main.updated).toUTCString()}</dateModified>`,
    `    <ownerName>${escapeXml(site.publisher)}</ownerName>`,
    `  </head>`,
    `  <body>`,
    `    ${outline(site.title, "")}`,
    ...folder("विभाग", sections),
    ...folder("टैग", tags),
    ...folder("लेखक", authors),
    `  </body>`,
    `</opml>`,
    ``,
  ].join("\n");
}
