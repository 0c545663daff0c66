import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writevSync,
} from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { Author, Site } from "../../../src/content/model.ts";
import type { SizedArticle } from "../../../src/write/build/page-bound.ts";
import type { Input } from "../client/inputs.ts";
import type { Rendition, SourceImage } from "../media/renditions.ts";

/** What loading an article file came to: all a publish needs of it until it is sent. */
export interface ArticleEntry {
  /** The file's `stampOf` when it was loaded. */
  stamp: string;
  /** The lead image under content/media/ it names, if any, as written and by its bytes' SHA-256: the file is loaded again when that changes. */
  image?: { src: string; sha256: string };
  /** The article without its body, with the bytes it adds to a feed page; of a withdrawn one, its slug and id count. */
  summary: ArticleSummary;
  /** Why it was withdrawn, when it was. */
  withdrawn?: string;
  /** The SHA-256 and UTF-8 bytes of what the ingest API is sent for it, its time (for the order of sending) and its image's fields. */
  input: { hash: string; bytes: number; at: number; image?: Input };
  renditions: Omit<Rendition, "source">[];
  /** Its warnings, as field and message. */
  warnings: [string, string][];
}

/** An article as the checks across files need it: how it is listed and how large it is, not its body. */
export type ArticleSummary = SizedArticle;

/** A source image as read, without its path. */
export type ImageEntry = { stamp: string; image: Omit<SourceImage, "origin" | "file"> };

/**
 * What the service held after a publish whose client counted every change of the service
 * between two of its revisions as its own: the service still holds exactly that while its revision
 * is the same.
 */
export interface Held {
  store: string;
  revision: number;
  /** The name of the service's last change then (see `WriterStatus.revision`). */
  change: string;
  /** Slug → SHA-256 of what was sent for it (see `GET /api/v1/articles`). */
  articles: Record<string, string>;
  /** Media file name → bytes. */
  media: Record<string, number>;
}

interface IndexFile {
  /** The site settings and authors the articles were loaded with. */
  context: string;
  /** Whether the content these entries came from passed every check, those across files included. */
  checked: boolean;
  articles: Map<string, ArticleEntry>;
  /** Paths of the articles whose files had changed too recently to trust their stamps (see `RACY_MS`). */
  racy: Set<string>;
  images: Map<string, ImageEntry>;
  /** By the ingest API's origin. */
  held: Map<string, Held>;
}

// The first line of an index file; bump its version when the shape of an entry changes.
const HEADER = "patrika-local-index";
const VERSION = 5;
// Slugs or media names of a service's listing on one line of the file.
const LINE_NAMES = 1000;
const ROOT = join(import.meta.dirname, "..", "..", "..");
// The user's cache folder (XDG's), so that each user of a shared checkout keeps an index of their own.
const FOLDER = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "patrika");
// Indexes kept, of the content folders published most recently (tests publish many short-lived ones).
const KEPT = 16;
// A file changed this close to the start of loading may change again within its file system's
// timestamp resolution without its stamp changing ("racy" in git's words): what it came to is
// remembered, but the file is read again next time, whatever its stamp says.
const RACY_MS = 3_000;
// Lines gathered for one write to the index file.
const WRITE_LINES = 1_000;

/** The identity of a file's contents as the file system tells it: size, times and inode. */
export function stampOf(stats: Stats): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
}

/**
 * The publish command's local index of one content folder (in `~/.cache/patrika`):
 * what each article file and image came to when it was last loaded, by path and `stampOf`, so
 * that a file whose stamp, image, site settings, authors and loading code are unchanged is not
 * read and converted again; and, for each service, what it held after the last publish into it.
 * Only what this run looks up or loads is kept (`save`), so deleted files leave it.
 */
export class LocalIndex {
  readonly #path: string;
  readonly #old: IndexFile;
  readonly #new: IndexFile;
  readonly #since: number;
  #changed = false;
  #allKnown: boolean;
  // Articles in the file as last written, to tell when entries were dropped since.
  #written: number;

  /** The index of `contentDir`; empty when there is none, it cannot be read, or `fresh` asks to load everything. */
  static open(contentDir: string, options: { fresh?: boolean } = {}): LocalIndex {
    const folder = existsSync(contentDir) ? realpathSync(contentDir) : resolve(contentDir);
    const key = createHash("sha256").update(folder).digest("hex").slice(0, 16);
    return new LocalIndex(join(FOLDER, `content-${key}.ndjson`), options.fresh);
  }

