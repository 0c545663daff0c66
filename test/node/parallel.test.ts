import { describe, expect, it } from "vitest";
import { batchesOf } from "../../scripts/lib/parallel.ts";

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
