import { describe, expect, it } from "vitest";
import { asArticleDocument } from "../../src/content/shape.ts";
import { htmlCharacterProblem } from "../../src/content/text.ts";
import { article, SITE } from "./fixtures.ts";

describe("HTML that XML feeds cannot carry", () => {
  it.each([
    ["<p>a &#1; b</p>", "&#1;", "U+0001"],
    ["<p>&#0;</p>", "&#0;", "U+0000"],
    ["x &#0000011; y", "&#0000011;", "U+000B"],
    ["x &#X1f; y", "&#X1f;", "U+001F"],
    ['<a title="&#x7F">', "&#x7F", "U+007F"],
    ["x &#159; y", "&#159;", "U+009F"],
    ["x &#xD800; y", "&#xD800;", "U+D800"],
    ["x &#xdfff; y", "&#xdfff;", "U+DFFF"],
    ["x &#xFFFE; y", "&#xFFFE;", "U+FFFE"],
    ["x &#65535; y", "&#65535;", "U+FFFF"],
    ["x &#x110000; y", "&#x110000;", "a code point beyond U+10FFFF"],
    ["x &#99999999999999999999; y", "&#99999999999999999999;", "a code point beyond U+10FFFF"],
  ])("refuses %s, which names a character XML cannot carry", (html, reference, character) => {
    expect(htmlCharacterProblem(html)).toBe(
      `contains "${reference}", a reference to ${character}, which XML feeds cannot carry (in "${html}")`,
    );
  });

  it("refuses the raw characters too", () => {
    expect(htmlCharacterProblem("<p>a\u0001</p>")).toBe(
      "contains the character U+0001 at offset 4, which XML feeds cannot carry",
    );
  });

  it("accepts references to characters XML carries, and text that only looks like a reference", () => {
    for (const html of [
      "&#9;&#10;&#13;&#32;&#x7E;&#xA0;&#xD7FF;&#xE000;&#xFFFD;&#x10000;&#x10FFFF;&#x1F600;",
      "<p>&amp;#1; &#39; &#38;</p>",
      "# 1; &# 1; &#x;",
    ]) {
      expect(htmlCharacterProblem(html)).toBeUndefined();
    }
  });

  it("is checked again by the Worker when it reads an article back from KV", () => {
    const read = (contentHtml: string) => () => asArticleDocument({ site: SITE, article: article({ contentHtml }) });
    expect(read("<p>a &#x1; b</p>")).toThrow(
      'document.article.contentHtml contains "&#x1;", a reference to U+0001, which XML feeds cannot carry (in "<p>a &#x1; b</p>")',
    );
    expect(read("<p>a &#39; b</p>")).not.toThrow();
  });
});
