import { html } from "hono/html";
import type { GoneDocument } from "../content/model.ts";
import { articleUrl } from "../content/urls.ts";
import { renderPage } from "./layout.ts";

/**
 * The notice at `/articles/{slug}` of a story taken down: that it was removed, in Hindi and
 * English, the reason when one was given, and the way to the rest of the site; nothing of the
 * story itself. Search engines are asked not to index it.
 */
export function renderGonePage({ site, gone }: GoneDocument, slug: string): Promise<string> {
  return renderPage({
    site,
    title: `हटाई गई ख़बर / Story removed — ${site.title}`,
    description: "यह ख़बर हटा दी गई है। This story has been removed.",
    canonical: articleUrl(site, slug),
    feedDir: "",
    head: html`<meta name="robots" content="noindex">`,
    body: html`<article class="gone">
<h1>यह ख़बर हटा दी गई है</h1>
<p lang="en">This story has been removed and is no longer available.</p>
${gone.reason ? html`<p class="reason">कारण / Reason: ${gone.reason}</p>` : ""}
<p><a href="${site.baseUrl}/">मुख्य पृष्ठ पर जाएँ / Go to the home page</a></p>
</article>`,
  });
}
