import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { inParallel } from "./lib/parallel.ts";

const USAGE = `Usage: npm run content:synthetic -- --count N --out DIR [--tags T] [--seed S]

Writes N realistic Hindi articles (varied length, 1–8 tags from a pool of T tags,
dates spread over years with IST offsets, by desks and reporters, a lead image on
about a third of them), a site.yaml with the site's icon and logo and an authors.yaml
into DIR, replacing what DIR held. The same seed always gives the same content,
images included.`;

const { values } = parseArgs({
  options: {
    count: { type: "string" },
    out: { type: "string" },
    tags: { type: "string", default: "500" },
    seed: { type: "string", default: "1" },
    help: { type: "boolean", default: false },
  },
});
const count = Number(values.count);
const tagCount = Number(values.tags);
if (
  values.help ||
  !values.out ||
  !Number.isInteger(count) ||
  count < 1 ||
  !Number.isInteger(tagCount) ||
  tagCount < 8
) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const PLACES = [
  "नई दिल्ली",
  "मुंबई",
  "कोलकाता",
  "चेन्नई",
  "बेंगलुरु",
  "हैदराबाद",
  "लखनऊ",
  "पटना",
  "जयपुर",
  "भोपाल",
  "अहमदाबाद",
  "पुणे",
  "चंडीगढ़",
  "रांची",
  "रायपुर",
  "देहरादून",
  "शिमला",
  "श्रीनगर",
  "गुवाहाटी",
  "भुवनेश्वर",
  "वाराणसी",
  "प्रयागराज",
  "इंदौर",
  "नागपुर",
  "कानपुर",
];
const TOPICS = [
  "राजनीति",
  "चुनाव",
  "अर्थव्यवस्था",
  "शेयर बाज़ार",
  "क्रिकेट",
  "फ़ुटबॉल",
  "हॉकी",
  "शिक्षा",
  "स्वास्थ्य",
  "विज्ञान",
  "अंतरिक्ष",
  "तकनीक",
  "साइबर सुरक्षा",
  "निजता",
  "पर्यावरण",
  "मौसम",
  "कृषि",
  "रेलवे",
  "बजट",
  "न्यायपालिका",
  "संसद",
  "विदेश नीति",
  "रक्षा",
  "बॉलीवुड",
  "संगीत",
  "साहित्य",
  "पर्यटन",
  "महंगाई",
  "रोज़गार",
  "स्टार्टअप",
];
const NAMES = [
  "ISRO",
  "BCCI",
  "RBI",
  "NSO ग्रुप",
  "व्हाट्सएप",
  "पेगासस",
  "IPL",
  "UPSC",
  "NASA",
  "WHO",
  "G20",
  "UN",
  "AIIMS",
  "IIT",
  "GST",
  "UPI",
  "आधार",
  "चंद्रयान",
  "गगनयान",
  "वंदे भारत",
];
const OPENINGS = [
  "सूत्रों के मुताबिक",
  "एक आधिकारिक बयान में",
  "बता दें कि",
  "इससे पहले",
  "जानकारों का कहना है कि",
  "मामले की जानकारी रखने वाले अधिकारियों ने बताया कि",
  "स्थानीय लोगों के अनुसार",
];
const SUBJECTS = [
  "सरकार",
  "कंपनी",
  "मंत्रालय",
  "अदालत",
  "आयोग",
  "विपक्ष",
  "पुलिस",
  "विशेषज्ञों की समिति",
  "राज्य सरकार",
  "बोर्ड",
];
const CLAIMS = [
  "ने इस मामले में कड़ी कार्रवाई की है",
  "ने नई नीति की घोषणा की है",
  "ने जांच के आदेश दिए हैं",
  "ने लोगों से संयम बरतने की अपील की है",
  "ने रिपोर्ट पर अपनी प्रतिक्रिया दी है",
  "ने आंकड़े जारी किए हैं",
  "ने समय सीमा बढ़ा दी है",
  "ने इस फ़ैसले का स्वागत किया है",
];
const DETAILS = [
  "इससे लाखों नागरिकों पर असर पड़ेगा।",
  "अगली सुनवाई अगले महीने होगी।",
  "इस पर अंतिम फ़ैसला जल्द लिया जाएगा।",
  "विपक्ष ने इस कदम की आलोचना की है।",
  "विशेषज्ञ इसे एक बड़ा बदलाव मान रहे हैं।",
  "अधिकारियों ने अभी कोई टिप्पणी नहीं की है।",
  "इस योजना पर क़रीब 1,400 करोड़ रुपये ख़र्च होंगे।",
  "लोगों ने सोशल मीडिया पर अपनी राय रखी।",
];

