import { relative } from "node:path";

/** What publishing remotely needs from the wrangler config. */
export interface RemoteBindings {
  /** `account_id`, when the config sets one. */
  accountId: string | undefined;
  /** The id of the KV namespace bound as `binding`; throws a plain error when there is none yet. */
  kvNamespaceId(binding: string): string;
  /** The name of the R2 bucket bound as `binding`; throws a plain error when there is none. */
  r2BucketName(binding: string): string;
}

/** Reads the wrangler config (`path`, or wrangler.toml found as wrangler finds it) with wrangler's own parser. */
export async function readRemoteBindings(path?: string): Promise<RemoteBindings> {
  const { unstable_readConfig } = await import("wrangler");
  const config = unstable_readConfig(path ? { config: path } : {}, { hideWarnings: true });
  const file = config.configPath ? relative(process.cwd(), config.configPath) : "wrangler.toml";
  return {
    accountId: config.account_id,
    kvNamespaceId(binding) {
      const id = config.kv_namespaces.find((ns: { binding: string; id?: string }) => ns.binding === binding)?.id;
      if (!id) throw new Error(`${file} binds no KV namespace as ${binding} (a [[kv_namespaces]] entry with an id).`);
      if (/^0+$/.test(id))
        throw new Error(
          `${file} still has the placeholder id for the KV namespace ${binding}: create the namespace with ` +
            `\`npx wrangler kv namespace create ${binding}\` and put its id there.`,
        );
      return id;
    },
    r2BucketName(binding) {
      const name = config.r2_buckets.find(
        (b: { binding: string; bucket_name?: string }) => b.binding === binding,
      )?.bucket_name;
      if (!name)
        throw new Error(`${file} binds no R2 bucket as ${binding} (an [[r2_buckets]] entry with a bucket_name).`);
      return name;
    },
  };
}
