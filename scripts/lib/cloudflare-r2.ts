import type { CloudflareApi } from "./cloudflare-api.ts";

// Objects per page of a bucket listing.
const LIST_PAGE_OBJECTS = 1000;

/** An object as a bucket listing describes it. */
export interface R2ObjectInfo {
  key: string;
  size: number;
  etag: string;
}

/** One R2 bucket through Cloudflare's REST API, which takes one request per object written or deleted. */
export interface R2BucketApi {
  /** Every object of the bucket, a page at a time. */
  list(): Promise<R2ObjectInfo[]>;
  /** Writes one object with its content type. */
  put(key: string, body: Uint8Array<ArrayBuffer>, contentType: string): Promise<void>;
  /** Deletes the objects, one after the other. */
  remove(keys: readonly string[]): Promise<void>;
}

/** The bucket named `bucket` in the account. */
export function r2Bucket(api: CloudflareApi, accountId: string, bucket: string): R2BucketApi {
  const path = `/accounts/${accountId}/r2/buckets/${encodeURIComponent(bucket)}/objects`;
  const objectPath = (key: string) => `${path}/${key.split("/").map(encodeURIComponent).join("/")}`;
  return {
    async list() {
      const objects: R2ObjectInfo[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.json<R2ObjectInfo[]>(`list the objects of R2 bucket ${bucket}`, path, {
          query: { per_page: String(LIST_PAGE_OBJECTS), cursor },
        });
        objects.push(...page.result.map(({ key, size, etag }) => ({ key, size, etag })));
        cursor = page.cursor;
      } while (cursor);
      return objects;
    },
    async put(key, body, contentType) {
      await api.json(`write ${key} to R2 bucket ${bucket}`, objectPath(key), { method: "PUT", body, contentType });
    },
    async remove(keys) {
      for (const key of keys)
        await api.json(`delete ${key} from R2 bucket ${bucket}`, objectPath(key), { method: "DELETE" });
    },
  };
}
