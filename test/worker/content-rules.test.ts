import { describe, expect, it } from "vitest";
import { offsetDateTimeProblem } from "../../src/content/dates.ts";
import { invisibleCharacterProblem } from "../../src/content/invisible.ts";
import { asArticleDocument } from "../../src/content/shape.ts";
import { htmlCharacterProblem, singleLineProblem } from "../../src/content/text.ts";
import { article, CORRECTIONS, SITE } from "./fixtures.ts";

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

describe("invisible characters in one-line fields", () => {
  it.each([
    ["\u200Dनिजता", "starts with U+200D ZERO WIDTH JOINER, an invisible character; remove it"],
    ["निजता\u200B", "ends with U+200B ZERO WIDTH SPACE, an invisible character; remove it"],
    ["\uFEFFशीर्षक", "starts with U+FEFF ZERO WIDTH NO-BREAK SPACE, an invisible character; remove it"],
    ["\u3164", "starts with U+3164 HANGUL FILLER, an invisible character; remove it"],
    ["नई\u200Bदिल्ली", "contains U+200B ZERO WIDTH SPACE at offset 2, an invisible character"],
    ["NSO\u200D ग्रुप", "contains U+200D ZERO WIDTH JOINER at offset 3, an invisible character"],
    ["ab\u200Ccd", "contains U+200C ZERO WIDTH NON-JOINER at offset 2, an invisible character"],
    ["डिजिटल\u00ADडेस्क", "contains U+00AD SOFT HYPHEN at offset 6, an invisible character"],
    ["नई\u200Fदिल्ली", "contains U+200F RIGHT-TO-LEFT MARK at offset 2, an invisible character"],
    ["x\uFE0F", "ends with U+FE0F, an invisible character; remove it"],
    ["abc\u202Eed", "contains U+202E RIGHT-TO-LEFT OVERRIDE at offset 3, which changes the order text is shown in"],
    ["\u2066डेस्क\u2069", "contains U+2066 LEFT-TO-RIGHT ISOLATE at offset 0, which changes the order text is shown in"],
    ["a\u202Ab", "contains U+202A LEFT-TO-RIGHT EMBEDDING at offset 1, which changes the order text is shown in"],
  ])("refuses %j", (text, message) => {
    expect(invisibleCharacterProblem(text)).toMatch(new RegExp(`^${message.replace(/[+()]/g, "\\$&")}`));
  });

  it.each([
    ["क्\u200Dष", "a ZWJ conjunct"],
    ["क्\u200Cष", "a ZWNJ conjunct"],
    ["र्\u200Dय", "an eyelash ra"],
    ["👩🏽\u200D💻 तकनीक", "an emoji ZWJ sequence"],
    ["🏳️\u200D🌈", "a flag ZWJ sequence"],
    ["❤️ खेल", "an emoji presentation selector"],
    ["1️⃣ नंबर", "a keycap"],
    ["🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} स्कॉटलैंड", "a tag sequence flag"],
  ])("keeps %s (%s)", (text) => {
    expect(singleLineProblem(text)).toBeUndefined();
  });

  it("is part of the one-line rule", () => {
    expect(singleLineProblem("\u200Dनिजता")).toBe(
      "starts with U+200D ZERO WIDTH JOINER, an invisible character; remove it",
    );
  });
});

describe("impossible dates", () => {
  it.each([
    ["9999-12-31T23:59:59-23:59", "is not between the years 1900 and 2100"],
    ["1899-12-31T23:59:59Z", "is not between the years 1900 and 2100"],
    ["2101-01-01T00:00:00+05:30", "is not between the years 1900 and 2100"],
    ["2019-11-01T19:18:00+14:01", "has an impossible UTC offset (offsets run from -14:00 to +14:00)"],
    ["2019-11-01T19:18:00-15:00", "has an impossible UTC offset (offsets run from -14:00 to +14:00)"],
    ["2019-11-01T19:18:00+05:60", "has an impossible UTC offset (offsets run from -14:00 to +14:00)"],
  ])("refuses %s", (value, message) => {
    expect(offsetDateTimeProblem(value)).toBe(`"${value}" ${message}`);
  });

  it("accepts the years 1900 to 2100 and offsets to ±14:00", () => {
    for (const value of ["1900-01-01T00:00:00Z", "2100-12-31T23:59:59+14:00", "2019-11-01T19:18:00-14:00"]) {
      expect(offsetDateTimeProblem(value)).toBeUndefined();
    }
  });
});

describe("corrections read back from KV", () => {
  const read = (corrections: unknown) => () =>
    asArticleDocument({ site: SITE, article: { ...article(), corrections } }).article.corrections;

  it("are a non-empty list of a date with its offset and a text", () => {
    expect(read(CORRECTIONS)()).toEqual(CORRECTIONS);
    expect(read([])).toThrow("document.article.corrections is empty");
    expect(read({ date: "2019-11-02T09:30:00+05:30", text: "पाठ" })).toThrow(
      "document.article.corrections is not an array",
    );
    expect(read([{ date: "2019-11-02 09:30", text: "पाठ" }])).toThrow(
      'document.article.corrections[0].date: "2019-11-02 09:30" needs a T between the date and the time',
    );
    expect(read([CORRECTIONS[0], { date: "2019-11-02T09:30:00+05:30" }])).toThrow(
      "document.article.corrections[1].text is not a string",
    );
  });
});
