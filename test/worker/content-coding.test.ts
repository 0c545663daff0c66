import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../src/index.ts";
import { article, SITE } from "./fixtures.ts";
import { clearKv, parseXml, publishArticles, publishSeed } from "./helpers.ts";

const TAG = `/tags/${encodeURIComponent("निजता")}`;
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/** Every kind of document the Worker renders, and how to check that a body is a whole one. */
const DOCUMENTS: [path: string, accept: string | undefined, whole: (text: string) => void][] = [
  ["/rss.xml", undefined, (text) => parseXml(text)],
  ["/atom.xml", undefined, (text) => parseXml(text)],
  ["/feed.json", undefined, (text) => JSON.parse(text)],
  [`${TAG}/rss.xml`, undefined, (text) => parseXml(text)],
  ["/rss.xml", BROWSER, (text) => expect(text).toMatch(/^<!doctype html>[\s\S]*<\/html>\n?$/)],
  ["/", undefined, (text) => expect(text).toMatch(/^<!doctype html>[\s\S]*<\/html>\n?$/)],
  [TAG, undefined, (text) => expect(text).toMatch(/^<!doctype html>[\s\S]*<\/html>\n?$/)],
  ["/articles/whatsapp-pegasus-spying-action", undefined, (text) => expect(text).toMatch(/<\/html>\n?$/)],
  ["/feeds.opml", undefined, (text) => parseXml(text)],
  ["/assets/site.css", undefined, (text) => expect(text).toContain("font-family")],
];

interface Ask {
  acceptEncoding?: string;
  cf?: Record<string, unknown>;
  headers?: Record<string, string>;
  method?: string;
}

/** Fetches through the Worker's own `fetch`, so the body is exactly the bytes it would send. */
async function get(path: string, { acceptEncoding, cf, headers, method }: Ask = {}): Promise<Response> {
  const all = new Headers(headers);
  if (acceptEncoding !== undefined) all.set("Accept-Encoding", acceptEncoding);
  const init = { method, headers: all, cf } as RequestInit;
  return worker.fetch(new Request(`http://localhost:8787${path}`, init), env);
}

async function gunzip(bytes: ArrayBuffer): Promise<string> {
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
}

beforeEach(async () => {
  await clearKv();
  await publishSeed();
});

describe.each(DOCUMENTS)("%s (Accept: %s)", (path, accept, whole) => {
  const ask = (acceptEncoding?: string, headers: Record<string, string> = {}, method = "GET"): Ask => ({
    acceptEncoding,
    headers: accept ? { ...headers, Accept: accept } : headers,
    method,
  });

  it("sends the same document as identity bytes or as gzip bytes, each with its own strong ETag", async () => {
    const plain = await get(path, ask());
    const zipped = await get(path, ask("gzip"));
    expect([plain.status, zipped.status]).toEqual([200, 200]);
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(zipped.headers.get("Content-Encoding")).toBe("gzip");
    for (const res of [plain, zipped]) expect(res.headers.get("Vary")).toMatch(/(^|, )Accept-Encoding$/);

    const text = await plain.text();
    whole(text);
    const bytes = await zipped.arrayBuffer();
    expect([...new Uint8Array(bytes, 0, 2)]).toEqual([0x1f, 0x8b]);
    expect(await gunzip(bytes)).toBe(text);

    const [plainTag, zippedTag] = [plain.headers.get("ETag"), zipped.headers.get("ETag")];
    expect(plainTag).toMatch(/^"[^"]+"$/);
    expect(zippedTag).toMatch(/^"[^"]+"$/);
    expect(zippedTag).not.toBe(plainTag);
  });

  it("answers 304 to the ETag of the coding the client would get, and 200 to the other one", async () => {
    const plainTag = (await get(path, ask())).headers.get("ETag") ?? "";
    const zippedTag = (await get(path, ask("gzip"))).headers.get("ETag") ?? "";

    const zipped304 = await get(path, ask("gzip", { "If-None-Match": zippedTag }));
    expect([zipped304.status, zipped304.headers.get("ETag"), await zipped304.text()]).toEqual([304, zippedTag, ""]);
    const plain304 = await get(path, ask(undefined, { "If-None-Match": plainTag }));
    expect([plain304.status, plain304.headers.get("ETag"), await plain304.text()]).toEqual([304, plainTag, ""]);

    const crossed = await get(path, ask("gzip", { "If-None-Match": plainTag }));
    expect([crossed.status, crossed.headers.get("Content-Encoding")]).toEqual([200, "gzip"]);
    expect((await get(path, ask(undefined, { "If-None-Match": zippedTag }))).status).toBe(200);
  });

  it("answers HEAD with the headers of GET in either coding, and no body", async () => {
    for (const acceptEncoding of [undefined, "gzip"]) {
      const getRes = await get(path, ask(acceptEncoding));
      const headRes = await get(path, ask(acceptEncoding, {}, "HEAD"));
      expect(headRes.status).toBe(200);
      expect(await headRes.text()).toBe("");
      for (const name of ["Content-Type", "Content-Encoding", "ETag", "Vary", "Cache-Control", "Last-Modified"]) {
        expect([acceptEncoding, name, headRes.headers.get(name)]).toEqual([
          acceptEncoding,
          name,
          getRes.headers.get(name),
        ]);
      }
    }
  });
});

