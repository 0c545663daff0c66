import type { KvEntry } from "../../src/kv/entries.ts";
import { MANIFEST_KEY } from "../../src/kv/keys.ts";
import type { KvTarget } from "./kv-target.ts";

/** What one publish did. */
export interface PublishSummary {
  written: number;
  deleted: number;
  unchanged: number;
}

type Manifest = Record<string, string>;

/**
 * Writes the entries that differ from what the last publish recorded in the manifest, in their
 * order, then the new manifest, then deletes keys that are no longer published. Unchanged
 * content writes nothing. With `full`, every entry is written whatever the manifest says.
 */
export async function publishEntries(
  target: KvTarget,
  entries: readonly KvEntry[],
  full = false,
): Promise<PublishSummary> {
  const previous = full ? {} : await readManifest(target);
  const manifest: Manifest = Object.fromEntries(entries.map((e) => [e.key, e.hash]));
  const changed = entries.filter((e) => previous[e.key] !== e.hash);
  const removed = Object.keys(previous).filter((key) => !(key in manifest));
  if (changed.length > 0) await target.write(changed);
  if (changed.length > 0 || removed.length > 0) {
    await target.write([{ key: MANIFEST_KEY, value: JSON.stringify(manifest) }]);
  }
  if (removed.length > 0) await target.remove(removed);
  return { written: changed.length, deleted: removed.length, unchanged: entries.length - changed.length };
}

async function readManifest(target: KvTarget): Promise<Manifest> {
  const text = await target.read(MANIFEST_KEY);
  if (text === null) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Manifest;
  } catch {}
  console.warn(`The KV manifest is not valid JSON; writing every key.`);
  return {};
}
