import { markdownToHtml } from "../../../src/content/markdown.ts";
import type { MarkdownJob } from "./markdown-sandbox.ts";

// The converter process of MarkdownSandbox: says it is ready, converts each batch of bodies it is
// sent and answers with the results in order, and exits with the publish that started it.
process.on("message", (jobs: MarkdownJob[]) => {
  process.send?.(jobs.map(({ markdown, pageUrl }) => markdownToHtml(markdown, pageUrl)));
});
process.on("disconnect", () => process.exit());
process.send?.("ready");
