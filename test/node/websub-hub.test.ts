import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { notifyHub } from "../../src/write/websub.ts";

it("gives up on a hub that does not answer, and says so in one line", async () => {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const hub = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`;
  try {
    await expect(notifyHub(hub, ["https://patrika.example/rss.xml"], 200)).rejects.toThrow(
      `the hub ${hub} did not answer within 0.2 s`,
    );
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

it("says plainly when the hub cannot be reached", async () => {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const hub = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`;
  await new Promise((resolve) => server.close(resolve));
  await expect(notifyHub(hub, ["https://patrika.example/rss.xml"])).rejects.toThrow(
    `the hub ${hub} could not be reached (ECONNREFUSED)`,
  );
});
