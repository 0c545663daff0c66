import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A WebSub hub stand-in on loopback that records every publish notification it receives. */
export async function startHubStub(): Promise<{ url: string; notified: string[][]; close: () => Promise<void> }> {
  const notified: string[][] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const form = new URLSearchParams(body);
      const ok = req.method === "POST" && form.get("hub.mode") === "publish";
      if (ok) notified.push(form.getAll("hub.url"));
      res.writeHead(ok ? 204 : 400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hub`,
    notified,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
