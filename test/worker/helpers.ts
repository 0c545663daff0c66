import { env, exports } from "cloudflare:workers";
import { DOMParser, type Document } from "@xmldom/xmldom";
import { inject } from "vitest";

/** Writes the published form of `content/` into this test file's local KV. */
export async function publishSeed(): Promise<void> {
  for (const { key, value } of inject("seed").entries) await env.CONTENT.put(key, value);
}

/** Sends a request through the Worker's real `fetch`. */
export function request(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`http://localhost:8787${path}`, init));
}

/** Parses XML strictly: any warning or error fails the test. */
export function parseXml(text: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(text, "application/xml");
}
