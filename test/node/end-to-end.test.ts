import { readFile } from "node:fs/promises";
import { get } from "node:http";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Unstable_DevWorker, unstable_dev } from "wrangler";
import { validateXML } from "xmllint-wasm";
import { runPublish, tempDir } from "./helpers.ts";
import { schemaErrors } from "./sitemap-schemas.ts";

const ATOM = "http://www.w3.org/2005/Atom";
const MEDIA = "http://search.yahoo.com/mrss/";
const SCRIPTS: Record<string, string> = JSON.parse(await readFile("package.json", "utf8")).scripts;
/** The base URL `npm start` publishes for. */
const BASE_URL = /--base-url (\S+)/.exec(SCRIPTS["publish:local"] ?? "")?.[1] ?? "";
let dir: Awaited<ReturnType<typeof tempDir>>;
let worker: Unstable_DevWorker;

/** What `npm start` does: publish content/ into a local KV, then serve it with wrangler dev. */
beforeAll(async () => {
  dir = await tempDir();
  const published = await runPublish(["--local", "--persist-to", dir.path, "--base-url", BASE_URL]);
  expect(published.code).toBe(0);
  worker = await unstable_dev("src/index.ts", {
    config: "wrangler.toml",
    persistTo: dir.path,
    ip: "127.0.0.1",
    logLevel: "warn",
    experimental: { disableExperimentalWarning: true },
  });
});
afterAll(async () => {
  await worker?.stop();
  await dir?.cleanup();
});

describe("the Worker under wrangler dev", () => {
  it("is published by npm start for the origin wrangler dev serves and prints, so pages may load its images", () => {
    const [, ip, port] = /wrangler dev --ip (\S+) --port (\d+)/.exec(SCRIPTS.start ?? "") ?? [];
    expect(BASE_URL).toBe(`http://${ip}:${port}`);
  });

  it("serves an Atom feed valid against the RELAX NG grammar of RFC 4287", async () => {
    const res = await worker.fetch("/atom.xml");
    expect(res.status).toBe(200);
    const atom = await res.text();
    const result = await validateXML({
      xml: [{ fileName: "atom.xml", contents: atom }],
      schema: [await readFile(join("test", "fixtures", "atom.rng"), "utf8")],
      extension: "relaxng",
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);

    // The grammar's Schematron rules, which RELAX NG does not check.
    const doc = new DOMParser().parseFromString(atom, "application/xml");
    for (const entry of Array.from(doc.getElementsByTagNameNS(ATOM, "entry"))) {
      expect(entry.getElementsByTagNameNS(ATOM, "author").length).toBeGreaterThan(0);
      const links = Array.from(entry.getElementsByTagNameNS(ATOM, "link"));
      expect(links.some((l) => [null, "alternate"].includes(l.getAttribute("rel")))).toBe(true);
    }
  });

  it("rejects an Atom document the grammar forbids, so the check above can fail", async () => {
    const atom = (await (await worker.fetch("/atom.xml")).text())
      .replace("<id>", "<identifier>")
      .replace("</id>", "</identifier>");
    const result = await validateXML({
      xml: [{ fileName: "atom.xml", contents: atom }],
      schema: [await readFile(join("test", "fixtures", "atom.rng"), "utf8")],
      extension: "relaxng",
    });
    expect(result.valid).toBe(false);
  });

  it("serves every media file the RSS feed names from local R2, at the size and type the feed says", async () => {
    const rss = new DOMParser().parseFromString(await (await worker.fetch("/rss.xml")).text(), "application/xml");
    const named = [
      ...Array.from(rss.getElementsByTagNameNS(MEDIA, "content")),
      ...Array.from(rss.getElementsByTagNameNS(MEDIA, "thumbnail")),
    ].map((e) => ({ url: e.getAttribute("url") ?? "", width: e.getAttribute("width"), type: e.getAttribute("type") }));
    expect(named).toHaveLength(2);
    for (const { url, width, type } of named) {
      expect(url.startsWith(`${BASE_URL}/media/`)).toBe(true);
      const res = await worker.fetch(new URL(url).pathname);
      expect(res.status).toBe(200);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect([String(meta.width), `image/${meta.format}`]).toEqual([width, type ?? res.headers.get("Content-Type")]);
    }
  });

  it("serves all three feeds from the published content", async () => {
    for (const [path, type] of [
      ["/rss.xml", "application/rss+xml; charset=utf-8"],
      ["/atom.xml", "application/atom+xml; charset=utf-8"],
      ["/feed.json", "application/feed+json; charset=utf-8"],
    ]) {
      const res = await worker.fetch(path as string);
      expect([path, res.status, res.headers.get("Content-Type")]).toEqual([path, 200, type]);
      expect(await res.text()).toContain("व्हाट्सएप ने कहा- जासूसी मामले में की कड़ी कार्रवाई");
    }
  });

  it("serves a sitemap index and sitemaps valid against the sitemaps.org schemas, listing the article once", async () => {
    const index = await (await worker.fetch("/sitemap.xml")).text();
    expect(await schemaErrors(index, "sitemapindex")).toEqual([]);
    const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? "");
    const listed: string[] = [];
    for (const sitemap of locs(index)) {
      const xml = await (await worker.fetch(new URL(sitemap).pathname)).text();
      expect(await schemaErrors(xml, "urlset")).toEqual([]);
      listed.push(...locs(xml));
    }
    expect(listed.filter((loc) => loc.includes("/articles/"))).toEqual([
      `${BASE_URL}/articles/whatsapp-pegasus-spying-action`,
    ]);
  });

  it("sends the kept gzip bytes once to a client that asks for gzip, and plain bytes to one that does not", async () => {
    const plain = await raw("/rss.xml", {});
    const zipped = await raw("/rss.xml", { "Accept-Encoding": "gzip" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(plain.body.toString("utf8")).toContain("व्हाट्सएप ने कहा- जासूसी मामले में की कड़ी कार्रवाई");
  });
});

// One GET over plain HTTP, without the decompression a fetch client would do, so the test sees the wire bytes.
function raw(
  path: string,
  headers: Record<string, string>,
): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get({ host: worker.address, port: worker.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    }).on("error", reject);
  });
}
