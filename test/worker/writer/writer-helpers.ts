import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { splitByEmbargo } from "../../../src/content/embargo.ts";
import type { Article, Author, Site, Takedown } from "../../../src/content/model.ts";
import { buildKvEntries } from "../../../src/write/build/entries.ts";
import type { PublicationWriter } from "../../../src/write/writer/writer.ts";

/** The writer of this test file's storage. */
export function writer(name = "main"): DurableObjectStub<PublicationWriter> {
  return env.WRITER.getByName(name);
}

/** Runs the writer's alarms until nothing is left to write (at most `rounds`). */
export async function drain(stub = writer(), rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if ((await stub.status()).pending === 0) return;
    await runDurableObjectAlarm(stub);
  }
  throw new Error(`the writer still has ${(await stub.status()).pending} key(s) to write after ${rounds} alarms`);
}

/** Every key of this test file's KV with its value. */
export async function kvContents(): Promise<Map<string, string>> {
  const contents = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page: KVNamespaceListResult<unknown> = await env.CONTENT.list(cursor ? { cursor } : {});
    for (const { name } of page.keys) contents.set(name, (await env.CONTENT.get(name, "text")) ?? "");
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return contents;
}

/**
 * What a publish of the whole content into an empty namespace gives now, with the tombstones of
 * the stories taken down (`gone`): every key with its value, the articles still under embargo
 * left out.
 */
export async function freshContents(
  site: Site,
  articles: readonly Article[],
  authors: readonly Author[] = [],
  gone: readonly Takedown[] = [],
): Promise<Map<string, string>> {
  const { published } = splitByEmbargo(articles, Date.now());
  if (published.length === 0) return new Map();
  return new Map((await buildKvEntries(site, published, authors, gone)).map((e) => [e.key, e.value]));
}
