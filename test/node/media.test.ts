import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import sharp, { type Sharp } from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import type { ArticleDocument, ImageFile } from "../../src/content/model.ts";
import {
  contentCopy,
  freshPublish,
  publishCopy,
  readLocalState,
  runPublish,
  type State,
  writeLocalMedia,
} from "./helpers.ts";

const BASE = "https://patrika.example";
const HTTPS_IMAGE = "https://images.example.org/2019/11/pegasus.jpg";
let content: string;
let persist: string;

beforeEach(async ({ onTestFinished }) => {
  ({ content, persist } = await contentCopy(onTestFinished));
});

const publish = (...extra: string[]) => publishCopy({ content, persist }, ...extra);
const media = (stdout: string) =>
  /(\d+) media file\(s\) uploaded, (\d+) deleted, (\d+) unchanged/.exec(stdout)?.slice(1);

/** Writes an image made with sharp under content/. */
async function image(
  path: string,
  size: { width: number; height: number; alpha?: boolean; colour?: string },
  encode: (image: Sharp) => Sharp = (i) => i.jpeg(),
): Promise<void> {
  const file = join(content, path);
  await mkdir(dirname(file), { recursive: true });
  const channels = size.alpha ? 4 : 3;
  const background = size.colour ?? (size.alpha ? "#c0392b80" : "#2e86c1");
  await encode(sharp({ create: { width: size.width, height: size.height, channels, background } })).toFile(file);
}

/** Writes an article whose front matter carries `image` (YAML lines, indented below `image:`). */
async function article(slug: string, imageLines: string[] | undefined, day = 2): Promise<void> {
  await writeFile(
    join(content, "articles", `${slug}.md`),
    [
      "---",
      `title: लेख ${slug}`,
      "summary: सार",
      "byline: डिजिटल डेस्क",
      "dateline: नई दिल्ली",
      `published: 2019-11-0${day}T10:00:00+05:30`,
      "tags: [निजता]",
      ...(imageLines ? ["image:", ...imageLines.map((line) => `  ${line}`)] : []),
      "---",
      "",
      "पाठ।",
      "",
    ].join("\n"),
  );
}

/** Every image file the published KV values name: each article's renditions and authors' avatars, the site's icon and logo. */
function namedFiles(state: State): Map<string, ImageFile> {
  const files = new Map<string, ImageFile>();
  for (const [key, { value }] of state.kv) {
    if (!key.startsWith("article:")) continue;
    const { site, article } = JSON.parse(value) as ArticleDocument;
    const all = [...(site.icon ?? []), ...(site.logo ? [site.logo] : [])];
    if (article.image) all.push(article.image.large, article.image.small);
    for (const author of article.authors ?? []) if (author.avatar) all.push(author.avatar);
    for (const file of all) files.set(file.url, file);
  }
  return files;
}

function articleImage(state: State, slug: string) {
  return (JSON.parse(state.kv.get(`article:${slug}`)?.value ?? "{}") as ArticleDocument).article.image;
}

