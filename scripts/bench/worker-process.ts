import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { commandLine, descendants } from "./proc.ts";

/** A `wrangler dev` serving a Worker, and the workerd process that runs it. */
export interface RunningWorker {
  origin: string;
  workerdPid: number;
  stop(): Promise<void>;
}

/** How to start one `wrangler dev`. */
export interface WorkerOptions {
  port: number;
  /** Each `wrangler dev` needs its own inspector port to run beside the others. */
  inspectorPort: number;
  /** Folder holding the `wrangler.toml`; the project's own when absent. */
  cwd?: string;
  /** Where the local KV lives (never the developer's `.wrangler/state` for the bench). */
  persistDir?: string;
  /** `--var` values, `NAME:value`. */
  vars?: string[];
  /** A path that answers 200 once the Worker is up. */
  readyPath: string;
}

// The project's own wrangler, for the Worker and the bench-only ones alike.
const WRANGLER = resolve("node_modules", ".bin", "wrangler");

/** Starts `wrangler dev` on 127.0.0.1 and waits until `readyPath` answers. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const child = spawn(
    WRANGLER,
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(options.port),
      "--inspector-port",
      String(options.inspectorPort),
      ...(options.persistDir ? ["--persist-to", options.persistDir] : []),
      "--log-level",
      "warn",
      ...(options.vars ?? []).flatMap((v) => ["--var", v]),
      "--show-interactive-dev-session=false",
    ],
    {
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    },
  );
  forwardOutput(child);
  const origin = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${origin}${options.readyPath}`)).ok) break;
    } catch {}
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop(child);
      throw new Error(`wrangler dev on port ${options.port} did not start`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { origin, workerdPid: findWorkerd(child, options.port), stop: () => stop(child) };
}

// Passes wrangler's output on, except the error workerd logs (with its stack) for each connection
// a load generator drops with a response in flight, as autocannon does when a run ends.
function forwardOutput(child: ChildProcess): void {
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (!from) continue;
    let dropping = false;
    createInterface({ input: from }).on("line", (line) => {
      if (/disconnected: ::write\(.*\): (Broken pipe|Connection reset by peer)/.test(line)) dropping = true;
      else if (!dropping || (line.trim() !== "" && !line.trimStart().startsWith("stack:"))) {
        dropping = false;
        to.write(`${line}\n`);
      }
    });
  }
}

// wrangler dev runs two workerd processes: its proxy, which listens on `port`, and the Worker's.
function findWorkerd(child: ChildProcess, port: number): number {
  const workerd = descendants(child.pid ?? -1).find(
    (p) => p.comm === "workerd" && !commandLine(p.pid).includes(`entry=127.0.0.1:${port}`),
  );
  if (!workerd) throw new Error("no workerd process found under wrangler dev");
  return workerd.pid;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid, "SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
}
