import { parentPort } from "node:worker_threads";
import { markdownToHtml } from "./markdown.ts";

// The worker thread of MarkdownSandbox: converts each body it is sent and answers with the result.
parentPort?.on("message", ({ markdown, pageUrl }: { markdown: string; pageUrl: string }) => {
  parentPort?.postMessage(markdownToHtml(markdown, pageUrl));
});
