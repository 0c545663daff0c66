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

/**
 * The real binding, whose listing shows KV as it was `delayMs` ago: a snapshot is taken after
 * every write or deletion, and a listing gives the newest one at least `delayMs` old.
 */
async function laggingTarget(delayMs: number, lagMs: number): Promise<KvTarget> {
  const real = bindingTarget(env.CONTENT);
  const snapshots: { at: number; listing: Listing }[] = [{ at: 0, listing: await real.list() }];
  const changed = async (count: number) => {
    if (count > 0) snapshots.push({ at: Date.now(), listing: await real.list() });
  };
  return {
    ...real,
    listingLagMs: lagMs,
    async list() {
      const now = Date.now();
      return snapshots.findLast(({ at }) => at <= now - delayMs)?.listing as Listing;
    },
    async put(entries, onDone) {
      await real.put(entries, onDone);
      await changed(entries.length);
    },
    async remove(keys, onDone) {
      await real.remove(keys, onDone);
      await changed(keys.length);
    },
  };
}

describe("a target whose listing lags", () => {
  it("is listed again until it shows what was written, so the next publish starts from it", async () => {
    const entries = await buildKvEntries(SITE, [article()]);
    const target = await laggingTarget(300, 5_000);
    const first = await publishEntries(target, entries);
    expect([first.settled, first.written.length > 0]).toEqual([true, true]);
    const again = await publishEntries(target, entries);
    expect([again.settled, again.written, again.deleted]).toEqual([true, [], []]);
  });

  it("says so when the listing still lags after the time it may take", async () => {
    const entries = await buildKvEntries(SITE, [article()]);
    const summary = await publishEntries(await laggingTarget(60_000, 200), entries);
    expect(summary.settled).toBe(false);
    expect(summary.written.length).toBeGreaterThan(0);
  });
});
