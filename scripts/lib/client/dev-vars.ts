import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

// The local secrets `wrangler dev` reads; git ignores the file.
const FILE = ".dev.vars";
const TOKEN_LINE = /^PUBLISH_TOKEN=(.+)$/m;

/** The publish token of the local service: the line `PUBLISH_TOKEN=…` of .dev.vars, if there is one. */
export function devToken(): string | undefined {
  return (
    TOKEN_LINE.exec(devVars())?.[1]
      ?.trim()
      .replace(/^(["'])(.*)\1$/, "$2") || undefined
  );
}

/** The publish token of the local service, made at random and added to .dev.vars when there is none. */
export function ensureDevToken(): string {
  const existing = devToken();
  if (existing) return existing;
  const text = devVars();
  const token = randomBytes(32).toString("base64url");
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  writeFileSync(FILE, `${text}${separator}PUBLISH_TOKEN=${token}\n`, { mode: 0o600 });
  console.log(`Made a publish token for the local ingest API in ${FILE}.`);
  return token;
}

function devVars(): string {
  try {
    return readFileSync(FILE, "utf8");
  } catch {
    return "";
  }
}
