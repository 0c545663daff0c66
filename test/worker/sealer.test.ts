import { describe, expect, it } from "vitest";
import { Sealer } from "../../src/render/sealer.ts";
import { parseXml } from "./helpers.ts";

describe("Sealer.unsealXml", () => {
  it("puts a text sealed alone in a CDATA section back whole, ]]> and all, and leaves other CDATA as it is", () => {
    const sealer = new Sealer();
    const text = "a]]>b & <c>";
    const doc = parseXml(sealer.unsealXml(`<r><a><![CDATA[${sealer.seal(text)}]]></a><b><![CDATA[x]]></b></r>`));
    expect([doc.getElementsByTagName("a")[0]?.textContent, doc.getElementsByTagName("b")[0]?.textContent]).toEqual([
      text,
      "x",
    ]);
  });

  it("refuses a CDATA section that holds a sealed text together with other text", () => {
    const sealer = new Sealer();
    const xml = `<r><![CDATA[by ${sealer.seal("a & b")}]]></r>`;
    expect(() => sealer.unsealXml(xml)).toThrow(
      "expected a sealed text alone in its CDATA section, found <![CDATA[by {sealed text 0}]]>",
    );
  });

  it("refuses a CDATA section that holds two sealed texts", () => {
    const sealer = new Sealer();
    const xml = `<r><![CDATA[${sealer.seal("a")}${sealer.seal("b")}]]></r>`;
    expect(() => sealer.unsealXml(xml)).toThrow(
      "expected a sealed text alone in its CDATA section, found <![CDATA[{sealed text 0}{sealed text 1}]]>",
    );
  });
});
