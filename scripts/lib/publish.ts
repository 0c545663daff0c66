import type { KvEntry } from "../../src/kv/entries.ts";
import { MANIFEST_KEY, writeStage } from "../../src/kv/keys.ts";
import type { KvTarget } from "./kv-target.ts";

/** What one publish did. */
export interface PublishSummary {
  /** Every key written, the manifest included: the KV writes this publish cost. */
  written: string[];
  deleted: string[];
  unchanged: number;
}

/** How to publish. */
export interface PublishOptions {
  /** Write every entry whatever the manifest says. */
  full?: boolean;
  /** Called as keys are written, with how many of `total` are done. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Called with the keys written, after the writes and before the manifest. When it answers
   * false the manifest stays as it was, so the next publish writes (and announces) them again.
   */
  announce?: (written: string[]) => Promise<boolean>;
}

type Manifest = Record<string, string>;

/**
 * Writes the entries whose value differs from what the last publish recorded in the manifest,
 * in stages so that nothing becomes readable before what it points at (see `writeStage`),
 * deletes keys no longer published in the reverse order, and writes the new manifest last, so
 * that a publish that fails half-way is finished by the next one.
 */
export async function publishEntries(
  target: KvTarget,
  entries: readonly KvEntry[],
  options: PublishOptions = {},
): Promise<PublishSummary> {
  const previous = await readManifest(target);
  const manifest: Manifest = Object.fromEntries(entries.map((e) => [e.key, e.hash]));
  const changed = options.full ? [...entries] : entries.filter((e) => previous[e.key] !== e.hash);
  const removed = Object.keys(previous).filter((key) => !(key in manifest));
  let done = 0;
  const onWritten = (count: number) => {
    done += count;
    options.onProgress?.(done, changed.length);
  };
  for (const stage of [0, 1, 2, 3])
    await target.write(
      changed.filter((e) => writeStage(e.key) === stage),
      onWritten,
    );
  for (const stage of [3, 2, 1, 0]) await target.remove(removed.filter((key) => writeStage(key) === stage));
  const written = changed.map((e) => e.key);
  const announced = (await options.announce?.(written)) ?? true;
  const manifestChanged = announced && (changed.length > 0 || removed.length > 0);
  if (manifestChanged) await target.write([{ key: MANIFEST_KEY, value: JSON.stringify(manifest) }]);
  return {
    written: [...written, ...(manifestChanged ? [MANIFEST_KEY] : [])],
    deleted: removed,
    unchanged: entries.length - changed.length,
  };
}
async function readManifest(target: KvTarget): Promise<Manifest> {
  const text = await target.read(MANIFEST_KEY);
  if (text === null) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Manifest;
  } catch {}
  console.warn("The KV manifest is not valid JSON; writing every key.");
  return {};
}
