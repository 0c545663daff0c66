import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningWorker, startWorker } from "./worker-process.ts";

/** The bench-only Workers Patrika is measured against, each under its own `wrangler dev`. */
export interface Anchors {
  /** A Worker that answers `ok` and does nothing else: the least any Worker costs. */
  hello: RunningWorker;
  /** An assets-only Worker serving the given bytes as a static file at `/rss.xml`. */
  static: RunningWorker;
}

/**
 * Writes both anchor Workers into folders under `dir`, with Patrika's compatibility date, and
 * starts them on `ports` (inspectors on each port + 1000). The caller stops them.
 */
export async function startAnchors(dir: string, rssBytes: Uint8Array, ports: [number, number]): Promise<Anchors> {
  const date = /^compatibility_date = "([^"]+)"$/m.exec(await readFile("wrangler.toml", "utf8"))?.[1];
  if (!date) throw new Error("no compatibility_date in wrangler.toml");

  const helloDir = join(dir, "hello");
  await mkdir(helloDir, { recursive: true });
  await writeFile(join(helloDir, "hello.js"), 'export default { fetch: () => new Response("ok") };\n');
  await writeFile(
    join(helloDir, "wrangler.toml"),
    `name = "bench-hello"\nmain = "hello.js"\ncompatibility_date = "${date}"\n`,
  );

  const staticDir = join(dir, "static");
  await mkdir(join(staticDir, "public"), { recursive: true });
  await writeFile(join(staticDir, "public", "rss.xml"), rssBytes);
  await writeFile(
    join(staticDir, "wrangler.toml"),
    `name = "bench-static"\ncompatibility_date = "${date}"\n\n[assets]\ndirectory = "public"\n`,
  );

  const [helloPort, staticPort] = ports;
  const hello = await startWorker({ cwd: helloDir, port: helloPort, inspectorPort: helloPort + 1000, readyPath: "/" });
  try {
    const assets = await startWorker({
      cwd: staticDir,
      port: staticPort,
      inspectorPort: staticPort + 1000,
      readyPath: "/rss.xml",
    });
    return { hello, static: assets };
  } catch (error) {
    await hello.stop();
    throw error;
  }
}
