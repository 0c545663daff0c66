import { describe, expect, it } from "vitest";
import { batchesOf, limited } from "../../scripts/lib/parallel.ts";

describe("batchesOf", () => {
  it("cuts batches at the count or the size, whichever comes first, keeping the order", () => {
    const words = ["aa", "b", "cccc", "d", "e", "f"];
    expect([...batchesOf(words, 3, 4, (w) => w.length)]).toEqual([["aa", "b"], ["cccc"], ["d", "e", "f"]]);
  });

  it("puts an item larger than the size limit in a batch of its own", () => {
    expect([...batchesOf(["a", "toolong", "b"], 10, 3, (w) => w.length)]).toEqual([["a"], ["toolong"], ["b"]]);
  });

  it("takes items only as batches are asked for", () => {
    const taken: number[] = [];
    function* counting() {
      for (let i = 0; i < 10; i++) {
        taken.push(i);
        yield i;
      }
    }
    expect(batchesOf(counting(), 2).next().value).toEqual([0, 1]);
    expect(taken).toEqual([0, 1, 2]);
  });
});

describe("limited", () => {
  it("runs at most its limit of calls at once, the others in the order made, failures included", async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const work = limited(2, async (n: number) => {
      started.push(n);
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (n === 1) throw new Error("one failed");
      return n * 10;
    });
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((n) => work(n)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : r.reason.message))).toEqual([
      0,
      "one failed",
      20,
      30,
      40,
    ]);
    expect([most, started]).toEqual([2, [0, 1, 2, 3, 4]]);
  });
});
