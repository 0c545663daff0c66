import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { prepareStore } from "./bench/store.ts";
import { startWorker } from "./bench/worker-process.ts";

// Measures the writer behind the ingest API on a synthetic store of `--scale` articles (10,000 by
// default): the time from an API upsert of one story to the writer answering with every affected
// key written, for new stories and for an edit of an archived one. Upserts are spaced beyond the
// one-second interval Workers KV keeps between two writes of a key, as a newsroom's stories are.

const { values } = parseArgs({ options: { scale: { type: "string", default: "10000" } } });
const scale = Number(values.scale);
const PORT = 8794;
const UPSERTS = 15;
const TOKEN = "bench-publish-token-0123456789";
const log = (line: string) => process.stderr.write(`${line}\n`);

const dir = await mkdtemp(join(tmpdir(), "patrika-writer-"));
try {
  log(`Generating and publishing ${scale} synthetic articles, handed to the writer…`);
  const store = await prepareStore(dir, scale, `http://127.0.0.1:${PORT}`);
  log(`Published in ${store.publishSeconds.toFixed(1)} s.`);
  const worker = await startWorker({
    port: PORT,
    inspectorPort: PORT + 1000,
    persistDir: store.persistDir,
    vars: [`PUBLISH_TOKEN:${TOKEN}`],
    readyPath: "/healthz",
  });
  try {
    const put = async (slug: string, body: Record<string, unknown>) => {
      const started = performance.now();
      const res = await fetch(`${worker.origin}/api/v1/articles/${slug}`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const status = (await res.json()) as { pending: number; written: number };
      if (res.status !== 200) throw new Error(`PUT ${slug} answered ${res.status}: ${JSON.stringify(status)}`);
      return { ms: performance.now() - started, ...status };
    };
    const story = (n: number, published: string) => ({
      title: `बेंचमार्क ख़बर ${n}`,
      summary: "लेखक के बिना एक छोटी ख़बर, लेखन के समय को मापने के लिए।",
      byline: "डिजिटल डेस्क",
      dateline: "नई दिल्ली",
      published,
      tags: ["राजनीति", "संसद"],
      body: `ख़बर ${n} का पहला अनुच्छेद।\n\nदूसरा अनुच्छेद।`,
    });
    const fresh = [];
    for (let n = 0; n < UPSERTS; n++) {
      fresh.push(await put(`bench-${n}`, story(n, new Date(Date.now() - 60_000).toISOString())));
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    const edit = await put("bench-old", story(9999, "2015-01-01T10:00:00+05:30"));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const archived = await put("bench-old", {
      ...story(9999, "2015-01-01T10:00:00+05:30"),
      title: "बदली हुई पुरानी ख़बर",
    });
    const sorted = fresh.map((r) => r.ms).sort((a, b) => a - b);
    const result = {
      date: new Date().toISOString(),
      articles: scale,
      upsert_new_p50_ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      upsert_new_max_ms: Math.round(sorted.at(-1) ?? 0),
      upsert_new_keys_written: fresh.map((r) => r.written),
      upsert_new_pending_after: fresh.map((r) => r.pending),
      insert_backdated_ms: Math.round(edit.ms),
      insert_backdated_keys_written: edit.written,
      edit_archived_ms: Math.round(archived.ms),
      edit_archived_keys_written: archived.written,
    };
    await mkdir("bench/results", { recursive: true });
    await writeFile(`bench/results/writer-${scale}.json`, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await worker.stop();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
