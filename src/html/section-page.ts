import { html } from "hono/html";
import type { FeedPage } from "../content/model.ts";
import { renderFeedListPage } from "./feed-list-page.ts";

/** `/sections/{key}`: the newest articles of one section and that section's three feeds. */
export function renderSectionPage(page: FeedPage): Promise<string> {
  const { section } = page;
  return renderFeedListPage(
    page,
    html`<h1>${section?.name ?? page.title}</h1>
${section?.nameEn ? html`<p class="en" lang="en">${section.nameEn}</p>` : ""}`,
  );
}
