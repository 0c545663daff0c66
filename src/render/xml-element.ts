import type { Extension } from "feed";
import { escapeXml } from "./escape.ts";

/**
 * An element `feed` cannot write by itself, described once and written two ways: as an RSS item
 * extension for `feed` to write, or as text for the places `feed` has no extensions for (Atom).
 * Text values are normally sealed tokens; both ways escape them where they land.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string | number>;
  text?: string;
  children?: XmlElement[];
}

/** The element as a `feed` extension (xml-js compact form). */
export function toExtension(element: XmlElement): Extension {
  return { name: element.name, objects: compact(element) };
}

/** The element as XML text, indented by `indent` and its children by four more spaces. */
export function writeXml(element: XmlElement, indent: string): string {
  const { name, attributes, text, children = [] } = element;
  const start = `${indent}<${name}${Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join("")}`;
  if (text !== undefined) return `${start}>${escapeXml(text)}</${name}>`;
  if (children.length === 0) return `${start}/>`;
  return [`${start}>`, ...children.map((child) => writeXml(child, `${indent}    `)), `${indent}</${name}>`].join("\n");
}

function compact(element: XmlElement): Record<string, unknown> {
  const children = Object.groupBy(element.children ?? [], (child) => child.name);
  return {
    _attributes: element.attributes,
    ...(element.text === undefined ? {} : { _text: element.text }),
    ...Object.fromEntries(Object.entries(children).map(([name, list = []]) => [name, list.map(compact)])),
  };
}
