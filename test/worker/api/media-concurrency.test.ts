import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import type { WriterStatus } from "../../../src/write/writer/status.ts";
import { clearKv } from "../helpers.ts";
import { api, pngHeader, SITE_INPUT } from "./api-helpers.ts";

const FILES = 48;

// A media name of the size of `png`, its hash part made of `n`.
function name(n: number): string {
  return `${n.toString(16).padStart(24, "0")}-640x480.png`;
}

async function revision(): Promise<number> {
  return ((await (await api("GET", "/status")).json()) as WriterStatus).revision.number;
}

// What R2 holds and what the writer lists, each as name → size, sorted by name.
async function held(): Promise<{ r2: [string, number][]; listed: [string, number][] }> {
  const r2: [string, number][] = [];
  let cursor: string | undefined;
  do {
    const page = await env.MEDIA.list(cursor === undefined ? {} : { cursor });
    r2.push(...page.objects.map((o): [string, number] => [o.key, o.size]));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  const { media } = (await (await api("GET", "/media?limit=1000")).json()) as {
    media: { name: string; bytes: number }[];
  };
  return { r2: r2.sort(), listed: media.map((m): [string, number] => [m.name, m.bytes]) };
}

describe("media files put at once", () => {
  beforeEach(async () => {
    await clearKv();
    await api("PUT", "/site", SITE_INPUT);
  });

  it("are all stored, R2 and the writer's listing agree, and each call counts one change", async () => {
    const before = await revision();
    const names = Array.from({ length: FILES }, (_, n) => name(n));
    const statuses = await Promise.all(
      names.map((n) => api("PUT", `/media/${n}`, pngHeader(640, 480)).then((r) => r.status)),
    );
    expect(statuses).toEqual(names.map(() => 201));
    const { r2, listed } = await held();
    expect(r2.map(([n]) => n)).toEqual(expect.arrayContaining(names));
    expect(listed).toEqual(r2);
    expect((await revision()) - before).toBe(FILES);
  });

  it("leave R2 and the listing agreeing when puts and deletions of one name race, and a rebuild with them", async () => {
    const before = await revision();
    const racing = Array.from({ length: 16 }, (_, n) => name(1000 + n));
    const calls = racing.flatMap((n, i) => {
      const put = (padding: number) => api("PUT", `/media/${n}`, pngHeader(640, 480, padding));
      const remove = () => api("DELETE", `/media/${n}`);
      return i % 2 === 0 ? [put(i), remove(), put(i + 1)] : [remove(), put(i), put(i + 1), remove()];
    });
    const rebuild = api("POST", "/rebuild");
    const statuses = await Promise.all([...calls, rebuild].map(async (r) => (await r).status));
    expect(statuses.every((s) => s === 200 || s === 201 || s === 204)).toBe(true);
    const { r2, listed } = await held();
    expect(listed).toEqual(r2);
    expect((await revision()) - before).toBe(calls.length + 1);
  });
});
