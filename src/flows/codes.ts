/**
 * One-time verification codes: drawn from the CSPRNG, stored only as a scrypt hash,
 * compared in constant time, valid CODE_TTL_MINUTES, used once, and replaced by any
 * newer code for the same flow and method. A 6-digit code is only 20 bits, so the
 * memory-hard hash plus the 10-minute life is what makes a stolen table useless.
 */
import { CODE_TTL_MINUTES, EMAIL_CODE_DIGITS, PHONE_CODE_DIGITS, type Method } from "../domain/catalogue";
import { newId, type Random } from "../clock";
import type { Store } from "../db/client";
import { consumeCode as consumeStoredCode, liveCode, storeCode as storeHashedCode } from "../db/reset-flows";
import { decoyHash, hashSecret, verifySecret } from "../secrets/password-hash";

export const codeDigits = (method: Method) => (method === "email" ? EMAIL_CODE_DIGITS : PHONE_CODE_DIGITS);

/** A uniformly random code of `digits` digits, leading zeros kept. */
export function newCode(random: Random, digits: number): string {
  let out = "";
  for (let i = 0; i < digits; i++) out += String(random.int(10));
  return out;
}

/** Hash a fresh code; the caller stores it with storeCode (split so hashing stays outside transactions). */
export const hashCode = (code: string) => hashSecret(code);

/** Store a hashed code, superseding every earlier unused code of this flow and method. */
export function storeCode(
  store: Store,
  random: Random,
  flowId: string,
  method: Method,
  codeHash: string,
  now: Date,
): void {
  storeHashedCode(store, {
    id: newId(random, "code_"),
    flowId,
    method,
    codeHash,
    now,
    expiresAt: new Date(now.getTime() + CODE_TTL_MINUTES * 60_000),
  });
}

export type CodeCheck =
  { ok: true; codeId: string } | { ok: false; reason: "verification_code_wrong" | "verification_code_expired" };

/**
 * Check a typed code against the live code of this flow and method. The hash work is
 * done even when there is no code (against a decoy), so the answer takes as long.
 */
export async function checkCode(
  store: Store,
  flowId: string,
  method: Method,
  typed: string,
  now: Date,
): Promise<CodeCheck> {
  const live = liveCode(store, flowId, method);
  const matches = await verifySecret(typed, live?.codeHash ?? (await decoyHash()));
  if (!live || !matches || live.usedAt) return { ok: false, reason: "verification_code_wrong" };
  if (live.expiresAt <= now.toISOString()) return { ok: false, reason: "verification_code_expired" };
  return { ok: true, codeId: live.id };
}

/** Mark a code used; false when someone else used it first (single use under concurrency). */
export const consumeCode = (store: Store, codeId: string, now: Date): boolean => consumeStoredCode(store, codeId, now);
