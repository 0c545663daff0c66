import { execFile } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { getPlatformProxy } from "wrangler";
import { serviceFor, stopService, TEST_TOKEN } from "./service.ts";

/** A fresh folder under the system temp dir, removed by the returned cleanup. */
export async function tempDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), "patrika-test-"));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** A copy of the project's `content/` in `dir`, for tests that change it. */
export async function copyContent(dir: string): Promise<string> {
  const target = join(dir, "content");
  await cp("content", target, { recursive: true });
  return target;
}

/** A short valid article file titled `title`, with `frontMatter` lines (each ending in a newline) added. */
export function shortStory(title: string, frontMatter = ""): string {
  return `---
title: ${title}
summary: एक छोटी ख़बर।
byline: डिजिटल डेस्क
dateline: भोपाल
published: 2019-11-03T10:00:00+05:30
tags: [मध्य प्रदेश]
${frontMatter}---

पाठ।
`;
}

/** A copy of `content/` and a local store beside it, in a temporary folder: see `contentCopy`. */
export interface ContentCopy {
  content: string;
  persist: string;
}

/**
 * A fresh copy of the project's `content/` in a temporary folder, with the folder for a local KV
 * and R2 store beside it; `onTestFinished` (from the test's context) removes them.
 */
export async function contentCopy(onTestFinished: (cleanup: () => Promise<void>) => void): Promise<ContentCopy> {
  const dir = await tempDir();
  const persist = join(dir.path, "state");
  onTestFinished(async () => {
    await stopService(persist);
    await dir.cleanup();
  });
  return { content: await copyContent(dir.path), persist };
}

/**
 * Publishes a content copy, as `npm run publish:local` does, with `extra` options, into the local
 * service that serves its store (started when none runs; see `serviceFor`).
 */
export async function publishCopy({ content, persist }: ContentCopy, ...extra: string[]) {
  const origin = await serviceFor(persist);
  return runPublish(["--local", "--api", origin, "--content", content, ...extra], { PUBLISH_TOKEN: TEST_TOKEN });
}

/** A user other than the current one to run the publish CLI as, with a home folder of its own. */
export interface RunAs {
  uid: number;
  gid: number;
  home: string;
}

// nobody and nogroup on Linux.
const NOBODY = 65534;

/**
 * When the tests run as root, who may read any file whatever its permissions: hands `dir` (a
 * temporary folder) to nobody and gives that user, with `dir` as its home. `undefined` for any
 * other user, who is subject to permissions already.
 */
export async function unprivilegedUser(dir: string): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  await promisify(execFile)("chown", ["-R", `${NOBODY}:${NOBODY}`, dir]);
  return { uid: NOBODY, gid: NOBODY, home: dir };
}

/**
 * Runs the publish CLI as editors do, with `env` added to the environment, as the current user or
 * `runAs`; resolves with its exit code and output.
 */
