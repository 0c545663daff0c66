import { describe, expect, it } from "vitest";
import { markdownToHtml } from "../../src/content/markdown.ts";

const PAGE = "https://patrika.example/articles/story";
const html = (markdown: string, page = PAGE) => markdownToHtml(markdown, page);

describe("links and images in article bodies", () => {
  it.each([
    ["javascript:", "[a](javascript:alert(1))"],
    ["upper and lower case", "[a](JaVaScRiPt:alert(1))"],
    ["an entity-encoded scheme", "[a](jav&#x61;script:alert(1))"],
    ["a decimal entity", "[a](&#106;avascript:alert(1))"],
    ["a tab inside the scheme", "[a](<java\tscript:alert(1)>)"],
    ["leading spaces", "[a](   javascript:alert(1))"],
    ["an encoded leading space", "[a](&#x20;javascript:alert(1))"],
    ["a reference definition", "[a][x]\n\n[x]: javascript:alert(1)"],
    ["data:", "[a](data:text/html,<script>alert(1)</script>)"],
    ["vbscript:", "[a](vbscript:msgbox(1))"],
    ["an unparsable URL", "[a](http://[bad)"],
  ])("drops a link with %s, keeping its text", (_, markdown) => {
    expect(html(markdown)).toEqual({ html: "<p>a</p>\n" });
  });

  it("keeps the text of an unsafe autolink as text", () => {
    expect(html("<javascript:alert(1)>")).toEqual({ html: "<p>javascript:alert(1)</p>\n" });
  });

  it("turns unsafe images into their alt text", () => {
    expect(html("![चित्र](data:image/png;base64,AAAA) ![x <y>](javascript:alert(1))")).toEqual({
      html: "<p>चित्र x &lt;y&gt;</p>\n",
    });
  });

  it.each([
    ["x", "https://patrika.example/articles/x"],
    ["./x", "https://patrika.example/articles/x"],
    ["../x", "https://patrika.example/x"],
    ["/x", "https://patrika.example/x"],
    ["#frag", "https://patrika.example/articles/story#frag"],
    ["?q", "https://patrika.example/articles/story?q"],
    ["//other.example/x", "https://other.example/x"],
    [
      "रिपोर्ट.pdf",
      "https://patrika.example/articles/%E0%A4%B0%E0%A4%BF%E0%A4%AA%E0%A5%8B%E0%A4%B0%E0%A5%8D%E0%A4%9F.pdf",
    ],
  ])("resolves the link %s against the article's URL", (href, absolute) => {
    expect(html(`[a](${href})`)).toEqual({ html: `<p><a href="${absolute}">a</a></p>\n` });
    expect(html(`![a](${href})`)).toEqual({ html: `<p><img src="${absolute}" alt="a"></p>\n` });
  });

  it("resolves a protocol-relative link with the scheme of the article's URL", () => {
    expect(html("[a](//other.example/x)", "http://localhost:8787/articles/story")).toEqual({
      html: '<p><a href="http://other.example/x">a</a></p>\n',
    });
  });

  it("keeps mailto, http and https links, and GFM autolinks", () => {
    expect(html("[लिखें](mailto:desk@patrika.example) <desk@patrika.example> www.example.com")).toEqual({
      html:
        '<p><a href="mailto:desk@patrika.example">लिखें</a> ' +
        '<a href="mailto:desk@patrika.example">desk@patrika.example</a> ' +
        '<a href="http://www.example.com/">www.example.com</a></p>\n',
    });
  });

  it("keeps a named reference it does not decode as literal text, so it cannot form a scheme", () => {
    expect(html("[a](javascript&colon;alert(1))")).toEqual({
      html: '<p><a href="https://patrika.example/articles/javascript&amp;colon;alert(1)">a</a></p>\n',
    });
  });

  it("escapes quotes in every attribute, from destinations, titles, link text and alt text", () => {
    expect(html(`[say "hi"](https://e.example/?q="x"&r='y' "a \\"title\\" & 'more'")`)).toEqual({
      html:
        '<p><a href="https://e.example/?q=%22x%22&amp;r=%27y%27" title="a &quot;title&quot; &amp; &apos;more&apos;">' +
        "say &quot;hi&quot;</a></p>\n",
    });
    expect(html(`![a "b" 'c'](x"onerror="alert(1) 'it&apos;s "t"')`)).toEqual({
      html:
        '<p><img src="https://patrika.example/articles/x%22onerror=%22alert(1)" ' +
        'alt="a &quot;b&quot; &apos;c&apos;" title="it&apos;s &quot;t&quot;"></p>\n',
    });
  });
});

