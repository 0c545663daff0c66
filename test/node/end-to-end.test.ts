import { type ChildProcess, spawn } from "node:child_process";
import { copyFile, readFile, symlink } from "node:fs/promises";
import { get } from "node:http";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { tempDir } from "./helpers.ts";
import { schemaErrors } from "./sitemap-schemas.ts";

const ATOM = "http://www.w3.org/2005/Atom";
const MEDIA = "http://search.yahoo.com/mrss/";
let dir: Awaited<ReturnType<typeof tempDir>>;
let start: ChildProcess;
let output = "";
/** The URL `npm start` says it serves content/ at, without its trailing slash. */
let origin: string;
/** The base URL its publish says content was published for. */
let baseUrl: string;

/**
 * What `npm start` does, run as it is (scripts/start.ts) in a checkout of its own (links to this
 * one's code and content/, so that its .dev.vars and .wrangler/state are the test's), on a free port.
 */
beforeAll(async () => {
  dir = await tempDir();
  for (const name of ["src", "scripts", "content", "node_modules", "package.json"]) {
    await symlink(resolve(name), join(dir.path, name));
  }
  await copyFile("wrangler.toml", join(dir.path, "wrangler.toml"));
  start = spawn(process.execPath, ["scripts/start.ts"], {
    cwd: dir.path,
    env: { ...process.env, PORT: String(await freePort()) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  start.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const served = await new Promise<RegExpExecArray>((done, fail) => {
    start.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const said = /^Patrika serves content\/ at (\S+)\/ /m.exec(output);
      if (said) done(said);
    });
    start.once("exit", (code) => fail(new Error(`npm start exited (${code}) before serving:\n${output}`)));
  });
  origin = served[1] ?? "";
  baseUrl = /^Published to .*Base URL (\S+)\.$/m.exec(output)?.[1] ?? "";
}, 180_000);
afterAll(async () => {
  if (start?.pid !== undefined && start.exitCode === null) {
    const ended = new Promise((done) => start.once("exit", done));
    process.kill(-start.pid, "SIGINT");
    const stopped = setTimeout(() => start.pid !== undefined && process.kill(-start.pid, "SIGKILL"), 10_000);
    await ended;
    clearTimeout(stopped);
  }
  await dir?.cleanup();
});

// A port nothing listens on now, for wrangler dev to take.
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.once("error", fail);
  });
}

const fetchPath = (path: string) => fetch(`${origin}${path}`);

describe("the Worker under wrangler dev", () => {
  it("is published by npm start for the origin it serves and prints, so pages may load its images", () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(baseUrl).toBe(origin);
  });

  it("serves an Atom feed valid against the RELAX NG grammar of RFC 4287", async () => {
    const res = await fetchPath("/atom.xml");
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
    const atom = (await (await fetchPath("/atom.xml")).text())
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
    const rss = new DOMParser().parseFromString(await (await fetchPath("/rss.xml")).text(), "application/xml");
    const named = [
      ...Array.from(rss.getElementsByTagNameNS(MEDIA, "content")),
      ...Array.from(rss.getElementsByTagNameNS(MEDIA, "thumbnail")),
    ].map((e) => ({ url: e.getAttribute("url") ?? "", width: e.getAttribute("width"), type: e.getAttribute("type") }));
    expect(named).toHaveLength(2);
    for (const { url, width, type } of named) {
      expect(url.startsWith(`${baseUrl}/media/`)).toBe(true);
      const res = await fetchPath(new URL(url).pathname);
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
      const res = await fetchPath(path as string);
      expect([path, res.status, res.headers.get("Content-Type")]).toEqual([path, 200, type]);
      expect(await res.text()).toContain("व्हाट्सएप ने कहा- जासूसी मामले में की कड़ी कार्रवाई");
    }
  });

  it("serves a sitemap index and sitemaps valid against the sitemaps.org schemas, listing the article once", async () => {
    const index = await (await fetchPath("/sitemap.xml")).text();
    expect(await schemaErrors(index, "sitemapindex")).toEqual([]);
    const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? "");
    const listed: string[] = [];
    for (const sitemap of locs(index)) {
      const xml = await (await fetchPath(new URL(sitemap).pathname)).text();
      expect(await schemaErrors(xml, "urlset")).toEqual([]);
      listed.push(...locs(xml));
    }
    expect(listed.filter((loc) => loc.includes("/articles/"))).toEqual([
      `${baseUrl}/articles/whatsapp-pegasus-spying-action`,
    ]);
  });

  it("shows a story added and then changed through the API with the token of .dev.vars in the feed at once", async () => {
    const token = /^PUBLISH_TOKEN=(.+)$/m.exec(await readFile(join(dir.path, ".dev.vars"), "utf8"))?.[1];
    const put = (title: string) =>
      fetch(`${origin}/api/v1/articles/api-khabar`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          title,
          summary: "एक छोटी ख़बर।",
          byline: "डिजिटल डेस्क",
          dateline: "भोपाल",
          published: "2026-12-01T10:00:00+05:30",
          tags: ["मध्य प्रदेश"],
          body: "पाठ।",
        }),
      });
    const titles = async () =>
      ((await (await fetchPath("/feed.json")).json()) as { items: { title: string }[] }).items.map((i) => i.title);
    expect((await put("एपीआई की ख़बर")).status).toBe(200);
    expect(await titles()).toContain("एपीआई की ख़बर");
    await new Promise((done) => setTimeout(done, 1_100));
    expect((await put("बदली हुई एपीआई की ख़बर")).status).toBe(200);
    expect(await titles()).toContain("बदली हुई एपीआई की ख़बर");
    const gone = await fetch(`${origin}/api/v1/articles/api-khabar`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(gone.status).toBe(200);
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
    get(`${origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    }).on("error", reject);
  });
}
