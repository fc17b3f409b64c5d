/**
 * Reference ids: the short code a person reads to support ("D-7K3F9Q2M"). By default it
 * is derived from what was diagnosed — a hash of the snapshot, the rules version and the
 * tenant context — so the same state under the same rules always gets the same id (and a
 * stored diagnosis can be found again); callers that store diagnoses may pass their own.
 */
import { hash } from "node:crypto";
import type { Random } from "../clock";

// Crockford base32: no I, L, O or U, so an id read aloud or retyped survives.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Characters JSON.stringify escapes (or, for lone surrogates, may): a string without any is
// quoted as it is. Paired surrogates land here too and simply take the slow path.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON with object keys sorted, so equal values serialize equally whatever their key order.
 * The same text as JSON.stringify of a key-sorted copy (a property test holds it so).
 *
 * @example
 * stableStringify({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function stableStringify(value: unknown): string {
  // Primitives by hand: JSON.stringify per leaf was a third of this function's cost, and
  // this runs on every diagnosis.
  switch (typeof value) {
    case "string":
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value !== null) break;
      return "null";
    default:
      return value === undefined ? "null" : JSON.stringify(value);
  }
  // Hand-rolled loops: map/filter/join cost twice as much.
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + stableStringify(value[i]);
    return `${out}]`;
  }
  const keys = Object.keys(value);
  // Most objects are small and many already in order: sort only when they are not.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let out = "{";
  let first = true;
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    out += `${first ? "" : ","}${quotedKey(key)}${stableStringify(item)}`;
    first = false;
  }
  return `${out}}`;
}

// Snapshot keys are a small fixed vocabulary; quoting each once saves a JSON.stringify per key
// per diagnosis. Bounded, so keys from unusual input cannot grow it without limit.
const QUOTED_KEYS = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (QUOTED_KEYS.size < 4096) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

/**
 * `D-` and 8 Crockford base32 characters (40 bits) of sha256 over the parts.
 *
 * @example
 * referenceId([snapshot, "3f9a0c1d2b7e"]); // "D-7K3F9Q2M"
 */
export function referenceId(parts: readonly unknown[]): string {
  // One-shot hash (no Hash object per diagnosis).
  const digest = hash("sha256", stableStringify(parts), "buffer");
  // 40 bits fit a double exactly, so plain arithmetic reads them (no BigInt per diagnosis).
  let bits = 0;
  for (let i = 0; i < 5; i++) bits = bits * 256 + digest[i]!;
  let out = "";
  for (let i = 7; i >= 0; i--) out += ALPHABET[Math.floor(bits / 2 ** (i * 5)) % 32];
  return `D-${out}`;
}

/**
 * A fresh random reference id for a diagnosis that is stored: `D-` and 10 characters
 * (50 bits), so two diagnoses of the same state still get ids of their own.
 *
 * @example newReferenceId(cryptoRandom); // "D-4QF7K2M9XZ"
 */
export function newReferenceId(random: Random): string {
  let out = "D-";
  for (const b of random.bytes(10)) out += ALPHABET[b & 31];
  return out;
}
