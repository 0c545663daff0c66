// A Worker the publisher runs under wrangler's local runtime, with the project's own bindings and
// storage, so that writes happen inside workerd in batches rather than one proxied call per key:
// KV entries as JSON, media files as one binary body with a manifest of names, types and lengths.

interface Kv {
  get(key: string, type: "text"): Promise<string | null>;
  put(key: string, value: string, options: { metadata: unknown }): Promise<void>;
  delete(key: string): Promise<void>;
  list(options: { cursor?: string }): Promise<{
    keys: { name: string; metadata?: unknown }[];
    list_complete: boolean;
    cursor?: string;
  }>;
}

interface Bucket {
  list(options: { cursor?: string }): Promise<{
    objects: { key: string; size: number }[];
    truncated: boolean;
    cursor?: string;
  }>;
  put(key: string, value: ArrayBuffer, options: { httpMetadata: { contentType: string } }): Promise<unknown>;
  delete(keys: string[]): Promise<void>;
}

export default {
  async fetch(request: Request, env: { CONTENT: Kv; MEDIA: Bucket; WRITER: Env["WRITER"] }): Promise<Response> {
    const { pathname, searchParams } = new URL(request.url);
    const kv = env.CONTENT;
    switch (`${request.method} ${pathname}`) {
      case "GET /kv/list": {
        const keys: { name: string; metadata?: unknown }[] = [];
        let cursor: string | undefined;
        do {
          const page = await kv.list(cursor === undefined ? {} : { cursor });
          keys.push(...page.keys.map(({ name, metadata }) => ({ name, metadata })));
          cursor = page.list_complete ? undefined : page.cursor;
        } while (cursor);
        return Response.json(keys);
      }
      case "GET /kv/get": {
        const value = await kv.get(searchParams.get("key") ?? "", "text");
        return value === null ? new Response(null, { status: 404 }) : new Response(value);
      }
      case "POST /kv/put": {
        const entries: { key: string; value: string; metadata: unknown }[] = await request.json();
        await Promise.all(entries.map((e) => kv.put(e.key, e.value, { metadata: e.metadata })));
        return new Response(null, { status: 204 });
      }
      case "POST /kv/delete": {
        const keys: string[] = await request.json();
        await Promise.all(keys.map((key) => kv.delete(key)));
        return new Response(null, { status: 204 });
      }
      case "GET /r2/list": {
        const objects: { name: string; size: number }[] = [];
        let cursor: string | undefined;
        do {
          const page = await env.MEDIA.list(cursor === undefined ? {} : { cursor });
          objects.push(...page.objects.map(({ key, size }) => ({ name: key, size })));
          cursor = page.truncated ? page.cursor : undefined;
        } while (cursor);
        return Response.json(objects);
      }
      case "POST /r2/put": {
        const files: { name: string; type: string; bytes: number }[] = JSON.parse(
          request.headers.get("X-Media-Files") ?? "[]",
        );
        const body = await request.arrayBuffer();
        let offset = 0;
        const puts = files.map(({ name, type, bytes }) => {
          const part = body.slice(offset, offset + bytes);
          offset += bytes;
          return env.MEDIA.put(name, part, { httpMetadata: { contentType: type } });
        });
        await Promise.all(puts);
        return new Response(null, { status: 204 });
      }
      case "GET /writer/adopted":
        return new Response((await env.WRITER.getByName("main").adopted()) ?? "");
      case "POST /writer/adopt": {
        await env.WRITER.getByName("main").adopt(await request.json());
        return new Response(null, { status: 204 });
      }
      case "POST /r2/delete": {
        const names: string[] = await request.json();
        if (names.length > 0) await env.MEDIA.delete(names);
        return new Response(null, { status: 204 });
      }
      default:
        return new Response(null, { status: 404 });
    }
  },
};

// wrangler.toml binds the writer's Durable Object class, which the Worker wrangler runs must export.
export { PublicationWriter } from "../../../src/write/writer/writer.ts";