describe("lead images and the site's icon and logo", () => {
  it("publishes a local and an https image: KV carries absolute URLs and true sizes, R2 exactly the renditions", async () => {
    const rotated = (i: Sharp) =>
      i
        .jpeg()
        .withExif({ IFD0: { Copyright: "Secret Agency" } })
        .withMetadata({ orientation: 6 });
    await image("media/2020/rotated.jpg", { width: 1600, height: 1200 }, rotated);
    await image("media/2020/overlay.png", { width: 2400, height: 1600, alpha: true }, (i) => i.png());
    await article("rotated", ["src: media/2020/rotated.jpg", "alt: घुमाया हुआ चित्र"], 3);
    await article("overlay", ["src: media/2020/overlay.png", "alt: पारदर्शी चित्र", "credit: पत्रिका"], 4);
    await article("external", [`src: ${HTTPS_IMAGE}`, "alt: बाहरी चित्र", "width: 1200", "height: 675"], 5);
    const tagged = (i: Sharp) =>
      i
        .jpeg()
        .withExif({ IFD0: { Copyright: "Secret Agency" } })
        .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/">Secret Agency</x:xmpmeta>');
    await image("media/2020/tagged.jpg", { width: 1400, height: 1000 }, tagged);
    const taggedFile = join(content, "media/2020/tagged.jpg");
    const source = await readFile(taggedFile);
    await writeFile(taggedFile, Buffer.concat([source, Buffer.from("a phone's appended video")]));
    await article("tagged", ["src: media/2020/tagged.jpg", "alt: चित्र"], 6);

    const first = await publish();
    expect(first.stderr).toBe("");
    expect(media(first.stdout)).toEqual(["15", "0", "0"]);
    const state = await readLocalState(persist);

    const sizes = (slug: string) => {
      const lead = articleImage(state, slug);
      return [lead?.large, lead?.small].map((f) => `${f?.type} ${f?.width}×${f?.height}`);
    };
    expect(sizes("whatsapp-pegasus-spying-action")).toEqual(["image/jpeg 1600×900", "image/jpeg 400×225"]);
    expect(sizes("rotated")).toEqual(["image/jpeg 1200×1600", "image/jpeg 400×533"]);
    expect(sizes("overlay")).toEqual(["image/png 2000×1333", "image/png 400×267"]);
    expect(sizes("tagged")).toEqual(["image/jpeg 1400×1000", "image/jpeg 400×286"]);
    const copy = state.media.get(articleImage(state, "tagged")?.large.url.split("/").at(-1) ?? "")?.body;
    expect(copy?.includes("Secret Agency")).toBe(false);
    expect(copy?.includes("appended video")).toBe(false);
    expect(await sharp(copy).raw().toBuffer()).toEqual(await sharp(source).raw().toBuffer());
    const external = { url: HTTPS_IMAGE, type: "image/jpeg", width: 1200, height: 675 };
    expect(articleImage(state, "external")).toEqual({ alt: "बाहरी चित्र", large: external, small: external });

    const files = [...namedFiles(state).values()].filter((file) => file.url !== HTTPS_IMAGE);
    expect(files.map((f) => `${f.width}×${f.height}`).sort()).toEqual(
      [
        "1600×900",
        "400×225",
        "1200×1600",
        "400×533",
        "2000×1333",
        "400×267",
        "1400×1000",
        "400×286",
        ...["32×32", "64×64", "144×144", "180×180", "512×512"],
        "780×300",
        "512×512",
      ].sort(),
    );
    const names = files.map((file) => {
      expect(file.url.startsWith(`${BASE}/media/`)).toBe(true);
      expect(new URL(file.url).href).toBe(file.url);
      return file.url.slice(`${BASE}/media/`.length);
    });
    expect([...state.media.keys()].sort()).toEqual(names.sort());
    for (const file of files) {
      const stored = state.media.get(file.url.split("/").at(-1) ?? "");
      const meta = await sharp(stored?.body).metadata();
      expect([stored?.type, stored?.body.length]).toEqual([file.type, file.bytes]);
      expect([`image/${meta.format}`, meta.width, meta.height]).toEqual([file.type, file.width, file.height]);
      expect([meta.exif, meta.orientation, meta.icc]).toEqual([undefined, undefined, undefined]);
    }
  });

  it("uploads nothing for unchanged images, replaces a changed one, deletes a removed one, and ends as a fresh publish", async () => {
    await image("media/2020/photo.jpg", { width: 1400, height: 1000 });
    await article("photo", ["src: media/2020/photo.jpg", "alt: चित्र"]);
    expect(media((await publish()).stdout)).toEqual(["11", "0", "0"]);
    const again = await publish();
    expect(again.stdout).toMatch(
      /; 0 sent, 0 deleted, 2 unchanged; 0 media file\(s\) uploaded, 0 deleted, 11 unchanged; 0 key\(s\) written, 0 deleted;/,
    );

    const before = new Set((await readLocalState(persist)).media.keys());
    await image("media/2020/photo.jpg", { width: 1400, height: 1000, colour: "#117a65" });
    expect(media((await publish()).stdout)).toEqual(["2", "2", "9"]);
    const replaced = await readLocalState(persist);
    const lead = articleImage(replaced, "photo");
    const added = [...replaced.media.keys()].filter((name) => !before.has(name));
    expect(added.map((name) => `${BASE}/media/${name}`).sort()).toEqual([lead?.large.url, lead?.small.url].sort());

    await article("photo", undefined);
    expect(media((await publish()).stdout)).toEqual(["0", "2", "9"]);
    const removed = await readLocalState(persist);
    expect(removed.media.size).toBe(9);
    expect(removed).toEqual(await freshPublish(content));
  });

  it("uploads again with --full a stored rendition that other bytes of another size replaced, and names its true size", async () => {
    await image("media/2020/photo.jpg", { width: 1400, height: 1000 });
    await article("photo", ["src: media/2020/photo.jpg", "alt: चित्र"]);
    expect((await publish()).code).toBe(0);
    const published = await readLocalState(persist);
    const name = articleImage(published, "photo")?.large.url.split("/").at(-1) ?? "";
    const made = published.media.get(name)?.body;
    const other = await sharp({ create: { width: 20, height: 10, channels: 3, background: "#000" } })
      .jpeg()
      .toBuffer();
    await writeLocalMedia(persist, name, other);

    expect(media((await publish("--full")).stdout)).toEqual(["1", "0", "10"]);
    const repaired = await readLocalState(persist);
    expect(repaired.media.get(name)?.body.equals(made ?? Buffer.alloc(0))).toBe(true);
    expect(articleImage(repaired, "photo")?.large.bytes).toBe(made?.length);
  });

  it("refuses bad images as file:field problems, writes nothing to KV or R2, and --check says the same", async () => {
    await mkdir(join(content, "media/bad"), { recursive: true });
    await writeFile(join(content, "media/bad/text.jpg"), "यह चित्र नहीं है");
    await image("media/bad/anim.jpg", { width: 800, height: 600 }, (i) => i.gif());
    await image("media/bad/small.jpg", { width: 600, height: 300 });
    await image("media/bad/sized.jpg", { width: 1600, height: 900 });
    await writeFile(join(content, "media/bad/huge.jpg"), Buffer.alloc(15 * 1024 * 1024 + 1));
    await symlink(join(content, "site.yaml"), join(content, "media/bad/link.jpg"));
    const cases: [string, string[], string, string][] = [
      [
        "text",
        ["src: media/bad/text.jpg", "alt: क"],
        "image.src",
        '"media/bad/text.jpg" is not an image (JPEG, PNG, WebP or AVIF)',
      ],
      [
        "gif",
        ["src: media/bad/anim.jpg", "alt: क"],
        "image.src",
        '"media/bad/anim.jpg" is an image in GIF format; save it as JPEG, PNG, WebP or AVIF',
      ],
      [
        "small",
        ["src: media/bad/small.jpg", "alt: क"],
        "image.src",
        '"media/bad/small.jpg" is 600×300 px; its shortest side must be at least 400 px, the least partners take',
      ],
      [
        "huge",
        ["src: media/bad/huge.jpg", "alt: क"],
        "image.src",
        '"media/bad/huge.jpg" is 15.01 MiB, over the limit of 15 MiB; save it smaller (a JPEG of 2,000 px is plenty)',
      ],
      ["no-alt", ["src: media/bad/sized.jpg"], "image.alt", "is missing"],
      [
        "https-no-size",
        [`src: ${HTTPS_IMAGE}`, "alt: क"],
        "image.width",
        "is missing; an https image needs its width and height (it is never fetched)",
      ],
      [
        "https-no-size",
        [`src: ${HTTPS_IMAGE}`, "alt: क"],
        "image.height",
        "is missing; an https image needs its width and height (it is never fetched)",
      ],
      [
        "https-no-type",
        ["src: https://images.example.org/photo?id=3", "alt: क", "width: 1200", "height: 800"],
        "image.src",
        'cannot tell the type of "https://images.example.org/photo?id=3" from its extension; link a file ending in .jpg, .jpeg, .png, .webp or .avif',
      ],
      [
        "http",
        ["src: http://images.example.org/a.jpg", "alt: क", "width: 1200", "height: 800"],
        "image.src",
        '"http://images.example.org/a.jpg" must be an https: URL (without a user name) or a path like media/2019/photo.jpg',
      ],
      [
        "dot-dot",
        ["src: media/../site.yaml", "alt: क"],
        "image.src",
        '"media/../site.yaml" contains ".."; write it relative to content/, like media/2019/photo.jpg',
      ],
      [
        "outside",
        ["src: articles/photo.md", "alt: क"],
        "image.src",
        '"articles/photo.md" is not inside content/media/; put images there and write it relative to content/, like media/2019/photo.jpg',
      ],
      [
        "absolute",
        ["src: /etc/hostname", "alt: क"],
        "image.src",
        '"/etc/hostname" is an absolute path; write it relative to content/, like media/2019/photo.jpg',
      ],
      [
        "symlink",
        ["src: media/bad/link.jpg", "alt: क"],
        "image.src",
        '"media/bad/link.jpg" is a symbolic link to a file outside content/media/',
      ],
      [
        "missing",
        ["src: media/bad/none.jpg", "alt: क"],
        "image.src",
        '"media/bad/none.jpg" does not exist (looked for content/media/bad/none.jpg)',
      ],
      [
        "wrong-size",
        ["src: media/bad/sized.jpg", "alt: क", "width: 1000"],
        "image.width",
        'is 1000, but "media/bad/sized.jpg" is 1600 px wide; leave width out, it is read from the file',
      ],
    ];
    for (const [slug, lines] of cases) await article(`bad-${slug}`, lines);
    const site = join(content, "site.yaml");
    await writeFile(
      site,
      (await readFile(site, "utf8"))
        .replace("icon: media/site/icon.png", "icon: media/site/logo.png")
        .replace("logo: media/site/logo.png", "logo: media/site/icon.png"),
    );
    const expected = [
      ...cases.map(([slug, , field, message]) => `${join(content, "articles", `bad-${slug}.md`)}:${field}: ${message}`),
      `${site}:icon: is 780×300 px; the icon must be square and at least 512×512 px`,
      `${site}:logo: is 1024×1024 px; the logo must be wider than high and at least 600 px wide`,
    ];

    const result = await publish();
    expect(result.code).toBe(1);
    const [problems, summary] = result.stderr.split("\n\n");
    expect(problems?.split("\n").sort()).toEqual(expected.sort());
    expect(summary).toBe(`${expected.length} problem(s) found; nothing was published.\n`);
    const state = await readLocalState(persist);
    expect([state.kv.size, state.media.size]).toEqual([0, 0]);
    expect(await runPublish(["--check", "--content", content])).toEqual({ code: 1, stdout: "", stderr: result.stderr });
  });

  it("warns about narrow images, naming the partners that want more, and publishes them", async () => {
    await image("media/2020/narrow.jpg", { width: 1000, height: 600 });
    await article("narrow", ["src: media/2020/narrow.jpg", "alt: संकरा चित्र"]);
    const result = await publish();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `${join(content, "articles/narrow.md")}:image.src: warning: is 1000 px wide, narrower than partners want: ` +
        "Google News recommends 1,200 px (800 in older guidance); MSN takes 720 px and promotes 1,200×624\n",
    );
    expect(articleImage(await readLocalState(persist), "narrow")?.large.width).toBe(1000);

    await image("media/2020/tiny.jpg", { width: 450, height: 400 });
    for (let n = 0; n < 24; n++) await article(`narrow-${n}`, ["src: media/2020/tiny.jpg", "alt: छोटा"]);
    const many = await runPublish(["--check", "--content", content]);
    expect(many.code).toBe(0);
    const lines = many.stderr.trim().split("\n");
    expect(lines).toHaveLength(21);
    expect(lines).toContain(
      `${join(content, "articles/narrow-0.md")}:image.src: warning: is 450 px wide, narrower than partners want: ` +
        "Google News recommends 1,200 px (800 in older guidance); MSN takes 720 px and promotes 1,200×624; " +
        "Flipboard takes 400 px and shows 500 px large; it is under Google News's 800 px and MSN's 720 px",
    );
    expect(lines.at(-1)).toBe("5 more warning(s) not listed (25 in all).");
  });

  it("refuses a truncated JPEG that would be its own rendition, as an avatar and as a lead image", async () => {
    const truncated = async (path: string, edge: { width: number; height: number }) => {
      await image(path, edge);
      const bytes = await readFile(join(content, path));
      const cut = bytes.subarray(0, Math.floor(bytes.length * 0.6));
      await writeFile(join(content, path), Buffer.concat([cut, Buffer.from([0xff, 0xd9])]));
      return join(content, path);
    };
    const avatar = await truncated("media/authors/desk.jpg", { width: 512, height: 512 });
    const lead = await truncated("media/2020/small.jpg", { width: 400, height: 400 });
    const authors = join(content, "authors.yaml");
    await writeFile(
      authors,
      (await readFile(authors, "utf8")).replace("avatar: media/site/icon.png", "avatar: media/authors/desk.jpg"),
    );
    await article("small", ["src: media/2020/small.jpg", "alt: छोटा चित्र"]);

    const result = await publish();
    expect(result.code).toBe(1);
    const [problems, summary] = result.stderr.split("\n\n");
    const lines = problems?.split("\n").filter((line) => !line.includes(": warning: "));
    const decoded = (file: string) => `${file} cannot be decoded (…); save it again from an image editor`;
    expect(lines?.map((line) => line.replace(/ cannot be decoded \(.+\);/, " cannot be decoded (…);")).sort()).toEqual(
      [
        `${authors}:digital-desk.avatar: ${decoded(avatar)}`,
        `${join(content, "articles/small.md")}:image.src: ${decoded(lead)}`,
      ].sort(),
    );
    expect(summary).toBe("2 problem(s) found; nothing was published.\n");
    expect((await readLocalState(persist)).kv.size).toBe(0);
  });

  it("names an image that passes the header check but cannot be decoded, and writes nothing to KV", async () => {
    await image("media/2020/photo.jpg", { width: 1400, height: 1000 });
    const file = join(content, "media/2020/photo.jpg");
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await article("broken", ["src: media/2020/photo.jpg", "alt: टूटा चित्र"]);
    expect((await runPublish(["--check", "--content", content])).code).toBe(0);

    const result = await publish();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^${join(content, "articles/broken.md")}:image.src: ${file} cannot be decoded \\(.+\\); save it again from an image editor\\n\\n1 problem\\(s\\) found; nothing was published\\.\\n$`,
      ),
    );
    expect((await readLocalState(persist)).kv.size).toBe(0);
  });
});
