// Node's own hashing, where the code runs in Node (the publisher): it hashes a string without
// first encoding it in JavaScript, several times faster than Web Crypto there. Workers have no
// `process`, so they use Web Crypto.
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.("node:crypto") as
  | { createHash(algorithm: string): { update(text: string): { digest(encoding: "hex"): string } } }
  | undefined;

/** Hex SHA-256 of a UTF-8 string. */
export async function sha256(text: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash("sha256").update(text).digest("hex");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
