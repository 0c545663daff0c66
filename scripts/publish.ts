import { parseArgs } from "node:util";
import { ANNOUNCE_KEY } from "../src/kv/keys.ts";
import { loadContent } from "./lib/content.ts";
import { encodeRendition } from "./lib/encode.ts";
import { localTarget } from "./lib/local-target.ts";
import { progressCounter } from "./lib/progress.ts";
import type { PublishSummary } from "./lib/publish.ts";
import { publishContent } from "./lib/publish-content.ts";
import { MediaProblems } from "./lib/publish-media.ts";
import { remoteTarget } from "./lib/remote-target.ts";
import type { Target } from "./lib/target.ts";
import { changedFeedUrls, notifyHub } from "./lib/websub.ts";

const USAGE = `Usage: node scripts/publish.ts (--local | --remote) [options]

Validates every file under content/ and publishes articles and feeds into KV,
and their images into the R2 bucket. Nothing is written if any file has a problem.

  --local            the KV namespace and R2 bucket of \`wrangler dev\` (.wrangler/state)
  --remote           the Cloudflare KV namespace bound as CONTENT and R2 bucket bound as MEDIA
                     in wrangler.toml, through Cloudflare's API with CLOUDFLARE_API_TOKEN or
                     \`wrangler login\`
  --content DIR      content folder (default: content)
  --base-url URL     override base_url from content/site.yaml (e.g. http://localhost:8787)
  --persist-to DIR   with --local: another local state folder
  --config FILE      another wrangler config than wrangler.toml
  --full             write every key and media file, even those already stored
  --check            validate only; write nothing

Exit status: 0 published; 1 a problem in content (nothing written) or a failed
write (run again to finish); 2 usage; 3 published, but the WebSub hub was not told.`;

const { values } = parseArgs({
  options: {
    local: { type: "boolean", default: false },
    remote: { type: "boolean", default: false },
    content: { type: "string", default: "content" },
    "base-url": { type: "string" },
    "persist-to": { type: "string" },
    config: { type: "string" },
    full: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help || (values.local === values.remote && !values.check)) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const started = performance.now();
const loaded = await loadContent(values.content, { baseUrl: values["base-url"] });
for (const line of loaded.warnings) console.error(line);
if (!loaded.ok) refuse(loaded.problems);
const { content } = loaded;
const { site, articles } = content;
if (values.check) {
  console.log(`${articles.length} article(s) valid.`);
  process.exit(0);
}

let target: Target | undefined;
let undecodable: readonly string[] = [];
try {
  target = values.local ? await localTarget(values["persist-to"], values.config) : await remoteTarget(values.config);
  const hub = site.websubHub;
  const { kv: summary, media } = await publishContent(target, content, encodeRendition, {
    full: values.full,
    onMediaProgress: progressCounter("Uploading media", 50),
    onProgress: progressCounter("Writing KV"),
    ...(hub && {
      announce: async (feedKeys: string[]) => {
        const urls = changedFeedUrls(site.baseUrl, feedKeys);
        try {
          await notifyHub(hub, urls);
          console.log(`Notified the WebSub hub ${hub} of ${urls.length} feed URL(s).`);
          return true;
        } catch (error) {
          console.error(
            `Content is published, but notifying the WebSub hub failed: ${(error as Error).message}. ` +
              "The next publish will announce these feeds again.",
          );
          process.exitCode = 3;
          return false;
        }
      },
    }),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Published to ${target.name}: ${articles.length} article(s), ${summary.written.length} key(s) written, ` +
      `${summary.deleted.length} deleted, ${summary.unchanged} unchanged; ${media.uploaded.length} media file(s) ` +
      `uploaded, ${media.deleted.length} deleted, ${media.unchanged} unchanged; ${seconds} s. Base URL ${site.baseUrl}.`,
  );
  for (const line of repairs(summary)) console.log(line);
} catch (error) {
  if (error instanceof MediaProblems) undecodable = error.lines;
  else console.error(`Publish failed: ${String((error as Error).message ?? error).replace(/\s*\n\s*/g, " ")}`);
  process.exitCode = 1;
} finally {
  await target?.close();
}
if (undecodable.length > 0) refuse(undecodable);

// Reports every problem in content and stops: nothing was written.
function refuse(problems: readonly string[]): never {
  for (const line of problems) console.error(line);
  console.error(`\n${problems.length} problem(s) found; nothing was published.`);
  process.exit(1);
}

// What this publish found in KV that content did not account for, and set right; empty when nothing.
function repairs(summary: PublishSummary): string[] {
  const keys = summary.written.filter((key) => key !== ANNOUNCE_KEY).length;
  const outdated = keys - summary.missing - summary.unhashed;
  const found = [
    ...(summary.missing > 0 ? [`${summary.missing} key(s) KV lacked`] : []),
    ...(outdated > 0 ? [`${outdated} outdated value(s)`] : []),
    ...(summary.unhashed > 0 ? [`${summary.unhashed} value(s) without a content hash`] : []),
    ...(summary.orphans > 0 ? [`${summary.orphans} key(s) content/ no longer produces (deleted)`] : []),
  ];
  return [
    ...(found.length > 0 ? [`Brought KV in line with content/: it had ${found.join(", ")}.`] : []),
    ...(summary.reannounced > 0
      ? [`Announced again ${summary.reannounced} feed(s) an earlier publish wrote but could not announce.`]
      : []),
  ];
}
