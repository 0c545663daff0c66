import type { TestProject } from "vitest/node";
import { loadContent } from "../../scripts/lib/content.ts";
import { encodeRendition } from "../../scripts/lib/encode.ts";
import { withSizes } from "../../scripts/lib/publish-media.ts";
import { buildKvEntries } from "../../src/kv/entries.ts";

/** The base URL the Worker tests publish with, the one their fixtures and snapshots name. */
export const TEST_BASE_URL = "http://localhost:8787";

/**
 * Runs the real publish pipeline over `content/` in Node (where Markdown is parsed and images
 * encoded) and hands the resulting KV entries to the Worker tests, which write them into real
 * local KV.
 */
export default async function seedContent(project: TestProject): Promise<void> {
  const loaded = await loadContent("content", { baseUrl: TEST_BASE_URL });
  if (!loaded.ok) throw new Error(`content/ does not validate:\n${loaded.problems.join("\n")}`);
  const encoded = await Promise.all(
    loaded.content.renditions.map(async (r) => [r.name, (await encodeRendition(r)).length] as const),
  );
  const { content } = loaded;
  const { site, articles, authors } = withSizes(content.site, content.articles, content.authors, new Map(encoded));
  project.provide("seed", { site, articles, entries: await buildKvEntries(site, articles, authors) });
}
