/**
 * Reference ids people read aloud to support: `D-` and 10 characters of Crockford
 * base32 (50 random bits; no I, L, O or U to misread).
 */
import type { Random } from "./clock";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newReferenceId(random: Random): string {
  let out = "D-";
  for (const b of random.bytes(10)) out += ALPHABET[b & 31];
  return out;
}
