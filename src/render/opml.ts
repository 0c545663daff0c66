import { documentDir } from "../content/archive.ts";
import type { FeedPage } from "../content/model.ts";
import { tagDir } from "../content/tags.ts";
import { feedHomeUrl, feedUrl } from "../content/urls.ts";
import { escapeXml } from "./escape.ts";

/**
 * An OPML 2.0 subscription list: the main feed and every tag's feed (RSS), grouped, so a reader
 * can subscribe to all of them at once. Rendered from the main feed's page, which lists the tags.
 * @see http://opml.org/spec2.opml
 */
export function renderOpml(main: FeedPage): string {
  const { site } = main;
  const outline = (title: string, dir: string) =>
    `<outline type="rss" text="${escapeXml(title)}" title="${escapeXml(title)}" xmlUrl="${escapeXml(
      feedUrl(site, documentDir(dir, null), "rss"),
    )}" htmlUrl="${escapeXml(feedHomeUrl(site, dir))}" language="${escapeXml(site.language)}"/>`;
  const tags = (main.tags ?? []).map(({ tag }) => `      ${outline(`${tag} — ${site.title}`, tagDir(tag))}`);
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
    `    <outline text="टैग" title="टैग">`,
    ...tags,
    `    </outline>`,
    `  </body>`,
    `</opml>`,
    ``,
  ].join("\n");
}
