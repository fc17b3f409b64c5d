/**
 * Time and randomness as dependencies: production reads the system clock and the
 * CSPRNG; tests pass a fixed clock and seeded bytes so every run is the same.
 */
import { randomBytes, randomInt } from "node:crypto";

export type Clock = { now(): Date };
export type Random = {
  /** Cryptographically strong bytes. */
  bytes(n: number): Buffer;
  /** Uniform integer in [0, max). */
  int(max: number): number;
};

export const systemClock: Clock = { now: () => new Date() };
export const cryptoRandom: Random = { bytes: (n) => randomBytes(n), int: (max) => randomInt(max) };

/** A clock that stands still until told to move; for tests and the bench. */
export function fixedClock(start: string | Date): Clock & { advance(ms: number): void; set(t: string | Date): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => void (t += ms),
    set: (v) => void (t = new Date(v).getTime()),
  };
}

/** Random ids: 20 characters of base32 (100 bits), no look-alike letters. */
export function newId(random: Random, prefix = ""): string {
  const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  const bytes = random.bytes(20);
  let out = "";
  for (const b of bytes) out += alphabet[b & 31];
  return prefix + out;
}
