import type { MiddlewareHandler } from "hono";
import { plainError } from "./plain-error.ts";

// Longest URL served; longer ones get 414. Feed URLs, even per tag, are far shorter.
const MAX_URL_LENGTH = 2048;

/**
 * Refuses requests no route could serve before routing sees them: an over-long URL (414), a path
 * whose percent-encoding is malformed or not UTF-8, or that decodes to control characters (400).
 */
export function requestGuard(): MiddlewareHandler {
  return async function requestGuard(c, next) {
    if (c.req.url.length > MAX_URL_LENGTH) {
      return plainError(c, 414, "पता बहुत लंबा है।", `URI too long (more than ${MAX_URL_LENGTH} characters).`);
    }
    const problem = pathProblem(rawPath(c.req.url));
    if (problem) return plainError(c, 400, "पता ठीक से नहीं लिखा गया है।", `Bad request: ${problem}.`);
    await next();
  };
}

// The path of a serialised URL, still percent-encoded: from the first "/" after the authority to "?" or "#".
function rawPath(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const end = url.search(/[?#]/);
  return start === -1 ? "/" : url.slice(start, end === -1 ? undefined : end);
}

// The runtime percent-encodes control characters in a request's URL, so only an escape can hide one.
function pathProblem(raw: string): string | undefined {
  if (!raw.includes("%")) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return "the path has malformed percent-encoding or is not UTF-8";
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return /[\u0000-\u001f\u007f]/.test(path) ? "the path contains control characters" : undefined;
}
