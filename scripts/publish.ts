import { parseArgs } from "node:util";
import { epochMillis } from "../src/content/dates.ts";
import type { Article } from "../src/content/model.ts";
import { changedFeedUrls, notifyHub } from "../src/write/websub.ts";
import { loadContent } from "./lib/content.ts";
import { encodeRendition } from "./lib/encode.ts";
import { localTarget } from "./lib/local-target.ts";
import { progressCounter } from "./lib/progress.ts";
import type { PublishSummary } from "./lib/publish.ts";
import { type MediaSummary, publishContent } from "./lib/publish-content.ts";
import { MediaProblems } from "./lib/publish-media.ts";
import { remoteTarget } from "./lib/remote-target.ts";
import { ServedValueProblems } from "./lib/served-values.ts";
import type { Target } from "./lib/target.ts";

const USAGE = `Usage: node scripts/publish.ts (--local | --remote) [options]

Validates every file under content/ and publishes articles and feeds into KV,
and their images into the R2 bucket. Nothing is written if any file has a problem.

  --local            the KV namespace and R2 bucket of \`wrangler dev\` (.wrangler/state)
  --remote           the Cloudflare KV namespace bound as CONTENT and R2 bucket bound as MEDIA
                     in wrangler.toml, through Cloudflare's API with CLOUDFLARE_API_TOKEN or
                     \`wrangler login\`
  --content DIR      content folder (default: content)
  --base-url URL     override base_url from content/site.yaml (e.g. http://127.0.0.1:8787)
  --persist-to DIR   with --local: another local state folder
  --config FILE      another wrangler config than wrangler.toml
  --full             write every key and media file, even those already stored
  --check            validate only; write nothing

Exit status: 0 published; 1 a problem in content (nothing written) or a failed
write (run again to finish); 2 usage; 3 published, but the WebSub hub was not told.`;

const options = {
  local: { type: "boolean", default: false },
  remote: { type: "boolean", default: false },
  content: { type: "string", default: "content" },
  "base-url": { type: "string" },
  "persist-to": { type: "string" },
  config: { type: "string" },
  full: { type: "boolean", default: false },
  check: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const;

const values = readArguments();

const started = performance.now();
// Wrangler's local runtime (or the API's account lookup) starts while content is read.
const opening = values.check ? undefined : caught(openTarget());
const loaded = await loadContent(values.content, { baseUrl: values["base-url"] });
for (const line of loaded.warnings) console.error(line);
if (!loaded.ok) {
  await closeTarget();
  refuse(loaded.problems);
}
const { content } = loaded;
const { site, articles } = content;
if (values.check) {
  console.log(`${articles.length} article(s) valid.`);
  process.exit(0);
}

let refused: readonly string[] = [];
try {
  const target = await openedTarget();
  const hub = site.websubHub;
  const {
    kv: summary,
    media,
    scheduled,
  } = await publishContent(target, content, encodeRendition, {
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
  for (const line of repairs(summary, media)) console.log(line);
  for (const line of scheduledLines(scheduled, target.writer !== undefined)) console.log(line);
} catch (error) {
  if (error instanceof MediaProblems || error instanceof ServedValueProblems) refused = error.lines;
  else console.error(`Publish failed: ${String((error as Error).message ?? error).replace(/\s*\n\s*/g, " ")}`);
  process.exitCode = 1;
} finally {
  await closeTarget();
}
if (refused.length > 0) refuse(refused);

// The options given, or the usage and exit status 2 when they are not understood.
function readArguments() {
  try {
    const { values: given } = parseArgs({ options });
    if (!given.help && (given.local !== given.remote || given.check)) return given;
    console.log(USAGE);
    process.exit(given.help ? 0 : 2);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

function openTarget(): Promise<Target> {
  return values.local ? localTarget(values["persist-to"], values.config) : remoteTarget(values.config);
}

async function openedTarget(): Promise<Target> {
  const opened = await opening;
  if (!opened || "error" in opened) throw opened?.error ?? new Error("no target");
  return opened.value;
}

async function closeTarget(): Promise<void> {
  const opened = await opening;
  if (opened && "value" in opened) await opened.value.close();
}

// A promise that never rejects, so that it may wait while content is read.
function caught<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
}

// Reports every problem and stops: nothing was written to KV, so readers get nothing new (media
// files uploaded before a problem was found are named by nothing; the next publish deletes them).
function refuse(problems: readonly string[]): never {
  for (const line of problems) console.error(line);
  console.error(`\n${problems.length} problem(s) found; nothing was published.`);
  process.exit(1);
}

// The articles held until their time, soonest first (at most ten named), and who releases them.
function scheduledLines(scheduled: readonly Article[], released: boolean): string[] {
  if (scheduled.length === 0) return [];
  const soonest = [...scheduled].sort((a, b) => epochMillis(a.published) - epochMillis(b.published));
  const named = soonest.slice(0, 10).map((a) => `  ${a.slug} at ${a.published}`);
  const more = scheduled.length > 10 ? [`  and ${scheduled.length - 10} more`] : [];
  const how = released
    ? "the writer publishes each at its time"
    : "they appear with the first publish after their time (or send them through the ingest API)";
  return [`Scheduled: ${scheduled.length} article(s) held until their publication time; ${how}:`, ...named, ...more];
}

// What this publish found in KV and the media bucket that content did not account for, and set right; empty when nothing.
function repairs(summary: PublishSummary, media: MediaSummary): string[] {
  const replaced = media.replaced.length;
  return [
    ...(replaced > 0
      ? [
          `The media bucket held ${replaced} file(s) with another size than they were made with ` +
            `(${media.replaced.slice(0, 3).join(", ")}${replaced > 3 ? ", …" : ""}); uploaded them again.`,
        ]
      : []),
    ...(summary.repaired
      ? [
          "KV was not as the last complete publish left it (a publish that failed or was stopped, or a change by hand); " +
            "the keys written and deleted above set it right.",
        ]
      : []),
    ...(summary.unhashed > 0
      ? [`${summary.unhashed} of the keys written carried no content hash (an older publisher, or a hand edit).`]
      : []),
    ...(summary.reannounced > 0
      ? [`Announced again ${summary.reannounced} feed(s) an earlier publish wrote but could not announce.`]
      : []),
    ...(summary.settled
      ? []
      : [
          "Cloudflare's key listing does not show all of these changes yet (it can lag about a minute); " +
            "wait a minute before publishing again, or that publish may not see them.",
        ]),
  ];
}