  private constructor(path: string, fresh = false) {
    this.#path = path;
    this.#since = Date.now() - RACY_MS;
    this.#old = fresh ? emptyIndex() : (readIndex(path) ?? emptyIndex());
    this.#new = { ...emptyIndex(), held: new Map(this.#old.held) };
    this.#allKnown = this.#old.checked;
    this.#written = this.#old.articles.size;
  }

  /**
   * Sets what articles are loaded with: `site` and `authors`. Articles loaded with anything else
   * are loaded again (an index made by other code is not read at all).
   */
  setContext(site: Site, authors: readonly Author[]): void {
    const context = createHash("sha256")
      .update(JSON.stringify([site, authors]))
      .digest("hex");
    if (context !== this.#old.context) {
      this.#old.articles.clear();
      this.#changed = true;
      this.#allKnown = false;
    }
    this.#new.context = context;
  }

  /**
   * What the file at `path` (relative to content/) came to, if its stamp is `stamp`, nothing it
   * depends on changed, and it had not changed too recently to trust its stamp.
   */
  article(path: string, stamp: string): ArticleEntry | undefined {
    const entry = this.#old.articles.get(path);
    return entry?.stamp === stamp && !this.#old.racy.has(path) ? entry : undefined;
  }

  /**
   * Remembers what a file came to, as one changed too recently to trust its stamp when it did
   * (the file is then read again next time). A file read again that came to what it came to
   * before, but for its stamp, counts as known unchanged.
   */
  keepArticle(path: string, entry: ArticleEntry, stats: Stats): void {
    const before = this.#old.articles.get(path);
    const racy = !this.#settled(stats);
    if (before !== entry) {
      const same = before !== undefined && sameButStamp(before, entry);
      if (!same) this.#allKnown = false;
      if (!same || before.stamp !== entry.stamp) this.#changed = true;
    }
    if (racy !== this.#old.racy.has(path)) this.#changed = true;
    this.#new.articles.set(path, entry);
    if (racy) this.#new.racy.add(path);
  }

  /**
   * Whether every article file looked up was known unchanged, under the same context, from a load
   * that passed every check: the checks across files then need not run again (files deleted since
   * only shrink what they bound).
   */
  allKnown(): boolean {
    return this.#allKnown;
  }

  /** Records whether this load passed every check. */
  setChecked(checked: boolean): void {
    if (checked !== this.#old.checked) this.#changed = true;
    this.#new.checked = checked;
  }

  /** The image `src` names as read before, if its stamp is `stamp`. */
  image(src: string, stamp: string): ImageEntry | undefined {
    const entry = this.#old.images.get(src);
    return entry?.stamp === stamp ? entry : undefined;
  }

  keepImage(src: string, entry: ImageEntry, stats: Stats): void {
    if (this.#old.images.get(src) !== entry) this.#changed = true;
    if (this.#settled(stats)) this.#new.images.set(src, entry);
  }

  // Whether a file last changed long enough before this load for its stamp to tell any later change.
  #settled(stats: Stats): boolean {
    return stats.mtimeMs < this.#since && stats.ctimeMs < this.#since;
  }

  /** What the service at `origin` held after the last publish into it, if it was recorded. */
  held(origin: string): Held | undefined {
    return this.#new.held.get(origin);
  }

  /** Records what the service at `origin` holds now, or forgets it (`undefined`). */
  setHeld(origin: string, held: Held | undefined): void {
    const before = this.#new.held.get(origin);
    // The same revision of the same storage holds the same: nothing to write.
    if (held === before || (held && before && sameRevision(held, before))) return;
    if (held) this.#new.held.set(origin, held);
    else this.#new.held.delete(origin);
    this.#changed = true;
  }

  /**
   * Writes the index, when anything in it changed, replacing the file at once; gives why it could
   * not (the next publish then reads every file again), or `undefined`.
   */
  save(): string | undefined {
    if (!this.#changed && this.#written === this.#new.articles.size) return undefined;
    const temporary = `${this.#path}.${process.pid}`;
    try {
      mkdirSync(FOLDER, { recursive: true });
      writeIndex(temporary, this.#new);
      renameSync(temporary, this.#path);
      forgetOldest();
      this.#changed = false;
      this.#written = this.#new.articles.size;
      return undefined;
    } catch (error) {
      rmSync(temporary, { force: true });
      const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return `the local index ${this.#path} could not be written (${cause}); the next publish reads every file again`;
    }
  }
}

/** Whether two records of a service are of one revision of it, which holds one thing. */
export function sameRevision(a: Omit<Held, "articles" | "media">, b: Omit<Held, "articles" | "media">): boolean {
  return a.store === b.store && a.revision === b.revision && a.change === b.change;
}

// Whether two entries of a file say the same of it, whatever their stamps.
function sameButStamp(a: ArticleEntry, b: ArticleEntry): boolean {
  return JSON.stringify({ ...a, stamp: "" }) === JSON.stringify({ ...b, stamp: "" });
}

// Deletes all but the `KEPT` indexes written last.
function forgetOldest(): void {
  const indexes = readdirSync(FOLDER)
    .filter((name) => /^content-[0-9a-f]+\.(nd)?json$/.test(name))
    .map((name) => {
      const path = join(FOLDER, name);
      return { path, at: statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0 };
    })
    .sort((a, b) => b.at - a.at);
  for (const { path } of indexes.slice(KEPT)) rmSync(path, { force: true });
}

// An index file holds a JSON array a line, so that neither reading nor writing it makes one string
// of it all: the header, then an article's (a "racy article" when its stamp is not to be trusted)
// or an image's entry by path, and each service's record.
type Line =
  | [typeof HEADER, number, string, string, boolean]
  | ["end", number, number, number]
  | ["article" | "racy article", string, ArticleEntry]
  | ["image", string, ImageEntry]
  | ["held", string, string, number, string]
  | ["held articles" | "held media", string, [string, string | number][]];

function emptyIndex(): IndexFile {
  return { context: "", checked: false, articles: new Map(), racy: new Set(), images: new Map(), held: new Map() };
}

// The line each settled article entry was read from, so that writing the entry again copies it.
const lines = new WeakMap<ArticleEntry, Buffer>();

// The index at `path`, or `undefined` when it is missing, unreadable or of another version.
function readIndex(path: string): IndexFile | undefined {
  const index = emptyIndex();
  try {
    const bytes = readFileSync(path);
    for (let start = 0; start < bytes.length; ) {
      const end = bytes.indexOf(10, start);
      const stop = end < 0 ? bytes.length : end;
      const line = JSON.parse(bytes.toString("utf8", start, stop)) as Line;
      if (line[0] === HEADER) {
        if (line[1] !== VERSION || line[2] !== codeHash()) return undefined;
        index.context = line[3];
        index.checked = line[4];
      } else if (line[0] === "end") {
        const counts = [index.articles.size, index.images.size, index.held.size];
        return line.slice(1).every((n, i) => n === counts[i]) ? index : undefined;
      } else if (line[0] === "article") {
        index.articles.set(line[1], line[2]);
        lines.set(line[2], bytes.subarray(start, stop + 1));
      } else if (line[0] === "racy article") {
        index.articles.set(line[1], line[2]);
        index.racy.add(line[1]);
      } else if (line[0] === "image") index.images.set(line[1], line[2]);
      else if (line[0] === "held")
        index.held.set(line[1], { store: line[2], revision: line[3], change: line[4], articles: {}, media: {} });
      else if (line[0] === "held articles" || line[0] === "held media") {
        const held = index.held.get(line[1]);
        const names: Record<string, string | number> | undefined =
          held && (line[0] === "held articles" ? held.articles : held.media);
        if (names) for (const [name, value] of line[2]) names[name] = value;
      }
      start = stop + 1;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function writeIndex(path: string, index: IndexFile): void {
  const fd = openSync(path, "w");
  try {
    const chunks: Buffer[] = [];
    const flush = () => {
      writevSync(fd, chunks);
      chunks.length = 0;
    };
    const put = (bytes: Buffer) => {
      if (chunks.push(bytes) === WRITE_LINES) flush();
    };
    const write = (line: Line) => put(Buffer.from(`${JSON.stringify(line)}\n`));
    write([HEADER, VERSION, codeHash(), index.context, index.checked]);
    for (const [path, entry] of index.articles) {
      const racy = index.racy.has(path);
      const read = racy ? undefined : lines.get(entry);
      if (read) put(read);
      else write([racy ? "racy article" : "article", path, entry]);
    }
    for (const [src, entry] of index.images) write(["image", src, entry]);
    for (const [origin, held] of index.held) {
      write(["held", origin, held.store, held.revision, held.change]);
      for (const [what, names] of [
        ["held articles", held.articles],
        ["held media", held.media],
      ] as const) {
        const entries = Object.entries(names);
        for (let i = 0; i < entries.length; i += LINE_NAMES) {
          write([what, origin, entries.slice(i, i + LINE_NAMES)]);
        }
      }
    }
    write(["end", index.articles.size, index.images.size, index.held.size]);
    flush();
  } finally {
    closeSync(fd);
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
