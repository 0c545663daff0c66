import { isAbsolute, relative } from "node:path";

/** A path as editors see it: relative to the working directory when inside it. */
export function display(file: string): string {
  const path = relative(process.cwd(), file);
  return path && !path.startsWith("..") && !isAbsolute(path) ? path : file;
}
