import { parseArgs } from "node:util";
import { type Api, ApiProblems, apiClient, Unreachable } from "./lib/client/api.ts";
import { devToken } from "./lib/client/dev-vars.ts";
import { MediaProblems } from "./lib/client/media.ts";
import { progressCounter } from "./lib/client/progress.ts";
import { type PublishSummary, publishContent } from "./lib/client/publish.ts";
import { type Loaded, loadContent } from "./lib/content/content.ts";
import { type ArticleSummary, IndexFailure, LocalIndex } from "./lib/content/local-index.ts";
import { encodeRendition } from "./lib/media/encode.ts";

const USAGE = `Usage: node scripts/publish.ts (--local | --remote) [options]

Validates every file under content/ and publishes it through the service's ingest API
(/api/v1): its images, site settings, authors and articles, sending only what the service
does not hold yet, and deleting what content no longer has. Nothing is sent if any file has
a problem.

  --local            the service \`npm start\` runs (wrangler dev), at http://127.0.0.1:8787,
                     with the token PUBLISH_TOKEN of .dev.vars
  --remote           the deployed Worker at the site's base_url, with the token in the
                     environment variable PUBLISH_TOKEN
  --content DIR      content folder (default: content)
  --base-url URL     override base_url from content/site.yaml (e.g. http://127.0.0.1:8787)
  --api URL          the service's address, if another (the token comes from PUBLISH_TOKEN
                     in the environment first)
  --full             have the service write every page again and check every media file
  --check            validate only; send nothing

Exit status: 0 published; 1 a problem in content (nothing sent) or a failed request
(run again to finish); 2 usage.`;

const LOCAL_ORIGIN = "http://127.0.0.1:8787";

const options = {
  local: { type: "boolean", default: false },
  remote: { type: "boolean", default: false },
  content: { type: "string", default: "content" },
  "base-url": { type: "string" },
  api: { type: "string" },
  full: { type: "boolean", default: false },
  check: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const;

const values = readArguments();
const started = performance.now();
const index = LocalIndex.open(values.content, {
  fresh: values.full,
  onWait: () => console.error("Another publish of this content folder is running; waiting for it to finish…"),
});
// The local index is written when the command ends, however it ends.
process.once("exit", saveIndex);
const loaded = await loadAndKeep();
const checkedAt = performance.now();
for (const line of loaded.warnings) console.error(line);
if (!loaded.ok) refuse(loaded.problems);
const { content } = loaded;
if (values.check) {
  console.log(`${content.count} article(s) valid; ${filesRead()}.`);
  process.exit(0);
}

const origin = (values.api ?? (values.local ? LOCAL_ORIGIN : content.site.baseUrl)).replace(/\/+$/, "");
try {
  const api = connect(origin);
  const counters = { media: progressCounter("Uploading media", 50), articles: progressCounter("Sending articles") };
  const writing = progressCounter("Writing KV");
  const summary = await publishContent(api, content, encodeRendition, {
    full: values.full,
    held: index.held(origin),
    onProgress: (what, done, total) => (what === "pending" ? writing : counters[what])(done, total),
  });
  recordHeld(origin, summary.held);
  console.log(summaryLine(api, summary, seconds(performance.now())));
  for (const line of scheduledLines(summary.scheduled)) console.log(line);
  if (summary.announcing > 0) {
    console.error(
      `The WebSub hub has not accepted the announcement of ${summary.announcing} feed URL(s) yet; the service tries again.`,
    );
  }
} catch (error) {
  recordHeld(origin, undefined);
  if (error instanceof MediaProblems) refuse(error.lines);
  if (error instanceof ApiProblems) {
    for (const line of error.lines) console.error(line);
    console.error(
      `\n${error.lines.length} problem(s) found by the service; it keeps what it took before them, ` +
        "and the next publish sends the rest.",
    );
    process.exit(1);
  }
  console.error(`Publish failed: ${String((error as Error).message ?? error).replace(/\s*\n\s*/g, " ")}`);
  if (error instanceof Unreachable && values.local && !values.api) {
    console.error(
      `Nothing answers at ${LOCAL_ORIGIN}. Start the local service with \`npm start\` (it publishes content/ ` +
        "into it too), or `npx wrangler dev` in another terminal, then publish again.",
    );
  }
  process.exitCode = 1;
}

// How many article files were read, and how many the local index knew unchanged.
function filesRead(): string {
  const files = content.inputs.articles.size;
  return `${content.read} file(s) read, ${files - content.read} known unchanged`;
}

// Loads content and keeps what the load found in the local index before anything is sent (a
// publish killed half-way then reads no file again); a local index that cannot be written stops it.
async function loadAndKeep(): Promise<Loaded> {
  try {
    const found = await loadContent(values.content, { baseUrl: values["base-url"], index });
    const warning = index.save();
    if (warning) console.error(`warning: ${warning}`);
    return found;
  } catch (error) {
    if (!(error instanceof IndexFailure)) throw error;
    console.error(`Publish failed: ${error.message}. Nothing was sent.`);
    process.exit(1);
  }
}

// Records in the local index what the service at `origin` holds.
function recordHeld(origin: string, held: PublishSummary["held"]): void {
  orWarn(() => index.setHeld(origin, held));
}

// Saves what the publish recorded in the local index and lets another publish of the folder have it.
function saveIndex(): void {
  orWarn(() => index.close());
}

// Writes to the local index after the load was kept: a failure only costs the next publish the
// service's listings, so it is a warning.
function orWarn(write: () => void): void {
  try {
    write();
  } catch (error) {
    console.error(`warning: ${(error as Error).message}; the next publish asks the service what it holds`);
  }
}

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

// The ingest API at `origin`, with the token of .dev.vars for the local service npm start runs,
// else of the environment. A token goes over https only, or to this machine.
function connect(origin: string): Api {
  const url = URL.parse(origin);
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url?.hostname ?? "");
  if (!url || !(url.protocol === "https:" || (url.protocol === "http:" && loopback))) {
    throw new Error(`the ingest API at ${origin} is not an https address: a publish token is never sent in the clear`);
  }
  const own = values.local && !values.api ? devToken() : undefined;
  const token = own ?? (process.env.PUBLISH_TOKEN || (values.local ? devToken() : undefined));
  if (!token) {
    throw new Error(
      values.local
        ? "no publish token: .dev.vars has no PUBLISH_TOKEN line. `npm start` makes one."
        : "no publish token: set PUBLISH_TOKEN to a token the deployed Worker holds (`wrangler secret put PUBLISH_TOKEN`).",
    );
  }
  return apiClient(origin, token);
}

