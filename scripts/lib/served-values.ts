import { formatBytes, KV_VALUE_LIMIT_BYTES, MAX_FEED_PAGE_BYTES, utf8Bytes } from "../../src/content/limits.ts";
import type { Article, ArticleDocument, FeedPage } from "../../src/content/model.ts";
import { ShapeError } from "../../src/content/shape.ts";
import type { KvEntry } from "../../src/kv/entries.ts";
import { shapeOf } from "../../src/kv/shapes.ts";

/** Values the Worker would refuse; `lines` name each key and what is wrong. Nothing was written. */
export class ServedValueProblems extends Error {
  override name = "ServedValueProblems";
  readonly lines: readonly string[];

  constructor(lines: readonly string[]) {
    super(`${lines.length} value(s) the Worker would refuse`);
    this.lines = lines;
  }
}

/**
 * Checks every value about to be written as the Worker will read it: its JSON through the
 * Worker's own shape check for that key, and its size against `MAX_FEED_PAGE_BYTES`, well under
 * what a KV value may take. A feed page repeats articles that are checked as articles: its own
 * fields are checked, and each item only when it is not one of those (its size is bounded when
 * content is loaded, see `oversizeFeeds`). Content that passed
 * validation always passes; this is the second line, so that a publisher bug is refused here
 * instead of answered 503 by the Worker.
 */
export function checkServedValues(entries: readonly KvEntry[]): void {
  const lines: string[] = [];
  const checked = new Set<Article>();
  const check = (key: string, shape: (value: unknown) => unknown, value: unknown) => {
    try {
      shape(value);
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      lines.push(`${key}: the Worker would refuse it: ${error.message}`);
    }
  };
  const pages = entries.filter((e) => e.key.startsWith("feed:"));
  for (const entry of entries) {
    const shape = shapeOf(entry.key);
    if (!shape || entry.key.startsWith("feed:")) continue;
    const text = entry.value;
    const bytes = utf8Bytes(text);
    if (bytes > MAX_FEED_PAGE_BYTES) lines.push(tooLarge(entry.key, bytes));
    else check(entry.key, shape, JSON.parse(text));
    if (entry.key.startsWith("article:")) checked.add((entry.data as ArticleDocument).article);
  }
  for (const entry of pages) {
    const page = entry.data as FeedPage;
    const shape = shapeOf(entry.key) as (value: unknown) => unknown;
    check(entry.key, shape, JSON.parse(JSON.stringify({ ...page, items: page.items.filter((a) => !checked.has(a)) })));
  }
  if (lines.length > 0) throw new ServedValueProblems(lines);
}

function tooLarge(key: string, bytes: number): string {
  return `${key}: is ${formatBytes(bytes)}, over the ${formatBytes(MAX_FEED_PAGE_BYTES)} a value may take here (Workers KV takes at most ${formatBytes(KV_VALUE_LIMIT_BYTES)})`;
}
