import { MEDIA_TYPES } from "../../../src/content/media.ts";
import type { Rendition } from "../media/renditions.ts";
import { inParallel } from "../parallel.ts";
import { type Api, ApiProblems, listAll } from "./api.ts";

/** Makes a rendition's bytes; throws, with a message for editors, when its source cannot be decoded. */
export type Encoder = (rendition: Rendition) => Promise<Uint8Array<ArrayBuffer>>;

/** Sources that passed validation but could not be encoded: one `file:field: message` line each. */
export class MediaProblems extends Error {
  override name = "MediaProblems";
  readonly lines: readonly string[];

  constructor(lines: readonly string[]) {
    super(lines.join("\n"));
    this.lines = lines;
  }
}

/** What uploading found and did. */
export interface MediaUpload {
  /** Every media file the service holds now, by name, with its size in bytes. */
  listed: Map<string, number>;
  /** Renditions sent. */
  uploaded: string[];
  /** Renditions the service already held. */
  unchanged: number;
}

// Renditions encoded and sent at once: sharp encodes on its own threads while others are sent, and
// a request to the service spends most of its time waiting, so many go at once.
const IN_FLIGHT = 16;

/**
 * Makes the service hold every rendition: from its media listing (names and sizes), encodes and
 * sends only those it lacks, a few at a time. The service checks each file's bytes against its
 * name. When a source cannot be encoded, nothing more is sent but every other rendition is still
 * encoded, and `MediaProblems` names each such source once (with the error of its first
 * rendition); what was sent before is named by nothing and deleted by the next publish.
 */
export async function uploadMedia(
  api: Api,
  renditions: readonly Rendition[],
  encode: Encoder,
  onProgress?: (done: number, total: number) => void,
): Promise<MediaUpload> {
  const listed = new Map(
    (await listAll<{ name: string; bytes: number }>(api, "/media", "media")).map((m) => [m.name, m.bytes]),
  );
  const missing = renditions.filter((r) => !listed.has(r.name));
  const problems = new Map<string, { order: number; line: string }>();
  const uploaded: string[] = [];
  await inParallel([...missing.keys()], IN_FLIGHT, async (i) => {
    const rendition = missing[i] as Rendition;
    const bytes = await encode(rendition).catch((error: Error) => {
      const { file, field } = rendition.source.origin;
      const first = problems.get(`${file}:${field}`);
      if (!first || i < first.order)
        problems.set(`${file}:${field}`, { order: i, line: `${file}:${field}: ${error.message}` });
      return undefined;
    });
    if (!bytes || problems.size > 0) return;
    await api.call(`/media/${rendition.name}`, {
      method: "PUT",
      bytes,
      type: MEDIA_TYPES[rendition.format],
      what: `${bytes.length} bytes`,
    });
    listed.set(rendition.name, bytes.length);
    uploaded.push(rendition.name);
    onProgress?.(uploaded.length, missing.length);
  });
  if (problems.size > 0) throw new MediaProblems([...problems.values()].map((p) => p.line));
  return { listed, uploaded, unchanged: renditions.length - missing.length };
}

/**
 * Deletes the media files the service holds that no rendition of content is: a story's images once
 * it is withdrawn or deleted, an image replaced. The service keeps one that something it holds
 * still names (it answers 409); gives the names deleted.
 */
export async function removeStrayMedia(
  api: Api,
  listed: ReadonlyMap<string, number>,
  renditions: readonly Rendition[],
): Promise<string[]> {
  const wanted = new Set(renditions.map((r) => r.name));
  const strays = [...listed.keys()].filter((name) => !wanted.has(name));
  const deleted: string[] = [];
  await inParallel(strays, IN_FLIGHT, async (name) => {
    try {
      await api.call(`/media/${name}`, { method: "DELETE" });
      deleted.push(name);
    } catch (error) {
      if (!(error instanceof ApiProblems)) throw error;
    }
  });
  return deleted.sort();
}
