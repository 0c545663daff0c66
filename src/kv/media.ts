import { ContentUnavailable } from "./read.ts";

/**
 * Reads a media file's metadata from the R2 bucket (one operation, no body); `null` if there is
 * no such file. Enough to answer a HEAD or a 304.
 */
export function readMediaHead(bucket: R2Bucket, name: string): Promise<R2Object | null> {
  return guarded(name, () => bucket.head(name));
}

/** Reads a media file with its body from the R2 bucket (one operation); `null` if there is no such file. */
export function readMediaFile(bucket: R2Bucket, name: string): Promise<R2ObjectBody | null> {
  return guarded(name, () => bucket.get(name));
}

async function guarded<T>(name: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new ContentUnavailable(name, `the R2 read failed: ${(error as Error).message}`, "R2 object");
  }
}
