import type { Dirent } from "node:fs";
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { MAX_SOURCE_BYTES, overLimit } from "../../../src/content/limits.ts";
import type { Problems } from "../../../src/content/problems.ts";
import { display } from "./problems.ts";

const SYMBOLIC_LINK = "is a symbolic link, which is not followed; replace it by the file or folder it points to";

/**
 * Whether `path` is a symbolic link, which content never follows; if so, a problem names it. A
 * path that does not exist is no link.
 */
export function refusedLink(path: string, problems: Problems): boolean {
  let link: boolean;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
  if (link) problems.add(display(path), "-", SYMBOLIC_LINK);
  return link;
}

/**
 * Every article file below `dir` (sub-folders included), sorted. Every other entry is a problem
 * that says what to do, so that no file is silently left out: another extension, a symbolic
 * link (never followed), anything that is not a regular file or a folder, a folder that cannot
 * be read.
 */
export async function articleFiles(dir: string, problems: Problems): Promise<string[]> {
  if (refusedLink(dir, problems)) return [];
  const files: string[] = [];
  const folders = [dir];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.add(display(folder), "-", `cannot be read (${(error as Error).message}); check its permissions`);
      continue;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) folders.push(path);
      else if (entry.isFile() && entry.name.endsWith(".md")) files.push(path);
      else problems.add(display(path), "-", entryProblem(entry));
    }
  }
  return files.sort();
}

/**
 * Reads a content file as UTF-8 text. A file that is a symbolic link or no regular file, is larger
 * than `MAX_SOURCE_BYTES`, cannot be read or is not valid UTF-8 is a problem, and gives `undefined`.
 */
export async function readSource(file: string, problems: Problems): Promise<string | undefined> {
  const fail = (message: string): undefined => {
    problems.add(display(file), "-", message);
    return undefined;
  };
  try {
    const read = readRegularFile(file, MAX_SOURCE_BYTES);
    if ("bytes" in read) return new TextDecoder("utf-8", { fatal: true }).decode(read.bytes);
    return fail("over" in read ? `is ${read.over}` : "is not a regular file");
  } catch (error) {
    if (error instanceof TypeError) return fail("is not valid UTF-8");
    if ((error as NodeJS.ErrnoException).code === "ELOOP") return fail(SYMBOLIC_LINK);
    return fail(`cannot be read: ${(error as Error).message}`);
  }
}

/**
 * The bytes of a regular file of at most `limit` bytes; else that it is no regular file, or how
 * far over the limit it is (see `overLimit`). It reads synchronously: content files are small,
 * and thousands of them read faster so than through the thread pool; opening without blocking
 * keeps a named pipe from stalling it. Throws what the file system throws, ELOOP for a symbolic
 * link, which it never follows.
 */
export function readRegularFile(
  path: string,
  limit: number,
): { bytes: Buffer } | { notRegular: true } | { over: string } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { notRegular: true };
    const over = overLimit(stats.size, limit);
    return over ? { over } : { bytes: readFileSync(fd) };
  } finally {
    closeSync(fd);
  }
}

function entryProblem(entry: Dirent): string {
  if (entry.isSymbolicLink()) return SYMBOLIC_LINK;
  if (!entry.isFile()) return `is not a regular file or a folder (${kind(entry)}); remove it`;
  const markdown = /^(.*)\.(?:md|markdown|mdown|mkdn?)$/i.exec(entry.name);
  if (markdown) return `is not read: article files must end in ".md"; rename it to ${markdown[1]}.md`;
  return 'is not an article: only ".md" files belong under articles/; rename it to .md or move it elsewhere';
}

function kind(entry: Dirent): string {
  if (entry.isFIFO()) return "a named pipe";
  if (entry.isSocket()) return "a socket";
  return "a device";
}
