/**
 * A copy of `value` (JSON data) whose strings hold no reference to the text they were cut from.
 * V8 keeps a whole string alive for any slice of it, so a slug or an image path read from an
 * article file would otherwise keep the file's whole text in memory for as long as it is kept.
 */
export function detached<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
