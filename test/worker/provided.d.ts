import type { Article, Site } from "../../src/content/model.ts";
import type { KvEntry } from "../../src/write/build/entries.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The published form of `content/`, from test/setup/seed-content.ts. */
    seed: { site: Site; articles: Article[]; entries: KvEntry[] };
  }
}
