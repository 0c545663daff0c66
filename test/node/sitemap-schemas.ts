import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { validateXML } from "xmllint-wasm";

const FOLDER = join("test", "fixtures", "sitemaps");
const SCHEMAS = { urlset: "sitemap.xsd", sitemapindex: "siteindex.xsd", news: "news-sitemap.xsd" } as const;
const NEWS_IMPORTS = ["sitemap.xsd", "sitemap-news.xsd", "sitemap-image.xsd"];

/**
 * What the schemas in `test/fixtures/sitemaps/` find wrong with a sitemap (`urlset`), a sitemap
 * index (`sitemapindex`), or a news sitemap (`news`: sitemaps.org with the Google News and image
 * extensions): xmllint's messages, none when it is valid.
 */
export async function schemaErrors(xml: string, schema: keyof typeof SCHEMAS): Promise<string[]> {
  const read = (fileName: string) => readFile(join(FOLDER, fileName), "utf8");
  const preload = schema === "news" ? NEWS_IMPORTS : [];
  const result = await validateXML({
    xml: [{ fileName: "sitemap.xml", contents: xml }],
    schema: [await read(SCHEMAS[schema])],
    preload: await Promise.all(preload.map(async (fileName) => ({ fileName, contents: await read(fileName) }))),
  });
  return result.valid ? [] : result.errors.map((error) => error.message);
}
