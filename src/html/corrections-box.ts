import { html } from "hono/html";
import { hindiDate } from "../content/hindi-date.ts";
import type { Correction } from "../content/model.ts";
import type { Fragment } from "./layout.ts";

/**
 * The article's corrections, under its headline: a complementary landmark named by its heading
 * ("सुधार", with the English word), each correction with its date in Hindi and its text.
 */
export function correctionsBox(corrections: readonly Correction[] | undefined): Fragment | string {
  if (corrections === undefined || corrections.length === 0) return "";
  const english = corrections.length === 1 ? "Correction" : "Corrections";
  return html`<aside class="corrections" aria-labelledby="corrections-heading">
<h2 id="corrections-heading">सुधार <span class="en" lang="en">${english}</span></h2>
${corrections.map((c) => html`<p><time datetime="${c.date}">${hindiDate(c.date)}</time>: ${c.text}</p>`)}
</aside>`;
}

/** The corrections as schema.org `correction`: one `CorrectionComment` each. */
export function correctionComments(corrections: readonly Correction[]): Record<string, string>[] {
  return corrections.map((c) => ({ "@type": "CorrectionComment", text: c.text, datePublished: c.date }));
}
