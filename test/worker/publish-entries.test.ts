import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { bindingTarget, type KvTarget, type Listing } from "../../scripts/lib/kv-target.ts";
import { publishEntries } from "../../scripts/lib/publish.ts";
import { ServedValueProblems } from "../../scripts/lib/served-values.ts";
import { buildKvEntries } from "../../src/kv/entries.ts";
import { article, SITE } from "./fixtures.ts";
import { clearKv } from "./helpers.ts";

const kvKeys = async () => (await env.CONTENT.list()).keys.map((k) => k.name);

beforeEach(async () => {
  await clearKv();
});

describe("values the Worker would refuse", () => {
  it("are listed by key and nothing is written", async () => {
    // Content validation refuses this; the check before writing is the second line, for a publisher bug.
    const entries = await buildKvEntries(SITE, [article({ contentHtml: "a \u0001 b" })]);
    const refusal = await publishEntries(bindingTarget(env.CONTENT), entries).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ServedValueProblems);
    expect((refusal as ServedValueProblems).lines).toContainEqual(
      expect.stringMatching(/^article:[^:]+: the Worker would refuse it: .*U\+0001/),
    );
    expect(await kvKeys()).toEqual([]);
  });
});

/** The binding, with a listing that shows only what was there `lagging` listings ago. */
function laggingTarget(lagging: number, lagMs: number): KvTarget {
  const real = bindingTarget(env.CONTENT);
  const listings: Listing[] = [];
  return {
    ...real,
    listingLagMs: lagMs,
    async list() {
      listings.push(await real.list());
      return listings[Math.max(0, listings.length - 1 - lagging)] as Listing;
    },
  };
}

describe("a target whose listing lags", () => {
  it("is listed again until it shows what was written, so the next publish starts from it", async () => {
    const entries = await buildKvEntries(SITE, [article()]);
    const first = await publishEntries(laggingTarget(2, 2_000), entries);
    expect(first.settled).toBe(true);
    const again = await publishEntries(bindingTarget(env.CONTENT), entries);
    expect(again.written).toEqual([]);
  });

  it("says so when the listing still lags after the time it may take", async () => {
    const entries = await buildKvEntries(SITE, [article()]);
    const summary = await publishEntries(laggingTarget(1_000, 50), entries);
    expect(summary.settled).toBe(false);
    expect(summary.written.length).toBeGreaterThan(0);
  });
});