describe("choosing a content coding", () => {
  const CASES: [acceptEncoding: string | undefined, expected: "identity" | "gzip" | 406][] = [
    [undefined, "identity"],
    ["", "identity"],
    ["gzip", "gzip"],
    ["GZip", "gzip"],
    ["x-gzip", "gzip"],
    ["br, gzip", "gzip"],
    ["gzip;q=0", "identity"],
    ["gzip ; q=0, identity", "identity"],
    ["br", "identity"],
    ["deflate, br;q=0.9", "identity"],
    ["*", "gzip"],
    ["*;q=0, identity", "identity"],
    ["*;q=0.3, gzip;q=0", "identity"],
    ["identity;q=0, gzip", "gzip"],
    ["identity;q=0, *", "gzip"],
    ["gzip;q=0.5, identity", "identity"],
    ["gzip;q=0.5, identity;q=0.5", "gzip"],
    ["gzip;q=0.5", "gzip"],
    ["gzip;q=2", "identity"],
    ["gzip;q=abc", "identity"],
    ["identity;q=0", 406],
    ["*;q=0", 406],
    ["gzip;q=0, identity;q=0", 406],
  ];

  it.each(CASES)("Accept-Encoding: %s → %s", async (acceptEncoding, expected) => {
    const res = await get("/rss.xml", { acceptEncoding });
    if (expected === 406) {
      expect(res.status).toBe(406);
      expect(res.headers.get("Content-Type")).toBe("text/plain; charset=UTF-8");
      expect(res.headers.get("Vary")).toBe("Accept-Encoding");
      expect(await res.text()).toContain("gzip");
      return;
    }
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Encoding") ?? "identity").toBe(expected);
    const bytes = await res.arrayBuffer();
    parseXml(expected === "gzip" ? await gunzip(bytes) : new TextDecoder().decode(bytes));
  });

  it("decides from the client's own value in cf.clientAcceptEncoding over the rewritten header", async () => {
    const coding = async (init: Ask) => (await get("/atom.xml", init)).headers.get("Content-Encoding") ?? "identity";
    expect(await coding({ acceptEncoding: "br, gzip", cf: { clientAcceptEncoding: "" } })).toBe("identity");
    expect(await coding({ acceptEncoding: "br, gzip", cf: { clientAcceptEncoding: "gzip;q=0" } })).toBe("identity");
    expect(await coding({ cf: { clientAcceptEncoding: "gzip, deflate" } })).toBe("gzip");
    expect(await coding({ acceptEncoding: "gzip", cf: {} })).toBe("gzip");
  });

  it("keeps gzip right on the request that renders a new version and on those after it", async () => {
    const title = `नया शीर्षक ${crypto.randomUUID()}`;
    await publishArticles(SITE, [article({ title })]);
    const first = await get("/feed.json", { acceptEncoding: "gzip" });
    const second = await get("/feed.json", { acceptEncoding: "gzip" });
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
    const [firstText, secondText] = [await gunzip(await first.arrayBuffer()), await gunzip(await second.arrayBuffer())];
    expect(JSON.parse(firstText).items[0].title).toBe(title);
    expect(secondText).toBe(firstText);
  });
});
