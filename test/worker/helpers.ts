import { env, exports } from "cloudflare:workers";
import { DOMParser, type Document } from "@xmldom/xmldom";
import { inject } from "vitest";
import type { Article, Author, Site, Takedown } from "../../src/content/model.ts";
import worker from "../../src/index.ts";
import { buildKvEntries } from "../../src/write/build/entries.ts";

/** Writes the published form of `content/` into this test file's local KV. */
export async function publishSeed(): Promise<void> {
  for (const { key, value } of inject("seed").entries) await env.CONTENT.put(key, value);
}

/**
 * Writes the KV entries of `articles` (and `authors`, and the tombstones of stories taken down)
 * published under `site` into this test file's local KV.
 */
export async function publishArticles(
  site: Site,
  articles: readonly Article[],
  authors: readonly Author[] = [],
  gone: readonly Takedown[] = [],
): Promise<void> {
  const entries = await buildKvEntries(site, articles, authors, gone);
  await Promise.all(entries.map(({ key, value }) => env.CONTENT.put(key, value)));
}

/** Sends a request through the Worker's real `fetch`, to http://localhost:8787 unless `origin` says otherwise. */
export function request(path: string, init?: RequestInit, origin = "http://localhost:8787"): Promise<Response> {
  return exports.default.fetch(new Request(`${origin}${path}`, init));
}

/**
 * Parses XML strictly: any error or warning fails the test, except xmldom's guess that a U+FFFD
 * (a legal character, which published text may contain) means the source was mis-decoded.
 */
export function parseXml(text: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      if (level === "warning" && message.includes("Unicode replacement character")) return;
      throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(text, "application/xml");
}

/** Parses HTML (a page, or an HTML fragment from a feed) into a DOM, as xmldom reads HTML. */
export function parseHtml(text: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      if (level === "fatalError") throw new Error(`HTML ${level}: ${message}`);
    },
  }).parseFromString(text, "text/html");
}

/**
 * Sends a request through the Worker's real `fetch` to http://localhost:8787, with the real local
 * KV binding wrapped to record every key the Worker reads.
 */
export async function fetchCounted(path: string, init?: RequestInit): Promise<{ res: Response; reads: string[] }> {
  const { kv, reads } = countingKv(env.CONTENT);
  const res = await worker.fetch(new Request(`http://localhost:8787${path}`, init), { ...env, CONTENT: kv });
  return { res, reads };
}

/** The real local KV binding, wrapped to record every key the Worker reads. */
function countingKv(kv: KVNamespace): { kv: KVNamespace; reads: string[] } {
  const reads: string[] = [];
  const counted = new Proxy(kv, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== "get" && property !== "getWithMetadata")
        return typeof value === "function" ? value.bind(target) : value;
      return (key: string, ...rest: unknown[]) => {
        reads.push(key);
        return (value as (...args: unknown[]) => unknown).call(target, key, ...rest);
      };
    },
  });
  return { kv: counted, reads };
}

/** Deletes every key, so a test starts from an empty namespace whatever ran before it. */
export async function clearKv(): Promise<void> {
  for (;;) {
    const { keys } = await env.CONTENT.list();
    if (keys.length === 0) return;
    await Promise.all(keys.map(({ name }) => env.CONTENT.delete(name)));
  }
}
