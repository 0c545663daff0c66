import type { Fields } from "../../../src/content/fields.ts";
import {
  EXTERNAL_IMAGE_TYPES,
  ICON_SIZES,
  MIN_AVATAR_EDGE,
  MIN_IMAGE_SIDE,
  MIN_LOGO_WIDTH,
} from "../../../src/content/media.ts";
import type { ArticleImage, ImageFile, Site } from "../../../src/content/model.ts";
import type { Warnings } from "../content/warnings.ts";
import { narrowImageWarning } from "./partners.ts";
import {
  avatarRendition,
  iconRenditions,
  imageFile,
  leadRenditions,
  logoRendition,
  type Rendition,
  type SourceImage,
} from "./renditions.ts";
import { MEDIA_FOLDER, type SourceImages, type SourceRead } from "./source-images.ts";

/** An article's lead image, its `src` as read (normalised as text fields are), and the media files it needs. */
export interface LeadImage {
  image: ArticleImage;
  src: string;
  renditions: Rendition[];
}

/** Waits for an article's image file, records its problems, and gives its lead image for `site`. */
export type LeadImageFinish = (site: Site | undefined) => Promise<LeadImage | undefined>;

const IMAGE_FIELDS = ["src", "alt", "caption", "credit", "width", "height"];
const MIN_ICON_EDGE = Math.max(...ICON_SIZES);
const MAX_GIVEN_SIDE = 100_000;
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/**
 * Reads an article's optional `image:` mapping (see docs/editors.md, "Adding an image"). Its fields are
 * checked at once and a local file starts being read; the returned function waits for the file
 * and records what is wrong with it, so that problems come in a fixed order however long reading
 * takes, and reading overlaps the rest of loading. It gives the lead image once `site` is known,
 * or `undefined` when there is none or a problem.
 */
export function startArticleImage(f: Fields, file: string, images: SourceImages, warnings: Warnings): LeadImageFinish {
  const g = f.mapping("image", IMAGE_FIELDS, false);
  if (!g) return async () => undefined;
  const src = g.line("src");
  const alt = g.line("alt");
  const caption = g.line("caption", false);
  const credit = g.line("credit", false);
  const given = { width: size(g, "width"), height: size(g, "height") };
  const lead = (large: ImageFile, small: ImageFile): ArticleImage | undefined =>
    alt === undefined
      ? undefined
      : {
          alt,
          ...(caption === undefined ? {} : { caption }),
          ...(credit === undefined ? {} : { credit }),
          large,
          small,
        };
  if (src === undefined) return async () => undefined;
  if (SCHEME.test(src)) {
    const external = externalFile(g, src, given);
    return async (site) => {
      if (!external || !sizeAllowed(g, file, src, external, warnings) || !site) return undefined;
      const image = lead(external, external);
      return image && { image, src, renditions: [] };
    };
  }
  const reading = images.read(src);
  return async (site) => {
    const source = sourceImage(g, "src", await reading, file);
    if (!source) return undefined;
    const mismatched = (["width", "height"] as const).filter((side) => {
      const value = given[side];
      if (value === undefined || value === source[side]) return false;
      const measure = side === "width" ? "wide" : "high";
      g.fail(
        side,
        `is ${value}, but "${src}" is ${source[side]} px ${measure}; leave ${side} out, it is read from the file`,
      );
      return true;
    });
    if (!sizeAllowed(g, file, src, source, warnings) || mismatched.length > 0 || !site) return undefined;
    const { large, small } = await leadRenditions(source);
    const image = lead(imageFile(site, large), imageFile(site, small));
    return image && { image, src, renditions: large === small ? [large] : [large, small] };
  };
}

/** The site icon's renditions, from the optional `icon` field of site.yaml: a square file of at least 512 px. */
export async function siteIcon(f: Fields, file: string, images: SourceImages): Promise<Rendition[] | undefined> {
  const source = await mediaSource(f, "icon", file, images, `${MEDIA_FOLDER}/site/icon.png`);
  if (!source) return undefined;
  if (source.width !== source.height || source.width < MIN_ICON_EDGE) {
    return f.fail(
      "icon",
      `is ${pixels(source)}; the icon must be square and at least ${MIN_ICON_EDGE}×${MIN_ICON_EDGE} px`,
    );
  }
  return iconRenditions(source);
}

