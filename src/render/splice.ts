/**
 * Checked edits of a document `feed` wrote, made while every text in it is still a sealed token
 * (see `sealer.ts`), so an anchor can only ever be `feed`'s own markup. Each edit throws when its
 * anchor is not exactly where `feed@6` puts it, so a change in `feed` fails loudly instead of
 * writing a broken document. Edits splice strings and never hand text to `String.replace`, whose
 * replacement patterns (`$&`, `$'`) would corrupt it.
 */

/** `feed` no longer writes what an edit expects. */
export class FeedOutputChanged extends Error {
  override name = "FeedOutputChanged";
}

/** Inserts `insertion` right after `anchor`, which must occur exactly once. */
export function insertAfter(text: string, anchor: string, insertion: string): string {
  const at = text.indexOf(anchor);
  if (at < 0 || text.indexOf(anchor, at + 1) >= 0) {
    throw new FeedOutputChanged(`expected "${anchor}" exactly once`);
  }
  const end = at + anchor.length;
  return text.slice(0, end) + insertion + text.slice(end);
}

/** Inserts `insertions[i]` before the i-th occurrence of `anchor`, which must occur once per insertion. */
export function insertBeforeEach(text: string, anchor: string, insertions: readonly string[]): string {
  const [head = "", ...rest] = text.split(anchor);
  if (rest.length !== insertions.length) {
    throw new FeedOutputChanged(`expected "${anchor}" ${insertions.length} times, found it ${rest.length} times`);
  }
  return head + rest.map((part, i) => `${insertions[i]}${anchor}${part}`).join("");
}

/** Replaces every match of the global `pattern` through `replace`; there must be exactly `count` matches. */
export function replaceEach(
  text: string,
  pattern: RegExp,
  count: number,
  replace: (match: string, ...groups: string[]) => string,
): string {
  let found = 0;
  const replaced = text.replace(pattern, (match: string, ...groups: string[]) => {
    found++;
    return replace(match, ...groups);
  });
  if (found !== count) throw new FeedOutputChanged(`expected ${count} matches of ${pattern}, found ${found}`);
  return replaced;
}
