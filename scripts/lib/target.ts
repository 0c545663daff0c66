import type { Takedown } from "../../src/content/model.ts";
import type { KvEntry } from "../../src/kv/entries.ts";
import type { KvTarget } from "./kv-target.ts";
import type { MediaTarget } from "./media-target.ts";
import type { Content } from "./publish-content.ts";

/** Where a publish writes: a KV namespace for articles and feeds and an R2 bucket for media, local or Cloudflare's. */
export interface Target {
  /** Says where, for the summary line. */
  readonly name: string;
  readonly kv: KvTarget;
  readonly media: MediaTarget;
  /**
   * Hands the writer (the Durable Object behind the ingest API) the index of what this publish
   * left in KV, where there is one to reach: the local runtime's. Until the publish command sends
   * content through the API, this keeps the API's changes consistent with what the command wrote.
   */
  readonly writer?: WriterTarget;
  close(): Promise<void>;
}

/** The writer behind the ingest API, as a publish reaches it (see `Target.writer`). */
export interface WriterTarget {
  /** Gives the writer the site, authors and articles published, the stories taken down, and every KV key with its hash. */
  adopt(
    content: Pick<Content, "site" | "authors" | "articles"> & { gone: Takedown[] },
    entries: readonly KvEntry[],
  ): Promise<void>;
}
