import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { MAX_YAML_BYTES, MAX_YAML_DEPTH, overLimit, utf8Bytes } from "../../../src/content/limits.ts";
import type { Problems } from "../../../src/content/problems.ts";

/**
 * Parses YAML that must be a mapping of field: value (`site.yaml`, or front matter starting on
 * line `firstLine` of `file`). Every problem is recorded, each naming its line, and the mapping is
 * returned only when there is none: YAML over `MAX_YAML_BYTES`, syntax errors, aliases (so no
 * alias can multiply the document), nesting deeper than `MAX_YAML_DEPTH`, keys that are not plain
 * text and keys given twice.
 */
export function readYaml(
  text: string,
  file: string,
  problems: Problems,
  firstLine = 1,
): Record<string, unknown> | undefined {
  const over = overLimit(utf8Bytes(text), MAX_YAML_BYTES);
  if (over) {
    problems.add(file, "-", `the YAML is ${over}`);
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, lineCounter: lines });
  const line = (offset: number) => lines.linePos(offset).line + firstLine - 1;
  for (const error of doc.errors) {
    const message = /call stack/i.test(error.message) ? "is nested too deeply" : error.message.split("\n")[0];
    problems.add(file, "-", `YAML: ${message} (line ${line(error.pos[0])})`);
  }
  if (doc.errors.length > 0) return undefined;
  if (!isMap(doc.contents)) {
    problems.add(file, "-", "YAML must be a mapping of field: value");
    return undefined;
  }
  const found = structureProblems(doc.contents, line);
  for (const { field, message } of found) problems.add(file, field, message);
  return found.length > 0 ? undefined : (doc.toJS() as Record<string, unknown>);
}

interface StructureProblem {
  field: string;
  message: string;
}

// Walks the parsed nodes once, in document order, without following aliases: linear in the YAML's size.
function structureProblems(root: Node, line: (offset: number) => number): StructureProblem[] {
  const found: StructureProblem[] = [];
  const pending: { node: unknown; path: string; depth: number }[] = [{ node: root, path: "", depth: 1 }];
  for (let i = 0; i < pending.length; i++) {
    const { node, path, depth } = pending[i] as (typeof pending)[number];
    const field = path || "-";
    if (isAlias(node)) {
      found.push({
        field,
        message: `uses the YAML alias *${node.source} (line ${line(offset(node))}); write the value out`,
      });
    } else if ((isMap(node) || isSeq(node)) && depth > MAX_YAML_DEPTH) {
      found.push({ field, message: `is nested more than ${MAX_YAML_DEPTH} levels deep (line ${line(offset(node))})` });
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries())
        pending.push({ node: item, path: `${path}[${i}]`, depth: depth + 1 });
    } else if (isMap(node)) {
      const firstLines = new Map<string, number>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) {
          found.push({ field, message: "has a key that is not plain text; write keys as plain words" });
          continue;
        }
        const name = String(pair.key.value);
        const keyPath = path ? `${path}.${name}` : name;
        const first = firstLines.get(name);
        const at = line(offset(pair.key));
        if (first === undefined) firstLines.set(name, at);
        else found.push({ field: keyPath, message: `is given again on line ${at} (first on line ${first}); keep one` });
        pending.push({ node: pair.value, path: keyPath, depth: depth + 1 });
      }
    }
  }
  return found;
}

function offset(node: Node): number {
  return node.range?.[0] ?? 0;
}
