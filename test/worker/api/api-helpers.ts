import { vi } from "vitest";
import { clearKv, request } from "../helpers.ts";

/** The publish tokens the test pool binds (see vitest.config.ts). */
export const TOKENS = { publish: "test-publish-token-0123456789", cms: "test-cms-token-0123456789abcdef" };

/** The site settings as the API takes them: site.yaml's keys, served from the tests' origin. */
export const SITE_INPUT = {
  title: "पत्रिका",
  description: "हिंदी समाचार — ताज़ा ख़बरें RSS, Atom और JSON Feed में",
  base_url: "http://localhost:8787",
  language: "hi",
  publisher: "पत्रिका समाचार डेस्क",
  rights: "© 2019–2026 पत्रिका। सर्वाधिकार सुरक्षित।",
  items_per_feed: 50,
  tagging_entity: "patrika.example,2019",
};

/** A story as the API takes it: front-matter keys, and the body as Markdown. */
export function storyInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "संसद में नया विधेयक पेश",
    summary: "सरकार ने संसद में डेटा सुरक्षा पर नया विधेयक पेश किया।",
    byline: "डिजिटल डेस्क",
    dateline: "नई दिल्ली",
    published: "2026-12-01T10:00:00+05:30",
    tags: ["संसद", "निजता"],
    body: "पहला अनुच्छेद, [स्रोत](/sources) के साथ।\n\nदूसरा अनुच्छेद।",
    ...overrides,
  };
}

/** Sends a request to the ingest API with a publish token (`token`, or none when null). */
export function api(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = TOKENS.cms,
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof Uint8Array || typeof body === "string") payload = body as BodyInit;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["Content-Type"] = "application/json";
  }
  return request(`/api/v1${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
}

/**
 * The header of a PNG of `width`×`height`, followed by `padding` zero bytes (so that two files of
 * one name can differ in size): enough for the writer to tell its type and size.
 */
export function pngHeader(width: number, height: number, padding = 0): Uint8Array {
  return new Uint8Array([
    ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
    ...[0, 0, width >> 8, width & 255, 0, 0, height >> 8, height & 255, 8, 6, 0, 0, 0],
    ...new Array<number>(padding).fill(0),
  ]);
}

// A day from now in real time, so that the writer's real alarm never fires by itself during a test.
const A_DAY_AHEAD = Date.now() + 86_400_000;

/** Starts a test on a driven clock a day ahead, with KV empty and the site settings sent. */
export async function siteOnDrivenClock(): Promise<void> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(A_DAY_AHEAD);
  await clearKv();
  await api("PUT", "/site", SITE_INPUT);
}
