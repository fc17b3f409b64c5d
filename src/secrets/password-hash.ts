/**
 * Password and answer hashing with scrypt, a memory-hard KDF built into Node, so a
 * stolen database costs an attacker memory as well as time for every guess. The cost of
 * new hashes is SCRYPT_PARAMS; only the test suite lowers it (useTestHashCost), and a
 * stored hash always carries the parameters it was made with, so verifying never depends
 * on the current setting.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and ~50–100 ms per hash on our 2-core machine,
 * the OWASP password-storage floor for scrypt. maxmem leaves headroom above 128·N·r.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

export type ScryptCost = { N: number; r: number; p: number };

/**
 * N = 2^4, r = 1: microseconds instead of ~100 ms, so hundreds of hashes in the suite do
 * not starve a busy 2-core machine. Worthless against an attacker — which is why only
 * test/support/fast-hashing.ts (a vitest setup file) ever selects it, and a test checks
 * that a fresh process hashes with SCRYPT_PARAMS.
 */
export const TEST_SCRYPT_COST: ScryptCost = { N: 2 ** 4, r: 1, p: 1 };

let cost: ScryptCost = SCRYPT_PARAMS;

/** Tests only: hash new secrets at TEST_SCRYPT_COST for the rest of this process. */
export function useTestHashCost(): void {
  cost = TEST_SCRYPT_COST;
  decoy = undefined;
}

/** The parameters new hashes are made with (SCRYPT_PARAMS outside the test suite). */
export const currentHashCost = (): ScryptCost => cost;

/**
 * Hash a secret; the result carries its own parameters and salt.
 * @example const h = await hashSecret("correct horse"); await verifySecret("correct horse", h) // true
 */
export async function hashSecret(secret: string, params: ScryptCost = cost): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(secret.normalize("NFKC"), salt, KEY_LENGTH, { ...params, maxmem: SCRYPT_PARAMS.maxmem });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Compare a secret with a stored hash in constant time. A malformed hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, "base64");
  const actual = await scrypt(secret.normalize("NFKC"), Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT_PARAMS.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/**
 * A hash that never matches anything, computed once: unknown logins verify against it
 * so that they cost the same work as real ones (no timing oracle for enumeration).
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashSecret(randomBytes(32).toString("base64"));
  return decoy;
}
