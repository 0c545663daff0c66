import { isAbsolute, normalize, sep } from "node:path";

/** A path as editors see it: relative to the working directory when inside it. */
export function display(file: string): string {
  const cwd = process.cwd();
  const inside = cwd.endsWith(sep) ? cwd : `${cwd}${sep}`;
  const normal = normalize(file);
  const path = normal.length > 1 && normal.endsWith(sep) ? normal.slice(0, -1) : normal;
  const shown = isAbsolute(path) ? (path.startsWith(inside) ? path.slice(inside.length) : "") : path;
  return shown && shown !== "." && shown !== ".." && !shown.startsWith(`..${sep}`) ? shown : file;
}
