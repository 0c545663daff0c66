import { describe, expect, it } from "vitest";
import { NameLocks } from "../../../src/write/writer/name-locks.ts";

// Work that records when it starts and ends, and ends when `finish` is called.
function step(log: string[], label: string) {
  let finish = () => {};
  const ended = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const work = async () => {
    log.push(`${label} starts`);
    await ended;
    log.push(`${label} ends`);
    return label;
  };
  return { work, finish: () => finish() };
}

const turns = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("work ordered by name", () => {
  it("runs one name's work in the order asked and other names' alongside, and `alone` apart from all", async () => {
    const locks = new NameLocks();
    const log: string[] = [];
    const a1 = step(log, "a1");
    const a2 = step(log, "a2");
    const b = step(log, "b");
    const all = step(log, "all");
    const a3 = step(log, "a3");
    const done = [
      locks.run("a", a1.work),
      locks.run("a", a2.work),
      locks.run("b", b.work),
      locks.alone(all.work),
      locks.run("a", a3.work),
    ];
    await turns();
    expect(log).toEqual(["a1 starts", "b starts"]);
    a1.finish();
    await turns();
    expect(log.slice(2)).toEqual(["a1 ends", "a2 starts"]);
    b.finish();
    a2.finish();
    await turns();
    expect(log.slice(4)).toEqual(["b ends", "a2 ends", "all starts"]);
    all.finish();
    await turns();
    expect(log.slice(7)).toEqual(["all ends", "a3 starts"]);
    a3.finish();
    expect(await Promise.all(done)).toEqual(["a1", "a2", "b", "all", "a3"]);
  });

  it("goes on with a name's next work when one fails", async () => {
    const locks = new NameLocks();
    const failed = locks.run("a", () => Promise.reject(new Error("R2 unavailable")));
    const next = locks.run("a", async () => "next");
    await expect(failed).rejects.toThrow("R2 unavailable");
    expect(await next).toBe("next");
  });
});
