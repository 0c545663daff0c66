import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localRequests } from "../../scripts/lib/local-requests.ts";
import { localTarget } from "../../scripts/lib/local-target.ts";
import { tempDir } from "./helpers.ts";

/** A stand-in for the writer on a free port; `handle` answers or drops each request. */
async function standIn(
  onTestFinished: (cleanup: () => void) => void,
  handle: (req: IncomingMessage, res: ServerResponse, count: number) => void,
): Promise<{ origin: string; count: () => number }> {
  let count = 0;
  const server = createServer((req, res) => req.resume().on("end", () => handle(req, res, ++count)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => server.close());
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => count };
}

describe("requests to the local writer", () => {
  it("sends a request again when its connection is dropped without an answer", async ({ onTestFinished }) => {
    const server = await standIn(onTestFinished, (req, res, count) => {
      if (count === 1) req.socket.destroy();
      else res.end(`answered ${count}`);
    });
    const res = await localRequests(server.origin)("/kv/put", { method: "POST", body: "[]", what: "0 entries" });
    expect(await res.text()).toBe("answered 2");
    expect(server.count()).toBe(2);
  });

  it("names the request and the cause when every attempt is dropped", async ({ onTestFinished }) => {
    const server = await standIn(onTestFinished, (req) => req.socket.destroy());
    const send = localRequests(server.origin, { attempts: 3, delayMs: 1 });
    await expect(send("/kv/put", { method: "POST", body: "[{},{}]", what: "2 entries" })).rejects.toThrow(
      "local storage: POST /kv/put (2 entries): other side closed (UND_ERR_SOCKET), after 3 attempts",
    );
    expect(server.count()).toBe(3);
  });

  it("reaches wrangler's runtime after the publisher was busy longer than it keeps a connection", async ({
    onTestFinished,
  }) => {
    const dir = await tempDir();
    onTestFinished(dir.cleanup);
    const target = await localTarget(join(dir.path, "state"));
    onTestFinished(() => target.close());
    await target.kv.put([{ key: "k", hash: "h", value: '"v"' }]);
    await target.kv.list();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 6_000);
    expect(await target.kv.get("k")).toBe('"v"');
  });
});
