import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const readJson = async (path: string) => JSON.parse(await readFile(path, "utf8"));

describe("the feed library", () => {
  it("is installed at exactly the version package.json pins, since its bytes are in every feed's ETag", async () => {
    const spec: string = (await readJson("package.json")).dependencies.feed;
    const installed: string = (await readJson("node_modules/feed/package.json")).version;
    expect(spec, `package.json must pin feed to one version (found "${spec}")`).toMatch(/^\d+\.\d+\.\d+$/);
    expect(
      installed,
      `feed ${installed} is installed but package.json pins ${spec}: run npm install; when you change ` +
        "feed's version, bump RENDERER_VERSION in src/render/feeds.ts, since feed writes the bytes the ETags name",
    ).toBe(spec);
  });
});
