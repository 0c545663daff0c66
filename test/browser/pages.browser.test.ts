/// <reference lib="dom" />
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyContent, publishCopy, tempDir } from "../node/helpers.ts";
import { serviceFor, stopService } from "../node/service.ts";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = join("test-results", "screenshots");
const TITLE = "व्हाट्सएप ने कहा- जासूसी मामले में की कड़ी कार्रवाई, भारत सरकार के रुख का करते हैं समर्थन";
const CORRECTION = "पहले संस्करण में मुकदमे की तारीख़ 30 अक्टूबर लिखी थी; सही तारीख़ 29 अक्टूबर है।";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing; .ci/run installs it`);
if (!haveChromium) console.warn(`Skipping browser tests: ${CHROMIUM} is not installed (apt-get install chromium).`);

let dir: Awaited<ReturnType<typeof tempDir>>;
let persist: string;
let browser: Browser;
const WITHDRAWN = "अदालत के आदेश पर हटाई गई";
let origin: string;

beforeAll(async () => {
  if (!haveChromium) return;
  dir = await tempDir();
  const content = await copyContent(dir.path);
  const seed = join(content, "articles/whatsapp-pegasus-spying-action.md");
  const corrected = (await readFile(seed, "utf8")).replace(
    "published: 2019-11-01T19:18:00+05:30\n",
    "published: 2019-11-01T19:18:00+05:30\nupdated: 2019-11-02T09:30:00+05:30\n" +
      `corrections:\n  - date: 2019-11-02T09:30:00+05:30\n    text: ${CORRECTION}\n`,
  );
  await writeFile(seed, corrected);
  await writeFile(
    join(content, "articles/withdrawn-story.md"),
    `---\ntitle: हटाई गई ख़बर\nsummary: सार।\nbyline: डिजिटल डेस्क\ndateline: भोपाल\npublished: 2019-11-03T10:00:00+05:30\ntags: [अदालत]\nwithdrawn: ${WITHDRAWN}\n---\n\nपाठ।\n`,
  );
  persist = join(dir.path, "state");
  origin = await serviceFor(persist);
  expect((await publishCopy({ content, persist }, "--base-url", origin)).code).toBe(0);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  if (persist) await stopService(persist);
  await dir?.cleanup();
});

describe.skipIf(!haveChromium)("in headless Chromium", () => {
  it.each([
    ["home", "/"],
    ["article", "/articles/whatsapp-pegasus-spying-action"],
    ["feed-preview", "/rss.xml"],
    ["author", "/authors/digital-desk"],
    ["section", "/sections/tech"],
  ])("the %s page shows the Hindi title and the three autodiscovery links", async (name, path) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: "light" });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const response = await page.goto(`${origin}${path}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-type"]).toBe("text/html; charset=utf-8");
    await expect.poll(() => page.getByText(TITLE).first().isVisible()).toBe(true);
    expect(await page.locator("html").getAttribute("lang")).toBe("hi");
    const alternates = await page
      .locator('link[rel="alternate"]')
      .evaluateAll((links) => links.map((l) => [l.getAttribute("type"), l.getAttribute("href")]));
    expect(alternates.map(([type]) => type)).toEqual([
      "application/rss+xml",
      "application/atom+xml",
      "application/feed+json",
    ]);
    expect(alternates.every(([, href]) => href?.startsWith(`${origin}/`))).toBe(true);
    const fontSize = await page.locator("body").evaluate((body) => getComputedStyle(body).fontSize);
    expect(fontSize).toBe("18px");
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    await page.close();
  });

  it("loads the article's lead image from the media bucket (srcset picks the large rendition on a wide screen)", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}/articles/whatsapp-pegasus-spying-action`);
    const lead = page.locator("figure.lead img");
    await expect.poll(() => lead.evaluate((img: HTMLImageElement) => img.complete)).toBe(true);
    const loaded = await lead.evaluate((img: HTMLImageElement) => ({
      src: img.currentSrc,
      naturalWidth: img.naturalWidth,
      naturalHeight: img.naturalHeight,
    }));
    expect(loaded.src.startsWith(`${origin}/media/`)).toBe(true);
    expect(loaded.src.slice(origin.length)).toMatch(/^\/media\/[0-9a-f]{24}-1600x900\.jpeg$/);
    expect(loaded.naturalWidth).toBeGreaterThan(0);
    expect(loaded.naturalWidth * 900).toBe(loaded.naturalHeight * 1600);
    await page.close();
  });

  it("shows the article's correction under the headline, above the lead image, as a named landmark", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${origin}/articles/whatsapp-pegasus-spying-action`);
    const box = page.getByRole("complementary", { name: "सुधार Correction" });
    await expect.poll(() => box.isVisible()).toBe(true);
    expect(await box.textContent()).toContain(`2 नवंबर 2019 को सुबह 9:30 बजे IST: ${CORRECTION}`);
    const top = async (selector: string) => (await page.locator(selector).boundingBox())?.y ?? Number.NaN;
    const [headline, corrections, lead] = await Promise.all([top("h1"), top("aside"), top("figure.lead")]);
    expect(headline).toBeLessThan(corrections);
    expect(corrections).toBeLessThan(lead);
    await box.screenshot({ path: join(SCREENSHOTS, "article-correction.png") });
    await page.close();
  });

  it("shows the notice of a story taken down, answered 410, with its reason", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const response = await page.goto(`${origin}/articles/withdrawn-story`);
    expect(response?.status()).toBe(410);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("यह ख़बर हटा दी गई है");
    expect(await page.locator("main").textContent()).toContain(`कारण / Reason: ${WITHDRAWN}`);
    await page.screenshot({ path: join(SCREENSHOTS, "gone.png") });
    await page.close();
  });

  it("follows the system's dark mode", async () => {
    const page = await browser.newPage({ colorScheme: "dark" });
    await page.goto(`${origin}/articles/whatsapp-pegasus-spying-action`);
    const background = await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
    expect(background).toBe("rgb(22, 21, 20)");
    await page.screenshot({ path: join(SCREENSHOTS, "article-dark.png") });
    await page.close();
  });
});
