import { expect, it } from "vitest";
import type { EncodedDocument } from "../../src/http/encoded-document.ts";
import { RenderMemo } from "../../src/http/render-memo.ts";

const doc = (identity: number, gzip: number): EncodedDocument => ({
  identity: new Uint8Array(identity),
  gzip: new Uint8Array(gzip),
});

it("keeps documents within its byte bound, both codings counted, dropping the least recently used first", () => {
  const memo = new RenderMemo(10);
  const [a, b, c] = [doc(3, 1), doc(3, 1), doc(3, 1)];
  memo.set("a", a);
  memo.set("b", b);
  expect(memo.get("a")).toBe(a);
  memo.set("c", c);
  expect(memo.get("b")).toBeUndefined();
  expect(memo.get("a")).toBe(a);
  expect(memo.get("c")).toBe(c);
  memo.set("huge", doc(10, 1));
  expect(memo.get("huge")).toBeUndefined();
  const big = doc(8, 1);
  memo.set("a", big);
  expect(memo.get("a")).toBe(big);
  expect(memo.get("c")).toBeUndefined();
});
