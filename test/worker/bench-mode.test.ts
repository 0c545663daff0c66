import { env } from "cloudflare:workers";
import { beforeEach, expect, it } from "vitest";
import worker from "../../src/index.ts";
import { clearKv, publishSeed } from "./helpers.ts";

beforeEach(async () => {
  await clearKv();
  await publishSeed();
});

const fetchWith = (path: string, vars: Partial<Env>, init?: RequestInit) =>
  worker.fetch(new Request(`http://localhost:8787${path}`, init), { ...env, ...vars });

it("reports KV reads in X-KV-Reads only in bench mode", async () => {
  const first = await fetchWith("/tags/%E0%A4%A8%E0%A4%BF%E0%A4%9C%E0%A4%A4%E0%A4%BE/atom.xml", {
    KV_READS_HEADER: "on",
  });
  expect(first.headers.get("X-KV-Reads")).toBe("2");
  const etag = first.headers.get("ETag") ?? "";
  const notModified = await fetchWith(
    "/tags/%E0%A4%A8%E0%A4%BF%E0%A4%9C%E0%A4%A4%E0%A4%BE/atom.xml",
    { KV_READS_HEADER: "on" },
    {
      headers: { "If-None-Match": etag },
    },
  );
  expect([notModified.status, notModified.headers.get("X-KV-Reads")]).toEqual([304, "1"]);
  expect((await fetchWith("/rss.xml", {})).headers.get("X-KV-Reads")).toBeNull();
});

it("keeps a feed head for HEAD_CACHE_SECONDS, and reads KV every time with 0", async () => {
  const vars = { KV_READS_HEADER: "on", HEAD_CACHE_SECONDS: "10" };
  const path = "/tags/%E0%A4%AA%E0%A5%87%E0%A4%97%E0%A4%BE%E0%A4%B8%E0%A4%B8/rss.xml";
  await fetchWith(path, vars, { method: "HEAD" });
  const cached = await fetchWith(path, vars, { method: "HEAD" });
  expect(cached.headers.get("X-KV-Reads")).toBe("0");
  const uncached = await fetchWith(path, { ...vars, HEAD_CACHE_SECONDS: "0" }, { method: "HEAD" });
  expect(uncached.headers.get("X-KV-Reads")).toBe("1");
});
