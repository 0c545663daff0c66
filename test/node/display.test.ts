import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { display } from "../../scripts/lib/content/problems.ts";

describe("display", () => {
  it("shows a path inside the working directory relative to it, and any other as given", () => {
    const cwd = process.cwd();
    const siteFile = join("content", "site.yaml");
    expect(display(join(cwd, "content", "articles", "pehli.md"))).toBe(join("content", "articles", "pehli.md"));
    expect(display(`${cwd}/./content/../content/site.yaml`)).toBe(siteFile);
    expect(display("./content//site.yaml")).toBe(siteFile);
    expect(display(`${join(cwd, "content")}/`)).toBe("content");
    expect(display("/elsewhere/content/site.yaml")).toBe("/elsewhere/content/site.yaml");
    expect(display(`${cwd}-other/site.yaml`)).toBe(`${cwd}-other/site.yaml`);
    expect(display("../content/site.yaml")).toBe("../content/site.yaml");
    expect(display(join("..drafts", "site.yaml"))).toBe(join("..drafts", "site.yaml"));
    expect(display(cwd)).toBe(cwd);
  });
});
