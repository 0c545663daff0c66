import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import sharp from "sharp";

const USAGE = `Usage: npm run brand

Renders the SVG sources in scripts/brand/ into the images content/ publishes: the site's icon and
logo (PNG) and the seed article's lead illustration (JPEG). Their Devanagari text needs the Noto
Sans Devanagari font (Debian: fonts-noto-core) at render time only; the outputs are committed, so
publishing never needs fonts. Run it again after editing an SVG, and commit what changed.`;

// Each SVG source and the file it becomes.
const OUTPUTS = [
  { svg: "icon.svg", out: "content/media/site/icon.png" },
  { svg: "logo.svg", out: "content/media/site/logo.png" },
  { svg: "whatsapp-pegasus.svg", out: "content/media/2019/whatsapp-pegasus.jpg" },
] as const;

if (process.argv.includes("--help")) {
  console.log(USAGE);
  process.exit(0);
}
for (const { svg, out } of OUTPUTS) {
  const image = sharp(await readFile(join("scripts", "brand", svg)));
  const encoded = out.endsWith(".png") ? image.png({ compressionLevel: 9 }) : image.jpeg({ quality: 90 });
  await mkdir(dirname(out), { recursive: true });
  const { width, height, size } = await encoded.toFile(out);
  console.log(`${out}: ${width}×${height} px, ${size} bytes`);
}
