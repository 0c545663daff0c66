import { parseAtomFeed, parseRssFeed } from "feedsmith";
import { beforeAll, describe, expect, it } from "vitest";
import { article, SITE } from "./fixtures.ts";
import { clearKv, publishArticles, request } from "./helpers.ts";

const HUB = "https://hub.example/websub";

beforeAll(async () => {
  await clearKv();
  await publishArticles({ ...SITE, websubHub: HUB }, [article()]);
});

describe("WebSub discovery", () => {
  it("advertises the hub in RSS, Atom and JSON Feed and in Link headers", async () => {
    const rss = await request("/rss.xml");
    expect(rss.headers.get("Link")).toBe(`<${HUB}>; rel="hub", <http://localhost:8787/rss.xml>; rel="self"`);
    expect(parseRssFeed(await rss.text()).atom?.links).toContainEqual({ href: HUB, rel: "hub" });

    const atom = await request("/tags/%E0%A4%AA%E0%A4%B0%E0%A5%80%E0%A4%95%E0%A5%8D%E0%A4%B7%E0%A4%A3/atom.xml");
    expect(atom.headers.get("Link")).toBe(
      `<${HUB}>; rel="hub", <http://localhost:8787/tags/%E0%A4%AA%E0%A4%B0%E0%A5%80%E0%A4%95%E0%A5%8D%E0%A4%B7%E0%A4%A3/atom.xml>; rel="self"`,
    );
    expect(parseAtomFeed(await atom.text()).links).toContainEqual({ href: HUB, rel: "hub" });

    const json = await request("/feed.json", { method: "HEAD" });
    expect(json.headers.get("Link")).toContain(`<${HUB}>; rel="hub"`);
    expect(JSON.parse(await (await request("/feed.json")).text()).hubs).toEqual([{ type: "WebSub", url: HUB }]);
  });
});
