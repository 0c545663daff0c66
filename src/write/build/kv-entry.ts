import { sha256 } from "../../kv/hash.ts";
import type { KvEntry } from "./entries.ts";

/**
 * The entry that stores `data` as JSON under `key`; `hash` may be given when it already identifies
 * the value (a content hash).
 */
export async function kvEntry(key: string, data: unknown, hash?: string): Promise<KvEntry> {
  return {
    key,
    hash: hash ?? (await sha256(JSON.stringify(data))),
    data,
    get value() {
      return JSON.stringify(data);
    },
  };
}
