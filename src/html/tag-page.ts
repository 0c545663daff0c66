import { html } from "hono/html";
import type { FeedPage } from "../content/model.ts";
import { renderFeedListPage } from "./feed-list-page.ts";

/** `/tags/{tag}`: the newest articles of one tag and that tag's three feeds. */
export function renderTagPage(page: FeedPage): Promise<string> {
  return renderFeedListPage(page, html`<h1>टैग: ${page.tag ?? page.title}</h1>`);
}
