import { FEED_FILES } from "../content/urls.ts";

// Topic URLs a hub is told about in one request.
const URLS_PER_REQUEST = 100;
// How long a hub may take to answer one request before the writer tries it again later.
const HUB_TIMEOUT_MS = 10_000;

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
 * `hub.url`), in batches. Throws, saying why in one line, when the hub refuses, cannot be reached or
 * does not answer within `timeoutMs`.
 * @see https://www.w3.org/TR/websub/#publishing
 */
export async function notifyHub(hub: string, urls: readonly string[], timeoutMs = HUB_TIMEOUT_MS): Promise<void> {
  for (let i = 0; i < urls.length; i += URLS_PER_REQUEST) {
    const body = new URLSearchParams([["hub.mode", "publish"]]);
    for (const url of urls.slice(i, i + URLS_PER_REQUEST)) body.append("hub.url", url);
    let response: Response;
    try {
      response = await fetch(hub, { method: "POST", body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
      const reason =
        (error as Error).name === "TimeoutError"
          ? `did not answer within ${timeoutMs / 1000} s`
          : `could not be reached (${cause ?? (error as Error).message})`;
      throw new Error(`the hub ${hub} ${reason}`);
    }
    if (!response.ok) throw new Error(`the hub ${hub} answered ${response.status} ${response.statusText}`);
  }
}
