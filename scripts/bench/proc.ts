import { type ChildProcess, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** CPU time the process has used, in milliseconds (user + system, from /proc/<pid>/stat). */
export function cpuMillis(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond();
}

/** Resident memory of the process, in MiB (from /proc/<pid>/status). */
export function residentMiB(pid: number): number {
  return statusKiB(pid, "VmRSS") / 1024;
}

/**
 * Watches a child process and every process it starts until it exits, and resolves with their
 * peak resident memory in MiB: at each sample (every `intervalMs`), the sum over the live processes
 * of each one's own peak so far (VmHWM), and the largest such sum. Each process's peak is exact and
 * they may not all have peaked at once, so this is an upper bound of what the tree held together;
 * a process that lives less than one interval is missed.
 */
export function watchPeakMiB(child: ChildProcess, intervalMs = 100): Promise<number> {
  let peakKiB = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    const sum = [child.pid, ...descendants(child.pid).map((p) => p.pid)].reduce(
      (kib, pid) => kib + statusKiB(pid, "VmHWM"),
      0,
    );
    peakKiB = Math.max(peakKiB, sum);
  };
  const timer = setInterval(sample, intervalMs);
  sample();
  return new Promise((resolve) => {
    child.once("exit", () => {
      clearInterval(timer);
      resolve(peakKiB / 1024);
    });
  });
}

/** Every process started, directly or not, by `pid` (from `ps`). */
export function descendants(pid: number): { pid: number; comm: string }[] {
  const all = execFileSync("ps", ["-eo", "pid=,ppid=,comm="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map(([p, ppid, comm]) => ({ pid: Number(p), ppid: Number(ppid), comm: comm ?? "" }));
  const found = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (found.has(p.ppid) && !found.has(p.pid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => p.pid !== pid && found.has(p.pid));
}

// A field of /proc/<pid>/status in KiB, or 0 once the process has gone.
function statusKiB(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB$`, "m"));
    return Number(line?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function clockTicksPerSecond(): number {
  return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
}
