import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** A `wrangler dev` serving a store, and the workerd process that runs the Worker. */
export interface RunningWorker {
  origin: string;
  workerdPid: number;
  stop(): Promise<void>;
}

/**
 * Starts `wrangler dev` on 127.0.0.1 on the store in `persistDir`, with KV reads counted in a
 * response header, and waits until `/healthz` answers.
 */
export async function startWorker(persistDir: string, port: number): Promise<RunningWorker> {
  const child = spawn(
    "wrangler",
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      persistDir,
      "--log-level",
      "warn",
      "--var",
      "KV_READS_HEADER:on",
      "--show-interactive-dev-session=false",
    ],
    {
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    },
  );
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("wrangler dev did not start");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { origin, workerdPid: findWorkerd(child), stop: () => stop(child) };
}

/** CPU time the process has used, in milliseconds (user + system, from /proc/<pid>/stat). */
export function cpuMillis(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond();
}

/** Resident memory of the process, in MiB (from /proc/<pid>/status). */
export function residentMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB$/m);
  return Number(line?.[1]) / 1024;
}

function clockTicksPerSecond(): number {
  return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
}

function findWorkerd(child: ChildProcess): number {
  const all = execFileSync("ps", ["-eo", "pid=,ppid=,comm="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm: comm ?? "" }));
  const descendants = new Set([child.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (descendants.has(p.ppid) && !descendants.has(p.pid)) {
        descendants.add(p.pid);
        grew = true;
      }
    }
  }
  const workerd = all.find((p) => descendants.has(p.pid) && p.comm === "workerd");
  if (!workerd) throw new Error("no workerd process found under wrangler dev");
  return workerd.pid;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
}