describe("raw HTML in article bodies", () => {
  it("shows inline HTML as text", () => {
    expect(html('a <b onclick="x()">b</b> <img src=x onerror=alert(1)>')).toEqual({
      html: "<p>a &lt;b onclick=&quot;x()&quot;&gt;b&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;</p>\n",
    });
  });

  it("shows block HTML as text", () => {
    expect(html("<div>\n<script>alert(1)</script>\n</div>")).toEqual({
      html: "&lt;div&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;/div&gt;",
    });
  });

  it("escapes text after an inline <pre> or <script>, which marked would pass through raw", () => {
    expect(html("x <pre> <img/src=x onerror=alert(1)> y")).toEqual({
      html: "<p>x &lt;pre&gt; &lt;img/src=x onerror=alert(1)&gt; y</p>\n",
    });
  });
});

describe("character references that XML feeds cannot carry", () => {
  it.each([
    ["in text", "a &#1; b", "&#1;", "U+0001", "a &#1; b"],
    ["NUL, which marked would turn into U+FFFD", "a &#0; b", "&#0;", "U+0000", "a &#0; b"],
    ["a lone surrogate", "a &#xD800; b", "&#xD800;", "U+D800", "a &#xD800; b"],
    ["a C1 control", "a &#x85; b", "&#x85;", "U+0085", "a &#x85; b"],
    ["in link text", "[लिंक &#X1f; पाठ](https://e.example/)", "&#X1f;", "U+001F", "लिंक &#X1f; पाठ"],
    ["in alt text", "![चित्र &#xFFFE;](https://e.example/a.png)", "&#xFFFE;", "U+FFFE", "चित्र &#xFFFE;"],
    ["in a destination", "[a](https://e.example/&#11;)", "&#11;", "U+000B", "https://e.example/&#11; "],
    ["in a title", '[a](https://e.example/ "&#x7F;")', "&#x7F;", "U+007F", "https://e.example/ &#x7F;"],
  ])("are a problem %s", (_, markdown, reference, character, near) => {
    expect(html(markdown)).toEqual({
      problem: `contains "${reference}", a reference to ${character}, which XML feeds cannot carry (in "${near}")`,
    });
  });

  it("are shown literally in code and autolinks, where they are not references", () => {
    expect(html("`&#1;` <http://a.example/&#0;>")).toEqual({
      html: '<p><code>&amp;#1;</code> <a href="http://a.example/&amp;#0;">http://a.example/&amp;#0;</a></p>\n',
    });
  });
});

describe("Markdown that could take too long to convert", () => {
  it("is refused when one paragraph holds too many emphasis marks, naming its start", () => {
    expect(html(`पहला अनुच्छेद।\n\n${"_a".repeat(5001)}`)).toEqual({
      problem:
        'has more `*` and `_` marks in its paragraphs than Markdown converts in time (5001 in the one beginning "' +
        `${"_a".repeat(20)}"; at most 5,000 in one paragraph, fewer when there are many such); remove marks or split ` +
        "the paragraphs",
    });
  });

  it("is refused when many paragraphs hold many marks between them", () => {
    expect(html(`${"*a* ".repeat(500)}\n\n`.repeat(26))).toMatchObject({
      problem: expect.stringMatching(/^has more .* \(1000 in the one beginning "\*a\* \*a\*/),
    });
  });

  it("converts the same marks split into paragraphs", () => {
    expect(html(`${"*a* ".repeat(500)}\n\n`.repeat(25))).toMatchObject({ html: expect.stringContaining("<em>a</em>") });
  });

  it("counts what marked reads as one run of text across blank lines: indented code in a list item", () => {
    const item = `- x\n${`      ${"_a".repeat(50)}\n\n`.repeat(200)}`;
    expect(html(item)).toMatchObject({
      problem: expect.stringMatching(/^has more .* \(10000 in the one beginning "x _a_a/),
    });
  });

  it("counts each cell of a table apart: a results table with a bold cell in every row converts", () => {
    const table = `| सीट | विजेता |\n|---|---|\n${"| सीट | **विजेता** |\n".repeat(1500)}`;
    expect(html(table)).toMatchObject({ html: expect.stringContaining("<strong>विजेता</strong>") });
  });

  it.each([
    ["lists nested by indentation", Array.from({ length: 34 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n"), 33],
    ["list markers on one line", `पाठ\n\n${"- ".repeat(33)}x`, 3],
    ["quotes", `${"> ".repeat(33)}x`, 1],
    ["tabs, which count four columns", `${"\t".repeat(17)}- x`, 1],
  ])("is refused for %s deeper than 64 columns, naming the line", (_, markdown, line) => {
    expect(html(markdown)).toEqual({
      problem:
        `line ${line} of the body has more than 64 columns of leading spaces, \`>\` and list markers (lists or ` +
        "quotes nested that deep, or indented code), more than Markdown converts in time; flatten or unindent it",
    });
  });

  it("is not a long rule of dashes or a list 32 levels deep", () => {
    const deep = Array.from({ length: 32 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n");
    expect(html(`${"-".repeat(300)}\n\n${deep}`)).toMatchObject({ html: expect.stringMatching(/^<hr>\n<ul>/) });
  });
});
