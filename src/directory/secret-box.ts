/**
 * Secrets at rest: the directory bind password is sealed with AES-256-GCM under a key
 * from the environment (SSPR_SECRET_KEY: 32 bytes as 64 hex digits or base64), so a
 * copy of the database alone does not hand out a service account that may reset
 * passwords. GCM's tag also refuses a ciphertext that was tampered with or sealed under
 * another key, instead of decrypting it to garbage.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1:";

/**
 * The 32-byte key from its environment form, or an Error naming the format.
 * @example secretKeyFrom("00".repeat(32)).length // 32
 */
export function secretKeyFrom(value: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("SSPR_SECRET_KEY must be 32 bytes: 64 hex digits or 44 base64 characters");
  return key;
}

/** @example openSecret(key, sealSecret(key, "s3cret")) // "s3cret" */
export function sealSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12); // GCM's standard nonce size; random per seal, never reused with a key
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64");
}

export function openSecret(key: Buffer, sealed: string): string {
  if (!sealed.startsWith(VERSION)) throw new Error("unknown sealed-secret format");
  const raw = Buffer.from(sealed.slice(VERSION.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
