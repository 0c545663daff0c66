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

/** Peak resident memory of a publish, in MiB: the client's, and the service's it published into. */
export interface PublishPeak {
  /**
   * The publish command and its Markdown sandbox together: the most they held at once in any
   * sample, or either one's own exact peak when larger.
   */
  publisher: number;
  /** The sum of each one's own exact peak, whenever it came: an upper bound of `publisher`. */
  publisherBound: number;
  /** The service's workerd (the Worker and its writer, which store KV and R2 on disk), from its start. */
  localRuntime: number;
}

/** The peak resident memory of a process since it started, in MiB (VmHWM), or 0 once it has gone. */
export function residentPeakMiB(pid: number): number {
  return statusKiB(pid, "VmHWM") / 1024;
}

/**
 * Watches a publish (a child process and every process it starts) until it exits, reading every
 * process's resident memory (VmRSS) and own peak (VmHWM) every `intervalMs`. `publisher` is the
 * most they held together in a sample, or the largest single peak when that is more (a sample
 * misses what lasts less than an interval, and one process's peak is exact); `publisherBound` adds
 * up each one's peak, which they need not have reached at once (the command peaks while it sends,
 * its sandbox while content loads). A process that lives less than one interval is missed.
 */
export function watchPublishPeak(
  child: ChildProcess,
  intervalMs = 100,
): Promise<Pick<PublishPeak, "publisher" | "publisherBound">> {
  const peaks = new Map<number, number>();
  let together = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    let now = 0;
    for (const pid of [child.pid, ...descendants(child.pid).map((p) => p.pid)]) {
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, statusKiB(pid, "VmHWM")));
      now += statusKiB(pid, "VmRSS");
    }
    together = Math.max(together, now);
  };
  const timer = setInterval(sample, intervalMs);
  sample();
  return new Promise((resolve) => {
    child.once("exit", () => {
      clearInterval(timer);
      const each = [...peaks.values()];
      resolve({
        publisher: Math.max(together, ...each) / 1024,
        publisherBound: each.reduce((sum, kib) => sum + kib, 0) / 1024,
      });
    });
  });
}

/** Every process started, directly or not, by `pid`, from `all` (by default what `ps` lists now). */
export function descendants(pid: number, all: readonly Process[] = processes()): Process[] {
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

interface Process {
  pid: number;
  ppid: number;
  comm: string;
}

// Every process on the machine, from `ps`.
function processes(): Process[] {
  return execFileSync("ps", ["-eo", "pid=,ppid=,comm="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map(([p, ppid, comm]) => ({ pid: Number(p), ppid: Number(ppid), comm: comm ?? "" }));
}

/** The command line of a process, arguments joined by spaces, or "" once it has gone. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
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
