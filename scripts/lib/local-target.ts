import { join } from "node:path";
import { bindingTarget, type KvBinding, type KvTarget } from "./kv-target.ts";

/**
 * The KV namespace `wrangler dev` uses, through wrangler's own platform proxy, so that it is the
 * same storage (by default `.wrangler/state/v3`, or `persistTo` when given), with the bindings of
 * wrangler.toml or of `configPath`.
 */
export async function localTarget(persistTo?: string, configPath?: string): Promise<KvTarget> {
  const { getPlatformProxy } = await import("wrangler");
  const proxy = await getPlatformProxy<{ CONTENT: KvBinding }>({
    persist: persistTo ? { path: join(persistTo, "v3") } : true,
    remoteBindings: false,
    ...(configPath && { configPath }),
  });
  return bindingTarget(proxy.env.CONTENT, `local KV (${persistTo ?? ".wrangler/state"})`, () => proxy.dispose());
}
