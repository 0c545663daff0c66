import { afterEach, describe, expect, it } from "vitest";
import { MarkdownSandbox } from "../../scripts/lib/content/markdown-sandbox.ts";

const PAGE = "https://patrika.example/articles/story";
// Limits far below what these inputs need (about 20 s and 600 MiB), so that which one is hit is certain.
const sandbox = new MarkdownSandbox({ timeMs: 3000, memoryMib: 64 });
afterEach(() => sandbox.close());

describe("converting Markdown in a worker thread", () => {
  it("converts as markdownToHtml does", async () => {
    expect(await sandbox.convert("[a](x) *b*", PAGE)).toEqual({
      html: '<p><a href="https://patrika.example/articles/x">a</a> <em>b</em></p>\n',
    });
  });

  it("stops a conversion that takes too long, and converts the next one", async () => {
    expect(await sandbox.convert("_a".repeat(200_000), PAGE)).toEqual({
      problem: "took more than 3 s to convert from Markdown; simplify or split it",
    });
    expect(await sandbox.convert("पाठ", PAGE)).toEqual({ html: "<p>पाठ</p>\n" });
  });

  it("stops a conversion that needs too much memory, and converts the next one", async () => {
    const wide = `|${"a|".repeat(1000)}\n|${"-|".repeat(1000)}\n${`|${"x|".repeat(1000)}\n`.repeat(1700)}`;
    expect(await sandbox.convert(wide, PAGE)).toEqual({
      problem: "could not be converted from Markdown (needed more than 64 MiB of memory); simplify or split it",
    });
    expect(await sandbox.convert("पाठ", PAGE)).toEqual({ html: "<p>पाठ</p>\n" });
  });
});
