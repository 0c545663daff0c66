import { FEED_FILES } from "../../src/content/urls.ts";

// Topic URLs a hub is told about in one request.
const URLS_PER_REQUEST = 100;

/**
 * The feed URLs (all three formats) of every feed document whose page a publish wrote, from
 * the written keys: `feed:/tags/x` → `{baseUrl}/tags/x/rss.xml`, … .
 */
export function changedFeedUrls(baseUrl: string, writtenKeys: readonly string[]): string[] {
  return writtenKeys
    .filter((key) => key.startsWith("feed:"))
    .map((key) => key.slice("feed:".length).replace(/\/$/, ""))
    .flatMap((dir) => Object.values(FEED_FILES).map((file) => `${baseUrl}${dir}/${file}`));
}

/**
 * Tells a WebSub hub that these topic URLs have new content (`hub.mode=publish`, one or more
 * `hub.url`), in batches. Throws with the hub's status when it refuses.
 * @see https://www.w3.org/TR/websub/#publishing
 */
export async function notifyHub(hub: string, urls: readonly string[]): Promise<void> {
  for (let i = 0; i < urls.length; i += URLS_PER_REQUEST) {
    const body = new URLSearchParams([["hub.mode", "publish"]]);
    for (const url of urls.slice(i, i + URLS_PER_REQUEST)) body.append("hub.url", url);
    const response = await fetch(hub, { method: "POST", body });
    if (!response.ok) throw new Error(`the hub ${hub} answered ${response.status} ${response.statusText}`);
  }
}
