import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { ApiProblems, apiClient, Unreachable } from "../../scripts/lib/client/api.ts";

/** A stand-in for the service on a free port; `handle` answers or drops each request (counted from 1). */
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

const TOKEN = "client-test-token-0123456789";

describe("the ingest API client", () => {
  it("sends a request again when its connection is dropped, even with half an answer", async ({ onTestFinished }) => {
    const service = await standIn(onTestFinished, (req, res, count) => {
      if (count === 1) req.socket.destroy();
      else if (count === 2) {
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "100" });
        res.write('{"pending":');
        res.socket?.destroy();
      } else res.end(JSON.stringify({ pending: 0, auth: req.headers.authorization }));
    });
    const answer = await apiClient(service.origin, TOKEN).call("/status");
    expect(answer).toEqual({ pending: 0, auth: `Bearer ${TOKEN}` });
    expect(service.count()).toBe(3);
  });

  it("names the request and the cause when every attempt is dropped", async ({ onTestFinished }) => {
    const service = await standIn(onTestFinished, (req) => req.socket.destroy());
    const call = apiClient(service.origin, TOKEN).call("/articles", {
      method: "POST",
      json: { articles: [] },
      what: "0 articles",
    });
    await expect(call).rejects.toThrow(
      "POST /api/v1/articles (0 articles): other side closed (UND_ERR_SOCKET), after 5 attempts",
    );
    expect(service.count()).toBe(5);
  });

  it("waits as a 503 asks and sends again; gives a 422's problems, each with its request", async ({
    onTestFinished,
  }) => {
    const service = await standIn(onTestFinished, (_req, res, count) => {
      if (count === 1) res.writeHead(503, { "Retry-After": "1" }).end('{"problems":["restarted"]}');
      else res.writeHead(422).end(JSON.stringify({ problems: ["articles[3].image.width: must be a whole number"] }));
    });
    const started = performance.now();
    const refused = await apiClient(service.origin, TOKEN)
      .call("/articles", { method: "POST", json: {}, what: "4 articles" })
      .catch((error: unknown) => error);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(refused).toBeInstanceOf(ApiProblems);
    expect((refused as ApiProblems).lines).toEqual([
      "POST /api/v1/articles (4 articles): articles[3].image.width: must be a whole number",
    ]);
  });

  it("says where the token is kept when it is refused, and that nothing answers when nothing listens", async ({
    onTestFinished,
  }) => {
    const service = await standIn(onTestFinished, (_req, res) => res.writeHead(401).end('{"error":"unauthorized"}'));
    await expect(apiClient(service.origin, TOKEN).call("/status")).rejects.toThrow(/refused the publish token \(401\)/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const nobody = await apiClient(`http://127.0.0.1:${port}`, TOKEN)
      .call("/status")
      .catch((error: unknown) => error);
    expect(nobody).toBeInstanceOf(Unreachable);
    expect((nobody as Error).message).toMatch(/^GET \/api\/v1\/status: .*ECONNREFUSED.*, after 5 attempts$/);
  });
});