/** The logo's rendition, from the optional `logo` field of site.yaml: a wide file of at least 600 px. */
export async function siteLogo(f: Fields, file: string, images: SourceImages): Promise<Rendition | undefined> {
  const source = await mediaSource(f, "logo", file, images, `${MEDIA_FOLDER}/site/logo.png`);
  if (!source) return undefined;
  if (source.width <= source.height || source.width < MIN_LOGO_WIDTH) {
    return f.fail(
      "logo",
      `is ${pixels(source)}; the logo must be wider than high and at least ${MIN_LOGO_WIDTH} px wide`,
    );
  }
  return logoRendition(source);
}

/** An author's avatar rendition, from the optional `avatar` field of authors.yaml: a square file of at least 96 px. */
export async function authorAvatar(f: Fields, file: string, images: SourceImages): Promise<Rendition | undefined> {
  const source = await mediaSource(f, "avatar", file, images, `${MEDIA_FOLDER}/authors/name.jpg`);
  if (!source) return undefined;
  if (source.width !== source.height || source.width < MIN_AVATAR_EDGE) {
    return f.fail(
      "avatar",
      `is ${pixels(source)}; an avatar must be square and at least ${MIN_AVATAR_EDGE}×${MIN_AVATAR_EDGE} px (crop it square)`,
    );
  }
  return avatarRendition(source);
}

// An image's size for people: `1600×900 px`.
function pixels(size: { width: number; height: number }): string {
  return `${size.width}×${size.height} px`;
}

// The image file a field names, which must be under content/media/, like `example`.
async function mediaSource(
  f: Fields,
  field: string,
  file: string,
  images: SourceImages,
  example: string,
): Promise<SourceImage | undefined> {
  const src = f.line(field, false);
  if (src === undefined) return undefined;
  if (SCHEME.test(src)) {
    return f.fail(
      field,
      `must be a file under content/${MEDIA_FOLDER}/ (the publisher makes every size from it), like ${example}`,
    );
  }
  return sourceImage(f, field, await images.read(src), file);
}

function sourceImage(f: Fields, field: string, read: SourceRead, file: string): SourceImage | undefined {
  return "problem" in read ? f.fail(field, read.problem) : { ...read.image, origin: { file, field: f.path(field) } };
}

// An https image: its type told by its extension, its size given by the editor, never fetched.
function externalFile(
  g: Fields,
  src: string,
  given: { width: number | undefined; height: number | undefined },
): ImageFile | undefined {
  const url = URL.parse(src);
  if (url?.protocol !== "https:" || url.username || url.password) {
    return g.fail(
      "src",
      `"${src}" must be an https: URL (without a user name) or a path like ${MEDIA_FOLDER}/2019/photo.jpg`,
    );
  }
  const extension = /\.([a-zA-Z0-9]+)$/.exec(url.pathname)?.[1]?.toLowerCase() ?? "";
  const type = EXTERNAL_IMAGE_TYPES[extension];
  if (!type) {
    g.fail(
      "src",
      `cannot tell the type of "${src}" from its extension; link a file ending in .jpg, .jpeg, .png, .webp or .avif`,
    );
  }
  for (const side of ["width", "height"] as const) {
    if (!g.has(side)) g.fail(side, "is missing; an https image needs its width and height (it is never fetched)");
  }
  const { width, height } = given;
  return type && width && height ? { url: url.href, type, width, height } : undefined;
}

// Whether the image is large enough for partners; warns when it is narrower than some want.
function sizeAllowed(
  g: Fields,
  file: string,
  src: string,
  size: { width: number; height: number },
  warnings: Warnings,
): boolean {
  if (Math.min(size.width, size.height) < MIN_IMAGE_SIDE) {
    g.fail(
      "src",
      `"${src}" is ${pixels(size)}; its shortest side must be at least ${MIN_IMAGE_SIDE} px, the least partners take`,
    );
    return false;
  }
  const warning = narrowImageWarning(size.width);
  if (warning) warnings.add(file, "image.src", warning);
  return true;
}

function size(g: Fields, side: "width" | "height"): number | undefined {
  return g.has(side) ? g.integer(side, 1, MAX_GIVEN_SIDE) : undefined;
}
