import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A WebSub hub stand-in on loopback that records every publish notification it receives. */
export async function startHubStub(): Promise<HubStub> {
  const notified: string[][] = [];
  const stub = { url: "", notified, refuse: false, refused: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const form = new URLSearchParams(body);
      const ok = req.method === "POST" && form.get("hub.mode") === "publish" && !stub.refuse;
      if (ok) notified.push(form.getAll("hub.url"));
      else stub.refused++;
      res.writeHead(ok ? 204 : 503).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  stub.url = `http://127.0.0.1:${port}/hub`;
  stub.close = () => new Promise((resolve) => server.close(() => resolve()));
  return stub;
}

/** The stub: its URL, the hub.url lists it was told, a switch to make it refuse, and how many requests it refused. */
export interface HubStub {
  url: string;
  notified: string[][];
  refuse: boolean;
  refused: number;
  close: () => Promise<void>;
}
