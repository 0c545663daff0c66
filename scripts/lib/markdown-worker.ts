import { markdownToHtml } from "./markdown.ts";

// The converter process of MarkdownSandbox: converts each body it is sent and answers with the
// result, and exits with the publish that started it.
process.on("message", ({ markdown, pageUrl }: { markdown: string; pageUrl: string }) => {
  process.send?.(markdownToHtml(markdown, pageUrl));
});
process.on("disconnect", () => process.exit());
