// A Worker the publisher runs under wrangler's local runtime, with the project's own bindings and
// storage, so that writes happen inside workerd in batches rather than one proxied call per key.

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

export default {
  async fetch(request: Request, env: { CONTENT: Kv }): Promise<Response> {
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
      default:
        return new Response(null, { status: 404 });
    }
  },
};
