import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

// The local secrets `wrangler dev` reads; git ignores the file.
const FILE = ".dev.vars";
const TOKEN_LINE = /^PUBLISH_TOKEN=(.+)$/m;

// Gives `wrangler dev` a publish token for the ingest API: the one in .dev.vars, or a new random
// one added to it, and says how to use it.
let text = "";
try {
  text = readFileSync(FILE, "utf8");
} catch {
  // No file yet: it is made below.
}
let token = TOKEN_LINE.exec(text)?.[1];
if (!token) {
  token = randomBytes(32).toString("base64url");
  writeFileSync(FILE, `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}PUBLISH_TOKEN=${token}\n`, {
    mode: 0o600,
  });
  console.log(`Made a publish token for the local ingest API in ${FILE}.`);
}
console.log(
  `Ingest API: http://127.0.0.1:8787/api/v1 with "Authorization: Bearer $(sed -n 's/^PUBLISH_TOKEN=//p' ${FILE})" (see docs/api.md).`,
);
