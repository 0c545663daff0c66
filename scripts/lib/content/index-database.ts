import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

// Bump when the tables change: an index of another version is made again.
const VERSION = 7;
const ROOT = join(import.meta.dirname, "..", "..", "..");
// The user's cache folder (XDG's), so that each user of a shared checkout keeps an index of their own.
const FOLDER = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "patrika");
// Indexes kept, of the content folders published most recently (tests publish many short-lived ones).
const KEPT = 16;

// The tables of a local index (see `LocalIndex`): articles by path, their feeds and media files,
// images, and what each service held.
const SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
  CREATE TABLE article (
    path TEXT PRIMARY KEY, stamp TEXT NOT NULL, racy INTEGER NOT NULL,
    slug TEXT NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL, bytes INTEGER NOT NULL, at INTEGER NOT NULL,
    withdrawn TEXT, input_image TEXT, image_src TEXT, image_sha TEXT, warnings TEXT, summary TEXT NOT NULL
  );
  CREATE INDEX article_slug ON article (slug);
  CREATE INDEX article_id ON article (id);
  CREATE INDEX article_at ON article (at) WHERE withdrawn IS NULL;
  CREATE TABLE member (
    feed TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, path TEXT NOT NULL,
    bytes INTEGER NOT NULL, updated TEXT NOT NULL, PRIMARY KEY (feed, path)
  ) WITHOUT ROWID;
  CREATE INDEX member_path ON member (path);
  CREATE INDEX member_bytes ON member (feed, bytes DESC, path);
  CREATE TABLE rendition (path TEXT NOT NULL, name TEXT NOT NULL, rendition TEXT NOT NULL, PRIMARY KEY (path, name)) WITHOUT ROWID;
  CREATE INDEX rendition_name ON rendition (name);
  CREATE TABLE image (src TEXT PRIMARY KEY, stamp TEXT NOT NULL, image TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE held (origin TEXT PRIMARY KEY, store TEXT NOT NULL, revision INTEGER NOT NULL, change TEXT NOT NULL);
  CREATE TABLE held_article (origin TEXT, slug TEXT, hash TEXT NOT NULL, PRIMARY KEY (origin, slug)) WITHOUT ROWID;
  CREATE TABLE held_media (origin TEXT, name TEXT, bytes INTEGER NOT NULL, PRIMARY KEY (origin, name)) WITHOUT ROWID;
`;

/** The file of the local index of the content folder whose real path is `folder`. */
export function indexFile(folder: string): string {
  const key = createHash("sha256").update(folder).digest("hex").slice(0, 16);
  return join(FOLDER, `content-${key}.sqlite`);
}

/**
 * The database at `path`, held by this process alone until it is closed (see `held`), its tables
 * made again when they are of another version or other code, or `fresh` asks. A file that is no
 * database is replaced.
 */
export function openDatabase(path: string, fresh: boolean, onWait: (() => void) | undefined): DatabaseSync {
  mkdirSync(FOLDER, { recursive: true });
  try {
    return held(path, fresh, onWait);
  } catch (error) {
    if ((error as SqliteError).errcode !== SQLITE_NOTADB) throw error;
    for (const file of [path, `${path}-journal`]) rmSync(file, { force: true });
    return held(path, true, onWait);
  }
}

// The database at `path`, locked for this connection alone until it is closed (SQLite's exclusive
// locking mode keeps the lock its first transaction takes). While another connection holds it, each
// attempt closes again, so that no lock is kept while waiting, and `onWait` is called once the wait
// is no longer short.
function held(path: string, fresh: boolean, onWait: (() => void) | undefined): DatabaseSync {
  const started = Date.now();
  let said = false;
  for (;;) {
    const db = new DatabaseSync(path, { timeout: ATTEMPT_MS });
    try {
      db.exec("PRAGMA locking_mode = EXCLUSIVE");
      return prepared(db, fresh);
    } catch (error) {
      db.close();
      if ((error as SqliteError).errcode !== SQLITE_BUSY || Date.now() - started > LONG_WAIT_MS) throw error;
    }
    if (!said && Date.now() - started > QUIET_WAIT_MS) {
      said = true;
      onWait?.();
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_MS);
  }
}

/** A database in memory, with the tables of a local index. */
export function memoryDatabase(): DatabaseSync {
  return prepared(new DatabaseSync(":memory:"), true);
}

type SqliteError = { errcode?: number; errstr?: string };
// SQLite's result codes for a database another connection holds, and for a file that is no database.
const SQLITE_BUSY = 5;
const SQLITE_NOTADB = 26;
// How long to wait for another publish of the same folder before saying so, and at most; how long
// one attempt to take the database waits, and the pause between two.
const QUIET_WAIT_MS = 5_000;
const LONG_WAIT_MS = 3_600_000;
const ATTEMPT_MS = 100;
const RETRY_MS = 250;

// Makes the tables again when they are of another version or other code, or `fresh` asks; rolls
// back what it began when it cannot finish.
function prepared(db: DatabaseSync, fresh: boolean): DatabaseSync {
  try {
    db.exec("BEGIN EXCLUSIVE");
    const meta = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
    const value = (key: string) => db.prepare("SELECT value FROM meta WHERE key = ?").get(key)?.value;
    if (fresh || !meta || value("version") !== VERSION || value("code") !== codeHash()) {
      for (const table of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()) {
        db.exec(`DROP TABLE "${String(table.name)}"`);
      }
      db.exec(SCHEMA);
      const insert = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
      insert.run("version", VERSION);
      insert.run("code", codeHash());
    }
    db.exec("COMMIT");
    return db;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

/** What went wrong with a database, in SQLite's words (or the file system's). */
export function reason(error: unknown): string {
  const { errcode, errstr } = error as SqliteError;
  if (errcode === SQLITE_BUSY) return "another publish of this folder holds it";
  return errstr ?? (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * Deletes all but the `KEPT` indexes written last (those of earlier versions of this code included),
 * sparing any that another publish holds, however long ago it last wrote it (a long import sends
 * for many minutes after its last write); nothing is lost when one cannot be deleted.
 */
export function forgetOldest(current: string): void {
  try {
    const indexes = readdirSync(FOLDER)
      .filter((name) => /^content-[0-9a-f]+\.(ndjson|json|sqlite)$/.test(name))
      .map((name) => join(FOLDER, name))
      .filter((path) => path !== current)
      .map((path) => ({ path, at: statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.at - a.at);
    for (const { path } of indexes.slice(KEPT - 1)) {
      if (heldElsewhere(path)) continue;
      for (const file of [path, `${path}-journal`]) rmSync(file, { force: true });
    }
  } catch {
    // Left for the next publish.
  }
}

// Whether another connection holds the database at `path` (see `held`): it cannot even be read.
function heldElsewhere(path: string): boolean {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { timeout: 0 });
    db.exec("BEGIN IMMEDIATE");
    db.exec("ROLLBACK");
    return false;
  } catch (error) {
    return (error as SqliteError).errcode === SQLITE_BUSY;
  } finally {
    db?.close();
  }
}

let code: string | undefined;
// A hash of the code that loads content: the project's sources, its locked dependencies, and the
// Node.js that runs them (its Unicode data shapes what text rules find). An index made by other code
// is not used at all, its image entries included.
function codeHash(): string {
  if (code) return code;
  const { node, icu, unicode } = process.versions;
  const hash = createHash("sha256").update(JSON.stringify([node, icu, unicode]));
  const files = ["src", join("scripts", "lib")].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".ts"))
      .map((name) => join(dir, name)),
  );
  for (const file of [...files.sort(), "package-lock.json"]) hash.update(file).update(readFileSync(join(ROOT, file)));
  code = hash.digest("hex");
  return code;
}