export async function runPublish(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  runAs?: RunAs,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["scripts/publish.ts", ...args], {
      env: { ...process.env, ...env, ...(runAs ? { HOME: runAs.home } : {}) },
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A stored value and the content hash its metadata records. */
export interface Stored {
  value: string;
  sha256: string | undefined;
}

/** A stored media file: its content type and bytes. */
export interface StoredMedia {
  type: string | undefined;
  body: Buffer;
}

/** Everything a publish stores: KV keys, and media files by name. */
export interface State {
  kv: Map<string, Stored>;
  media: Map<string, StoredMedia>;
}

/** Every key in the local KV persisted under `persistTo`, with its value and metadata hash. */
export function readLocalKv(persistTo: string): Promise<Map<string, Stored>> {
  return withLocalBindings(persistTo, (env) => readKv(env.CONTENT));
}

/** Every key in the local KV and every file in the local media bucket persisted under `persistTo`. */
export function readLocalState(persistTo: string): Promise<State> {
  return withLocalBindings(persistTo, async (env) => ({
    kv: await readKv(env.CONTENT),
    media: await readBucket(env.MEDIA),
  }));
}

/** The names of every KV key and media file in the local store under `persistTo`: what publishes wrote there. */
export async function storedNames(persistTo: string): Promise<{ kv: string[]; media: string[] }> {
  const { kv, media } = await readLocalState(persistTo);
  return { kv: [...kv.keys()], media: [...media.keys()] };
}

// Runs `read` on the local bindings persisted under `persistTo`, and lets them go; the service of
// that store is stopped first, so that one runtime at a time uses it.
async function withLocalBindings<T>(
  persistTo: string,
  read: (env: { CONTENT: KvForTests; MEDIA: BucketForTests }) => Promise<T>,
): Promise<T> {
  await stopService(persistTo);
  const proxy = await getPlatformProxy<{ CONTENT: KvForTests; MEDIA: BucketForTests }>({
    persist: { path: join(persistTo, "v3") },
    remoteBindings: false,
  });
  try {
    return await read(proxy.env);
  } finally {
    await proxy.dispose();
  }
}

async function readKv(kv: KvForTests): Promise<Map<string, Stored>> {
  const keys: { name: string; metadata?: { sha256?: string } }[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ cursor });
    keys.push(...page.keys);
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  const values = await Promise.all(
    keys.map(async ({ name, metadata }) => {
      const stored = { value: (await kv.get(name, "text")) ?? "", sha256: metadata?.sha256 };
      return [name, stored] as const;
    }),
  );
  return new Map(values);
}

async function readBucket(bucket: BucketForTests): Promise<Map<string, StoredMedia>> {
  const media = new Map<string, StoredMedia>();
  let cursor: string | undefined;
  do {
    const page = await bucket.list(cursor === undefined ? {} : { cursor });
    for (const { key } of page.objects) {
      const object = await bucket.get(key);
      if (object)
        media.set(key, { type: object.httpMetadata?.contentType, body: Buffer.from(await object.arrayBuffer()) });
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return media;
}

/** Writes a raw value, as a hand edit or an older publisher would, with no metadata. */
export function writeLocalKv(persistTo: string, key: string, value: string): Promise<void> {
  return withLocalBindings(persistTo, async (env) => {
    await env.CONTENT.put(key, value);
  });
}

/** Writes a media file into the local bucket by hand, as another tool could, over whatever has that name. */
export function writeLocalMedia(persistTo: string, name: string, body: Uint8Array): Promise<void> {
  return withLocalBindings(persistTo, async (env) => {
    await env.MEDIA.put(name, body);
  });
}

/**
 * What a publish of `content` into a new, empty local KV and media bucket stores: the state every
 * publish must converge on.
 */
export async function freshPublish(content: string, extra: string[] = []): Promise<State> {
  const dir = await tempDir();
  const persist = join(dir.path, "state");
  try {
    const result = await publishCopy({ content, persist }, ...extra);
    if (result.code !== 0) throw new Error(`fresh publish failed: ${result.stderr}`);
    return await readLocalState(persist);
  } finally {
    await stopService(persist);
    await dir.cleanup();
  }
}

/**
 * What a publish must leave after stories were taken down: a fresh publish of `content`, plus the
 * tombstone each of them keeps at its key, taken from `state` (at least one).
 */
export async function freshPublishWithTombstones(content: string, state: State, extra: string[] = []): Promise<State> {
  const fresh = await freshPublish(content, extra);
  const tombstones = [...state.kv].filter(
    ([key, { value }]) => key.startsWith("article:") && !fresh.kv.has(key) && "gone" in JSON.parse(value),
  );
  if (tombstones.length === 0) throw new Error("no story was taken down");
  for (const [key, stored] of tombstones) fresh.kv.set(key, stored);
  return fresh;
}

interface KvForTests {
  list(options: { cursor?: string }): Promise<{
    keys: { name: string; metadata?: { sha256?: string } }[];
    list_complete: boolean;
    cursor?: string;
  }>;
  get(key: string, type: "text"): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}

interface BucketForTests {
  list(options: { cursor?: string }): Promise<{ objects: { key: string }[]; truncated: boolean; cursor?: string }>;
  get(key: string): Promise<{ httpMetadata?: { contentType?: string }; arrayBuffer(): Promise<ArrayBuffer> } | null>;
  put(key: string, body: Uint8Array): Promise<unknown>;
}
