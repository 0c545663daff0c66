import { MEDIA_TYPES } from "../../../src/content/media.ts";
import type { Rendition } from "../media/renditions.ts";
import { inParallel, limited } from "../parallel.ts";
import { type Api, ApiProblems } from "./api.ts";

/** The media files content needs, by name, each made into a `Rendition` only when it is to be encoded. */
export interface ContentMedia {
  readonly names: ReadonlySet<string>;
  /** The rendition named `name`, one of `names`. */
  rendition(name: string): Promise<Rendition>;
}

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

/** What uploading did. */
export interface MediaUpload {
  /** Renditions sent. */
  uploaded: string[];
  /** Renditions the service already held. */
  unchanged: number;
}

// Renditions sent at once: a request to the service spends most of its time waiting, so many go at
// once; of them, only a few are encoded at once (sharp decodes a whole source, tens of MB for a large
// photograph, on its own threads), so that the client's memory stays small.
const IN_FLIGHT = 16;
const ENCODING = 4;

/**
 * Makes the service hold every media file of `media`: encodes and sends, a few at a time, only those it lacks by
 * `held` (what it holds, by name, with the size in bytes), which learns what is sent. The service checks each file's bytes against its
 * name. When a source cannot be encoded, nothing more is sent but every other rendition is still
 * encoded, and `MediaProblems` names each such source once (with the error of its first
 * rendition); what was sent before is named by nothing and deleted by the next publish.
 */
export async function uploadMedia(
  api: Api,
  media: ContentMedia,
  held: Map<string, number>,
  encode: Encoder,
  onProgress?: (done: number, total: number) => void,
): Promise<MediaUpload> {
  const missing = [...media.names].filter((name) => !held.has(name));
  const encodeInTurn = limited(ENCODING, encode);
  const problems = new Map<string, { order: number; line: string }>();
  const uploaded: string[] = [];
  await inParallel([...missing.keys()], IN_FLIGHT, async (i) => {
    const rendition = await media.rendition(missing[i] as string);
    const bytes = await encodeInTurn(rendition).catch((error: Error) => {
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
    held.set(rendition.name, bytes.length);
    uploaded.push(rendition.name);
    onProgress?.(uploaded.length, missing.length);
  });
  if (problems.size > 0) throw new MediaProblems([...problems.values()].map((p) => p.line));
  return { uploaded, unchanged: media.names.size - missing.length };
}

/**
 * Deletes the media files the service holds (`held`, which learns what is deleted) that content
 * does not need (`wanted`): a story's images once it is withdrawn or deleted, an image replaced.
 * The service keeps one that something it holds still names (it answers 409); gives the names
 * deleted.
 */
export async function removeStrayMedia(
  api: Api,
  held: Map<string, number>,
  wanted: ReadonlySet<string>,
): Promise<string[]> {
  const strays = [...held.keys()].filter((name) => !wanted.has(name));
  const deleted: string[] = [];
  await inParallel(strays, IN_FLIGHT, async (name) => {
    try {
      await api.call(`/media/${name}`, { method: "DELETE" });
      held.delete(name);
      deleted.push(name);
    } catch (error) {
      if (!(error instanceof ApiProblems)) throw error;
    }
  });
  return deleted.sort();
}
