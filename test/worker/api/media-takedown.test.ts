import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { clearKv } from "../helpers.ts";
import { api, SITE_INPUT } from "./api-helpers.ts";

describe("DELETE /api/v1/media/{name}", () => {
  beforeEach(async () => {
    await clearKv();
    await api("PUT", "/site", SITE_INPUT);
  });

  it("refuses what is not a media name with 422, leaving the bucket as it is", async () => {
    await env.MEDIA.put("notes.txt", "not a rendition");
    for (const name of ["notes.txt", "%25", "0123456789abcdef0123456_-640x480.png"]) {
      const res = await api("DELETE", `/media/${name}`);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { problems: string[] }).problems[0]).toMatch(/is not a media name/);
    }
    expect(await env.MEDIA.head("notes.txt")).not.toBeNull();
    await env.MEDIA.delete("notes.txt");
  });
});
