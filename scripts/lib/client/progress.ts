/**
 * A progress counter on stderr: rewritten in place on a terminal, one line per tenth otherwise
 * (CI logs), silent for small jobs.
 */
export function progressCounter(label: string, minimum = 200): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return (done, total) => {
    if (total < minimum) return;
    const percent = Math.floor((done / total) * 100);
    if (tty) {
      process.stderr.write(`\r${label}: ${done}/${total} (${percent}%)${done === total ? "\n" : ""}`);
    } else if (Math.floor(percent / 10) > lastTenth) {
      lastTenth = Math.floor(percent / 10);
      process.stderr.write(`${label}: ${done}/${total} (${percent}%)\n`);
    }
  };
}
