import { expect, it } from "vitest";
import { RenderMemo } from "../../src/http/render-memo.ts";

it("keeps documents within its size bound, dropping the least recently used first", () => {
  const memo = new RenderMemo(10);
  memo.set("a", "1234");
  memo.set("b", "1234");
  expect(memo.get("a")).toBe("1234");
  memo.set("c", "1234");
  expect([memo.get("a"), memo.get("b"), memo.get("c")]).toEqual(["1234", undefined, "1234"]);
  memo.set("huge", "x".repeat(11));
  expect(memo.get("huge")).toBeUndefined();
  memo.set("a", "123456789");
  expect([memo.get("a"), memo.get("c")]).toEqual(["123456789", undefined]);
});
