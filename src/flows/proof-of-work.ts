/**
 * A self-hosted proof of work (hashcash over SHA-256) asked before further code requests
 * once a flow or an address has made a few: it makes guessing contacts cost CPU on the
 * guesser's side instead of locking the account's owner out, and needs no third-party
 * CAPTCHA service (docs/decisions/007-throttle-model.md). The challenge is stateless —
 * signed with the instance key, bound to the flow, short-lived — and each solution is
 * spent once (the `proof_spent` budget).
 *
 * Solving: find a decimal `nonce` such that SHA-256(`<challenge>:<nonce>`) starts with
 * `difficulty` zero bits; the reset page does it in a small same-origin script.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** 2^16 hashes on average: about a second in a phone's browser, nothing for a person, real cost for thousands of guesses. */
export const PROOF_DIFFICULTY_BITS = 16;
/** Long enough to solve on a slow phone, short enough that solutions cannot be stockpiled. */
export const PROOF_TTL_MS = 5 * 60_000;

export type ProofChallenge = { algorithm: "SHA-256"; challenge: string; difficulty: number; expiresAt: string };
export type ProofSolution = { challenge: string; nonce: string };

const sign = (key: Buffer, payload: string) =>
  createHmac("sha256", key).update(`proof-of-work\n${payload}`).digest("hex").slice(0, 32);

/** A fresh challenge for a flow. */
export function proofChallenge(
  key: Buffer,
  flowId: string,
  now: Date,
  difficulty = PROOF_DIFFICULTY_BITS,
): ProofChallenge {
  const expires = now.getTime() + PROOF_TTL_MS;
  const payload = `${flowId}.${expires}.${randomBytes(12).toString("hex")}.${difficulty}`;
  return {
    algorithm: "SHA-256",
    challenge: `${payload}.${sign(key, payload)}`,
    difficulty,
    expiresAt: new Date(expires).toISOString(),
  };
}

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/**
 * The salt of a valid, unexpired solution for this flow (the key its single use is
 * recorded under), or undefined.
 */
export function checkProof(key: Buffer, flowId: string, solution: ProofSolution, now: Date): string | undefined {
  const parts = solution.challenge.split(".");
  if (parts.length !== 5 || !/^\d{1,12}$/.test(solution.nonce)) return undefined;
  const [forFlow, expires, salt, difficulty, mac] = parts as [string, string, string, string, string];
  const expected = Buffer.from(sign(key, parts.slice(0, 4).join(".")));
  if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), expected)) return undefined;
  if (forFlow !== flowId || Number(expires) <= now.getTime()) return undefined;
  const digest = createHash("sha256").update(`${solution.challenge}:${solution.nonce}`).digest();
  return leadingZeroBits(digest) >= Number(difficulty) ? salt : undefined;
}

/** Solve a challenge (tests and tools; the page has its own few lines of script). */
export function solveProof(challenge: ProofChallenge): ProofSolution {
  for (let n = 0; ; n++) {
    const digest = createHash("sha256").update(`${challenge.challenge}:${n}`).digest();
    if (leadingZeroBits(digest) >= challenge.difficulty) return { challenge: challenge.challenge, nonce: String(n) };
  }
}
