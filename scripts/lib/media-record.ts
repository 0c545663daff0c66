import { sha256 } from "../../src/kv/hash.ts";
import { MEDIA_RECORD_KEY } from "../../src/kv/keys.ts";
import type { KvTarget } from "./kv-target.ts";

/** The media record as the last publish left it: each file's size by name, and the stored text. */
export interface MediaRecord {
  sizes: Map<string, number>;
  text: string | null;
}

/** The record under `MEDIA_RECORD_KEY`; empty when there is none or it cannot be read. */
export async function readMediaRecord(kv: KvTarget): Promise<MediaRecord> {
  const text = await kv.get(MEDIA_RECORD_KEY);
  const sizes = new Map<string, number>();
  try {
    const { files } = JSON.parse(text ?? "{}");
    for (const [name, bytes] of Object.entries(files ?? {}))
      if (Number.isSafeInteger(bytes) && (bytes as number) > 0) sizes.set(name, bytes as number);
  } catch {}
  return { sizes, text };
}

/** Records `sizes` (every file content names), unless `last` already says exactly that; true when it wrote. */
export async function writeMediaRecord(
  kv: KvTarget,
  sizes: ReadonlyMap<string, number>,
  last: MediaRecord,
): Promise<boolean> {
  const value = JSON.stringify({ files: Object.fromEntries([...sizes].sort(([a], [b]) => (a < b ? -1 : 1))) });
  if (value === last.text) return false;
  await kv.put([{ key: MEDIA_RECORD_KEY, value, hash: await sha256(value) }]);
  return true;
}
