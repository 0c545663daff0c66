/** Every object of a media bucket with its size in bytes. */
export type MediaListing = Map<string, number>;

/** A media file to write: its name, content type and bytes. */
export interface MediaFile {
  name: string;
  type: string;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * Where a publish puts media files: the local R2 bucket of `wrangler dev`, or the Cloudflare
 * bucket, both bound as `MEDIA`. A file's name is derived from its source's bytes and carries its
 * size (see `mediaName`), so one listing tells which files exist without reading any.
 */
export interface MediaTarget {
  /** Every object with its size. */
  list(): Promise<MediaListing>;
  /** Writes the files, each with its content type, in any order. */
  put(files: readonly MediaFile[]): Promise<void>;
  /** Deletes the files, in any order. */
  remove(names: readonly string[]): Promise<void>;
}
