import type { KvTarget } from "./kv-target.ts";
import type { MediaTarget } from "./media-target.ts";

/** Where a publish writes: a KV namespace for articles and feeds and an R2 bucket for media, local or Cloudflare's. */
export interface Target {
  /** Says where, for the summary line. */
  readonly name: string;
  readonly kv: KvTarget;
  readonly media: MediaTarget;
  close(): Promise<void>;
}
