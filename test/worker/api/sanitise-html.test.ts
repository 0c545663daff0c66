import { describe, expect, it } from "vitest";
import { sanitiseHtml } from "../../../src/write/api/sanitise-html.ts";
import { parseHtml } from "../helpers.ts";

const PAGE = "https://patrika.example/articles/kahani";

describe("sanitiseHtml", () => {
  it("keeps allowed elements and makes links absolute", async () => {
    const html = await sanitiseHtml('<p>पहला <a href="/x?a=1&amp;b=2" title="t">लिंक</a> <em>ज़ोर</em></p>', PAGE);
    expect(html).toBe('<p>पहला <a href="https://patrika.example/x?a=1&amp;b=2" title="t">लिंक</a> <em>ज़ोर</em></p>');
  });

  it("drops scripts, styles, frames and forms with their content, and comments", async () => {
    const html = await sanitiseHtml(
      '<p>क<script>alert(1)</script><style>p{}</style><iframe src="https://e.example"></iframe><!-- note --><form><input></form>ख</p>',
      PAGE,
    );
    expect(html).toBe("<p>कख</p>");
  });

  it("drops elements whose content the parser reads as raw text, which would pass any markup inside through", async () => {
    for (const tag of ["xmp", "noembed", "noframes", "listing"]) {
      const html = await sanitiseHtml(
        `<p>क</p><${tag}><img src=x onerror=alert(1)><meta http-equiv=refresh content="0;url=https://evil.example"></${tag}><p>ख</p>`,
        PAGE,
      );
      expect([tag, html]).toEqual([tag, "<p>क</p><p>ख</p>"]);
    }
    expect(await sanitiseHtml("<p>क</p><plaintext><script>alert(1)</script>", PAGE)).toBe("<p>क</p>");
  });

  it("keeps a link whose address has a reference beyond Unicode as text, without failing", async () => {
    const html = await sanitiseHtml('<a href="&#99999999;">लिंक</a><img src="javascript:x" alt="&#x110000;">', PAGE);
    expect(html).toBe('<a href="https://patrika.example/articles/%EF%BF%BD">लिंक</a>\uFFFD');
  });

  it("drops event handlers and other attributes, and unknown elements but not their text", async () => {
    const html = await sanitiseHtml(
      '<div onclick="x()" class="c" style="color:red"><custom-el>पाठ</custom-el></div>',
      PAGE,
    );
    expect(html).toBe("<div>पाठ</div>");
  });

  it("keeps an unsafe link's text and turns an unsafe image into its alt text", async () => {
    const html = await sanitiseHtml(
      '<a href="javascript:alert(1)">क्लिक</a><a href="&#106;avascript:alert(1)">दो</a><img src="data:image/png;base64,AA" alt="a &amp; &lt;b&gt;">',
      PAGE,
    );
    expect(html).toBe("क्लिकदोa &amp; &lt;b&gt;");
  });

  it("resolves relative images against the article's URL", async () => {
    const html = await sanitiseHtml('<img src="chitra.jpg" alt="चित्र" onerror="x()">', PAGE);
    const img = parseHtml(`<body>${html}</body>`).getElementsByTagName("img")[0];
    expect(img?.getAttribute("src")).toBe("https://patrika.example/articles/chitra.jpg");
    expect(img?.hasAttribute("onerror")).toBe(false);
  });
});
