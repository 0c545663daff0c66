import type { KvEntry } from "../../src/kv/entries.ts";
import { isHeadKey, MANIFEST_KEY } from "../../src/kv/keys.ts";
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
}

type Manifest = Record<string, string>;

/**
 * Writes the entries whose value differs from what the last publish recorded in the manifest,
 * deletes keys no longer published, and writes the new manifest last, so that a publish that
 * fails half-way is finished by the next one. Pages and articles are written
 * before the heads that point at them, and heads are deleted before their pages, so a reader
 * never follows a head to a missing page. Unchanged content writes nothing.
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
  await target.write(
    changed.filter((e) => !isHeadKey(e.key)),
    onWritten,
  );
  await target.write(
    changed.filter((e) => isHeadKey(e.key)),
    onWritten,
  );
  await target.remove(removed.filter(isHeadKey));
  await target.remove(removed.filter((key) => !isHeadKey(key)));
  const manifestChanged = changed.length > 0 || removed.length > 0;
  if (manifestChanged) await target.write([{ key: MANIFEST_KEY, value: JSON.stringify(manifest) }]);
  return {
    written: [...changed.map((e) => e.key), ...(manifestChanged ? [MANIFEST_KEY] : [])],
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