const DESKS = [
  ["digital-desk", "डिजिटल डेस्क"],
  ["news-desk", "समाचार डेस्क"],
  ["sports-desk", "खेल डेस्क"],
  ["business-desk", "व्यापार डेस्क"],
] as const;
const FIRST_NAMES = [
  ["anuradha", "अनुराधा"],
  ["rahul", "राहुल"],
  ["sunita", "सुनीता"],
  ["imran", "इमरान"],
  ["meera", "मीरा"],
  ["vikas", "विकास"],
];
const LAST_NAMES = [
  ["sharma", "शर्मा"],
  ["khan", "ख़ान"],
  ["yadav", "यादव"],
  ["iyer", "अय्यर"],
];
// Reporters: every first name with every last name.
const REPORTERS = FIRST_NAMES.flatMap(([f, fh]) => LAST_NAMES.map(([l, lh]) => [`${f}-${l}`, `${fh} ${lh}`] as const));

// A small, fast, seedable PRNG (mulberry32), so the same seed gives the same content.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(Number(values.seed));
const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));

// A pool of distinct tags: topics, places and names, then place-topic pairs ("पटना शिक्षा").
function tagPool(size: number): string[] {
  const pool = new Set([...TOPICS, ...PLACES, ...NAMES]);
  for (const place of PLACES) for (const topic of TOPICS) pool.add(`${place} ${topic}`);
  return [...pool].slice(0, size);
}

// Tags weighted like real news: a few very common, a long tail of rare ones (Zipf, s = 1).
function tagPicker(pool: string[]): () => string {
  const weights = pool.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return () => {
    let r = next() * total;
    for (const [i, w] of weights.entries()) {
      r -= w;
      if (r <= 0) return pool[i] as string;
    }
    return pool[pool.length - 1] as string;
  };
}

function sentence(): string {
  return `${pick(OPENINGS)} ${pick(PLACES)} में ${pick(SUBJECTS)} ${pick(CLAIMS)}। ${pick(DETAILS)}`;
}

function paragraph(): string {
  return Array.from({ length: between(2, 5) }, sentence).join(" ");
}

// A moment between 2016 and November 2026, to the minute.
function moment(): number {
  const start = Date.UTC(2016, 0, 1);
  const end = Date.UTC(2026, 10, 1);
  return start + Math.floor(next() * ((end - start) / 60_000)) * 60_000;
}

// A moment written in IST, `+05:30`.
function ist(ms: number): string {
  return `${new Date(ms + 330 * 60_000).toISOString().slice(0, 19)}+05:30`;
}

const quote = (text: string) => JSON.stringify(text);

// Who wrote a story: a desk named by its byline (as older content does), a reporter, or a reporter and a desk.
function authorship(): string[] {
  const r = next();
  const desk = pick(DESKS);
  if (r < 0.3) return [`byline: ${quote(desk[1])}`];
  const reporter = pick(REPORTERS);
  return [`authors: [${r < 0.8 ? reporter[0] : `${reporter[0]}, ${desk[0]}`}]`];
}

// authors.yaml: the desks and the reporters.
function authorsYaml(): string {
  const desks = DESKS.map(([key, name]) => `${key}:\n  name: ${quote(name)}\n  desk: true\n`);
  const reporters = REPORTERS.map(
    ([key, name]) => `${key}:\n  name: ${quote(name)}\n  bio: ${quote(`${name} पत्रिका के संवाददाता हैं।`)}\n`,
  );
  return [...desks, ...reporters].join("");
}

/** A generated lead image: its size, format, and the few pixels it is smoothly scaled up from. */
interface ImageSpec {
  src: string;
  width: number;
  height: number;
  png: boolean;
  pixels: number[];
}

