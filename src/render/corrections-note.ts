import { hindiDay } from "../content/hindi-date.ts";
import type { Correction } from "../content/model.ts";
import { escapeHtml } from "./escape.ts";

/**
 * The corrections as the end of an article's full content in every feed format, for readers
 * that show only the content: one paragraph each, "सुधार (its day in Hindi): text".
 */
export function correctionsNote(corrections: readonly Correction[] | undefined): string {
  return (corrections ?? [])
    .map((c) => `<p><strong>सुधार (${escapeHtml(hindiDay(c.date))}):</strong> ${escapeHtml(c.text)}</p>\n`)
    .join("");
}
