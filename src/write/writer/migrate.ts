import { Catalogue } from "./catalogue.ts";
import { SCHEMA } from "./schema.ts";

/**
 * Creates the writer's tables (`SCHEMA`) and brings storage an earlier version created up to them,
 * in one transaction: `gone` gains its `input` column, `announce` its `seq`, `article` its `news`
 * (filled from each article held, its index replacing the one on `rank`), `member` its `bytes`
 * (filled from each member's article), and a new `media_ref` is filled from the articles already held.
 */
export function prepareStorage(storage: DurableObjectStorage): void {
  const sql = storage.sql;
  storage.transactionSync(() => {
    const newRefs = columns(sql, "media_ref").length === 0;
    // Before the tables are made, for the index on `news` that they make with them.
    const articles = columns(sql, "article");
    const noNews = articles.length > 0 && !articles.includes("news");
    if (noNews) sql.exec("ALTER TABLE article ADD COLUMN news TEXT NOT NULL DEFAULT ''");
    // And for the index on `bytes`.
    const members = columns(sql, "member");
    const noSizes = members.length > 0 && !members.includes("bytes");
    if (noSizes) {
      sql.exec("ALTER TABLE member ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0");
      new Catalogue(sql).indexSizes();
    }
    sql.exec(SCHEMA);
    if (!columns(sql, "gone").includes("input")) sql.exec("ALTER TABLE gone ADD COLUMN input TEXT");
    if (!columns(sql, "announce").includes("seq")) {
      sql.exec("ALTER TABLE announce ADD COLUMN seq INTEGER NOT NULL DEFAULT 0");
    }
    if (noNews) new Catalogue(sql).indexNews();
    // `article_news` begins with `rank`: it serves what this one did.
    sql.exec("DROP INDEX IF EXISTS article_rank");
    if (newRefs) new Catalogue(sql).indexMediaRefs();
  });
}

function columns(sql: SqlStorage, table: string): string[] {
  return sql
    .exec<{ name: string }>(`PRAGMA table_info(${table})`)
    .toArray()
    .map((row) => row.name);
}