// Lead images of photo proportions, mostly at least 1,200 px wide (as partners want), one in
// seven narrower (a warning, not a problem), one in twenty a PNG with transparency.
function imageSpec(n: number): ImageSpec {
  const narrow = next() < 1 / 7;
  const width = narrow ? between(6, 11) * 100 : between(12, 18) * 100;
  const height = Math.max(400, Math.round(width * pick([9 / 16, 2 / 3, 3 / 4])));
  const png = next() < 0.05;
  const pixels = Array.from({ length: SEED_PIXELS * (png ? 4 : 3) }, () => Math.floor(next() * 256));
  return { src: `media/synthetic/${n}.${png ? "png" : "jpg"}`, width, height, png, pixels };
}

// Pixels (4 × 3) a generated image is scaled up from: enough for soft colour fields that encode small.
const SEED_PIXELS = 12;

async function writeImage(spec: ImageSpec): Promise<void> {
  const channels = spec.png ? 4 : 3;
  const image = sharp(Uint8Array.from(spec.pixels), { raw: { width: 4, height: 3, channels } }).resize(
    spec.width,
    spec.height,
    { fit: "fill", kernel: "cubic" },
  );
  await (spec.png ? image.png() : image.jpeg({ quality: 70 })).toFile(join(out, spec.src));
}

function imageFields(spec: ImageSpec, place: string): string[] {
  return [
    "image:",
    `  src: ${spec.src}`,
    `  alt: ${quote(`${place} की एक तस्वीर: रंगों के धुंधले धब्बे`)}`,
    ...(next() < 0.7 ? [`  caption: ${quote(sentence())}`] : []),
    `  credit: ${quote(pick(["फ़ोटो: पत्रिका", "फ़ोटो: एजेंसी", "पत्रिका ग्राफ़िक्स"]))}`,
  ];
}

function article(n: number, pickTag: () => string, image: ImageSpec | undefined): string {
  const place = pick(PLACES);
  const topic = pick(TOPICS);
  const tags = new Set(Array.from({ length: between(1, 8) }, pickTag));
  const published = moment();
  const body = Array.from({ length: between(2, 8) }, paragraph).join("\n\n");
  return [
    "---",
    `title: ${quote(`${place}: ${topic} पर ${pick(SUBJECTS)} ${pick(CLAIMS)} (${n})`)}`,
    `title_en: ${quote(`Synthetic story ${n}`)}`,
    `summary: ${quote(sentence())}`,
    ...authorship(),
    `dateline: ${quote(place)}`,
    `published: ${ist(published)}`,
    ...(next() < 0.2 ? [`updated: ${ist(published + between(1, 48) * 3_600_000)}`] : []),
    ...(image ? imageFields(image, place) : []),
    "tags:",
    ...[...tags].map((tag) => `  - ${quote(tag)}`),
    "---",
    "",
    body,
    "",
  ].join("\n");
}

// Images written at once: sharp works on its own threads.
const IMAGE_CONCURRENCY = 4;

const out = values.out;
const articles = join(out, "articles");
await rm(articles, { recursive: true, force: true });
await rm(join(out, "media"), { recursive: true, force: true });
await mkdir(articles, { recursive: true });
await mkdir(join(out, "media", "synthetic"), { recursive: true });
await cp(join("content", "media", "site"), join(out, "media", "site"), { recursive: true });
const site = (await readFile(join("content", "site.yaml"), "utf8")).replace(/^title: .*$/m, "title: पत्रिका (सिंथेटिक)");
await writeFile(join(out, "site.yaml"), site);
await writeFile(join(out, "authors.yaml"), authorsYaml());
const pickTag = tagPicker(tagPool(tagCount));
const digits = String(count).length;
const images: ImageSpec[] = [];
for (let n = 1; n <= count; n++) {
  const image = next() < 1 / 3 ? imageSpec(n) : undefined;
  if (image) images.push(image);
  await writeFile(join(articles, `synthetic-${String(n).padStart(digits, "0")}.md`), article(n, pickTag, image));
}
await inParallel(images, IMAGE_CONCURRENCY, writeImage);
console.log(`Wrote ${count} synthetic article(s), ${images.length} image(s), site.yaml and authors.yaml to ${out}.`);
