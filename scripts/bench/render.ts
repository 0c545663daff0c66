import type { FeedPage } from "../../src/content/model.ts";
import type { FeedFormat } from "../../src/content/urls.ts";
import { escapeXml } from "../../src/render/escape.ts";
import { renderFeed } from "../../src/render/feeds.ts";

/**
 * Times rendering a 50-item page in each format against the plainest string template that writes
 * the same items (title, link, id, date, summary, content), in the same run.
 * Returns microseconds per document and the ratio to the template.
 */
export function renderBenchmark(page: FeedPage, rounds = 200): Record<FeedFormat, { us: number; ratio: number }> {
  const template = () =>
    page.items
      .map(
        (a) =>
          `<item><title>${escapeXml(a.title)}</title><link>${page.site.baseUrl}/articles/${a.slug}</link><guid>${escapeXml(a.id)}</guid><pubDate>${a.published}</pubDate><description>${escapeXml(a.summary)}</description><content>${escapeXml(a.contentHtml)}</content></item>`,
      )
      .join("");
  const baseline = time(template, rounds);
  const result = {} as Record<FeedFormat, { us: number; ratio: number }>;
  for (const format of ["rss", "atom", "json"] as const) {
    const us = time(() => renderFeed(page, format, { ttlMinutes: 5 }), rounds);
    result[format] = { us, ratio: us / baseline };
  }
  return result;
}

function time(work: () => string, rounds: number): number {
  let sink = 0;
  for (let i = 0; i < 20; i++) sink += work().length;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) sink += work().length;
  if (sink < 0) throw new Error("unreachable");
  return ((performance.now() - started) * 1000) / rounds;
}
