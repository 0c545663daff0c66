import { afterEach, describe, expect, it } from "vitest";
import { MarkdownSandbox } from "../../scripts/lib/content/markdown-sandbox.ts";

const PAGE = "https://patrika.example/articles/story";
// A memory limit far below what the wide table needs (about 600 MiB), so that it is the limit hit.
const sandbox = new MarkdownSandbox({ timeMs: 3000, memoryMib: 64 });
afterEach(() => sandbox.close());

describe("converting Markdown in a worker thread", () => {
  it("converts as markdownToHtml does", async () => {
    expect(await sandbox.convert("[a](x) *b*", PAGE)).toEqual({
      html: '<p><a href="https://patrika.example/articles/x">a</a> <em>b</em></p>\n',
    });
  });

  it("stops a conversion that takes too long, and converts the next one", async () => {
    // 1,000,000 code spans: about 1.4 s and far less than 512 MiB.
    const slow = new MarkdownSandbox({ timeMs: 200, memoryMib: 512 });
    try {
      expect(await slow.convert("`a".repeat(1_000_000), PAGE)).toEqual({
        problem: "took more than 0.2 s to convert from Markdown; simplify or split it",
      });
      expect(await slow.convert("पाठ", PAGE)).toEqual({ html: "<p>पाठ</p>\n" });
    } finally {
      await slow.close();
    }
  });

  it("stops a conversion that needs too much memory, and converts the next one", async () => {
    const wide = `|${"a|".repeat(1000)}\n|${"-|".repeat(1000)}\n${`|${"x|".repeat(1000)}\n`.repeat(1700)}`;
    expect(await sandbox.convert(wide, PAGE)).toEqual({
      problem: "could not be converted from Markdown (needed more than 64 MiB of memory); simplify or split it",
    });
    expect(await sandbox.convert("पाठ", PAGE)).toEqual({ html: "<p>पाठ</p>\n" });
  });
});
