import { setTimeout as sleep } from "node:timers/promises";
import { sha256 } from "../../../src/kv/hash.ts";
import type { WriterStatus } from "../../../src/write/writer/status.ts";
import type { Content } from "../content/content.ts";
import { type ArticleSummary, type Held, sameRevision } from "../content/local-index.ts";
import { batchesOf } from "../parallel.ts";
import { type Api, listAll } from "./api.ts";
import { collectGarbage } from "./heap.ts";
import type { ArticleInputs, Input } from "./inputs.ts";
import { type Encoder, removeStrayMedia, uploadMedia } from "./media.ts";

/** How to publish. */
export interface PublishOptions {
  /** Have the service write every document again and check every media file, whatever it believes it holds. */
  full?: boolean;
  /** Called as work is done: media uploaded, articles sent, and KV keys the service still has to write. */
  onProgress?: (what: "media" | "articles" | "pending", done: number, total: number) => void;
  /**
   * What the service held after the last publish into it, as recorded then: trusted instead of its
   * listings while its revision is still the one recorded (never with `full`).
   */
  held?: Held;
}

/** What one publish sent and what the service did with it. */
export interface PublishSummary {
  /** Articles (and withdrawals) sent because the service held another version or none. */
  sent: number;
  /** Slugs the service held that content no longer has, deleted (their URLs now answer 410). */
  deleted: number;
  unchanged: number;
  /** Whether the site settings and the authors were sent (they differed). */
  site: boolean;
  authors: boolean;
  media: { uploaded: string[]; deleted: string[]; unchanged: number };
  /** Articles held until their publication time, soonest first; the service releases each at its time. */
  scheduled: ArticleSummary[];
  /** KV keys the service wrote and deleted meanwhile: what the changes cost (another client's changes included). */
  keys: { written: number; deleted: number };
  /** When (`performance.now()`) the service had written every KV key the changes touch. */
  currentAt: number;
  /** Feed URLs the service wrote that the site's WebSub hub has not accepted yet; the service tries again. */
  announcing: number;
  /**
   * What the service holds now, to record for the next publish; `undefined` when anything but
   * this publish changed the service meanwhile (or a request may have been applied twice), since
   * the service then may hold something else.
   */
  held: Held | undefined;
}

// How long a publish waits, once every key is written, for the hub to accept the feeds it changed.
const ANNOUNCE_WAIT_MS = 10_000;
// Articles in one POST /api/v1/articles, within the service's 500 and its 24 MiB a request (counted
// in UTF-8 bytes: a Devanagari letter takes three).
const BATCH_ARTICLES = 500;
const BATCH_BYTES = 16 * 1024 * 1024;
// Articles in a batch from which its garbage is collected once it is answered (see `collectGarbage`).
const LARGE_BATCH = 100;
// How often to ask the service whether it has written everything, and how long it may go without
// writing anything before the publish gives up waiting (what it took is written all the same).
const POLL_MS = 250;
const STALLED_MS = 120_000;

/**
 * Makes the service hold exactly `content`, sending only what differs: the media files it lacks
 * (encoded here), the site settings and authors when their hash differs from what it last got,
 * the articles whose hash differs from its listing, and the deletion of slugs content no longer
 * has. Media go first, so that no article names a file the service lacks; a source that cannot be
 * encoded stops the publish before anything else is sent. Then it waits until the service has
 * written every document the changes touch, and last deletes the media files nothing names any
 * more. A publish stopped at any point is finished by the next one: the service's listings say
 * what it already holds. The listings are not even asked for when `options.held` says what the
 * service holds, and its revision says that nothing changed it since.
 */
