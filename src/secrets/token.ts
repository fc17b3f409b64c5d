/**
 * Bearer tokens and session ids: 256 random bits, shown once, stored as SHA-256.
 * A fast hash is right here (unlike passwords) because the secret has full entropy:
 * there is nothing to brute-force.
 */
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_BYTES = 32;

/** A new token, e.g. `sspr_4f9c…` (the prefix lets secret scanners spot leaked ones). */
export function newToken(): string {
  return "sspr_" + randomBytes(TOKEN_BYTES).toString("base64url");
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