// Reports every problem and stops: nothing was sent, so readers get nothing new.
function refuse(problems: readonly string[]): never {
  for (const line of problems) console.error(line);
  console.error(`\n${problems.length} problem(s) found; nothing was published.`);
  process.exit(1);
}

// Seconds from the command's start to `at` (a `performance.now()`).
function seconds(at: number): string {
  return ((at - started) / 1000).toFixed(1);
}

function summaryLine(api: Api, s: PublishSummary, inAll: string): string {
  const settings = [s.site && "site settings", s.authors && "authors"].filter(Boolean).join(" and ");
  return (
    `Published to ${api.origin}: ${content.count} article(s) (${filesRead()}); ${s.sent} sent, ${s.deleted} deleted, ` +
    `${s.unchanged} unchanged${settings ? `; ${settings} sent` : ""}; ${s.media.uploaded.length} media file(s) ` +
    `uploaded, ${s.media.deleted.length} deleted, ${s.media.unchanged} unchanged; ${s.keys.written} key(s) ` +
    `written, ${s.keys.deleted} deleted; every page current after ${seconds(s.currentAt)} s (content read and ` +
    `checked in ${seconds(checkedAt)} s), ` +
    `${inAll} s in all. Base URL ${content.site.baseUrl}.`
  );
}

// The articles held until their time, soonest first (at most ten named).
function scheduledLines(scheduled: readonly ArticleSummary[]): string[] {
  if (scheduled.length === 0) return [];
  const named = scheduled.slice(0, 10).map((a) => `  ${a.slug} at ${a.published}`);
  const more = scheduled.length > 10 ? [`  and ${scheduled.length - 10} more`] : [];
  return [
    `Scheduled: ${scheduled.length} article(s) held until their publication time; the service publishes each at its time:`,
    ...named,
    ...more,
  ];
}