export async function publishContent(
  api: Api,
  content: Content,
  encode: Encoder,
  options: PublishOptions = {},
): Promise<PublishSummary> {
  const status = await api.call<WriterStatus>("/status");
  const writes = api.writes;
  if (options.full && (status.articles > 0 || status.inputs.site)) {
    while (!(await api.call<{ done: boolean }>("/rebuild", { method: "POST", what: "listing KV" })).done);
  }
  const { store, number, change } = status.revision;
  const known =
    !options.full && options.held && sameRevision(options.held, { store, revision: number, change })
      ? options.held
      : undefined;
  const media = known
    ? new Map(known.media)
    : new Map((await listAll<{ name: string; bytes: number }>(api, "/media", "media")).map((m) => [m.name, m.bytes]));
  const upload = await uploadMedia(api, content.media, media, encode, (done, total) =>
    options.onProgress?.("media", done, total),
  );
  const { inputs } = content;
  const site = await sendIfChanged(api, "/site", inputs.site, status.inputs.site);
  const authors = await sendIfChanged(api, "/authors", inputs.authors, status.inputs.authors);
  // Sending either makes the service forget the hashes of the articles they shaped.
  const listed =
    known && !site && !authors
      ? known.articles
      : new Map(
          (await listAll<{ slug: string; hash: string }>(api, "/articles", "articles")).map((a) => [a.slug, a.hash]),
        );
  const hashes = inputs.articles.hashes();
  const gone = [...listed.keys()].filter((slug) => !hashes.has(slug));
  // Oldest first: each batch then lands at the newest end of the feeds, and an archive page, once
  // full, is written once, rather than every batch shifting the pages after its stories. Each
  // batch's articles are read when it is sent, so that a publish holds one batch at a time.
  const changed = inputs.articles.list().filter(([slug, hash]) => listed.get(slug) !== hash);
  changed.sort(([, , , a], [, , , b]) => a - b);
  let sent = 0;
  for (const batch of articleBatches(gone, changed)) {
    const articles =
      batch.articles && (await Promise.all(batch.articles.map(([slug]) => inputs.articles.get(slug).read())));
    const what = [articles && `${articles.length} articles`, batch.delete && `${batch.delete.length} deletions`];
    const json = { ...(articles && { articles }), ...(batch.delete && { delete: batch.delete }) };
    await api.call("/articles", { method: "POST", json, what: what.filter(Boolean).join(", ") });
    sent += articles?.length ?? 0;
    if (articles) options.onProgress?.("articles", sent, changed.length);
    // An edit's one small batch is not worth a collection (about 0.1 s with 100,000 articles known).
    if ((articles?.length ?? 0) >= LARGE_BATCH) collectGarbage();
  }
  await written(api, options);
  const currentAt = performance.now();
  const deleted = await removeStrayMedia(api, media, content.media.names);
  const after = await announced(api);
  const alone = after.revision.store === store && after.revision.number === number + (api.writes - writes);
  return {
    sent,
    deleted: gone.length,
    unchanged: inputs.articles.size - sent,
    site,
    authors,
    media: { uploaded: upload.uploaded, deleted, unchanged: upload.unchanged },
    scheduled: content.scheduled(Date.now()),
    keys: {
      written: after.totals.written - status.totals.written,
      deleted: after.totals.deleted - status.totals.deleted,
    },
    currentAt,
    announcing: after.announcing,
    held: alone
      ? {
          store,
          revision: after.revision.number,
          change: after.revision.change,
          articles: hashes,
          media: new Map(media),
        }
      : undefined,
  };
}

// An article to send: its slug, hash, bytes and publication time.
type Changed = ReturnType<ArticleInputs["list"]>[number];

// The bodies of POST /articles: the deletions first, the last batch of them with the first batch of
// articles, so that a story moved to another slug (keeping its id) is one change, and no feed it
// stays in is emptied and written again meanwhile.
function* articleBatches(
  gone: readonly string[],
  changed: readonly Changed[],
): Generator<{ articles?: Changed[]; delete?: string[] }> {
  const deletions = [...batchesOf(gone, BATCH_ARTICLES)];
  const last = deletions.pop();
  for (const batch of deletions) yield { delete: batch };
  let first = true;
  for (const batch of batchesOf(changed, BATCH_ARTICLES, BATCH_BYTES, ([, , bytes]) => bytes)) {
    yield { articles: batch, ...(first && last && { delete: last }) };
    first = false;
  }
  if (first && last) yield { delete: last };
}

// Sends the site settings or the authors when what the service last got for them has another hash.
async function sendIfChanged(api: Api, path: string, input: Input, held: string | undefined): Promise<boolean> {
  if ((await sha256(JSON.stringify(input))) === held) return false;
  await api.call(path, { method: "PUT", json: input });
  return true;
}

// Waits until the service has written every KV key its changes touch.
async function written(api: Api, options: PublishOptions): Promise<void> {
  let most = 0;
  let least = Number.POSITIVE_INFINITY;
  let progressed = performance.now();
  for (;;) {
    const status = await api.call<WriterStatus>("/status");
    most = Math.max(most, status.pending);
    if (most > 0) options.onProgress?.("pending", most - status.pending, most);
    if (status.pending === 0) return;
    if (status.pending < least) [least, progressed] = [status.pending, performance.now()];
    else if (performance.now() - progressed > STALLED_MS) {
      throw new Error(
        `the service has had ${status.pending} KV key(s) to write for ${STALLED_MS / 1000} s without progress; ` +
          "what it took is kept and its alarm goes on trying: see its log, and publish again to follow it",
      );
    }
    await sleep(POLL_MS);
  }
}

// Waits a few seconds at most for the hub to accept what the service announces (in its alarm),
// and gives the service's status then.
async function announced(api: Api): Promise<WriterStatus> {
  const until = performance.now() + ANNOUNCE_WAIT_MS;
  for (;;) {
    const status = await api.call<WriterStatus>("/status");
    if (status.announcing === 0 || performance.now() >= until) return status;
    await sleep(POLL_MS);
  }
}
