import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceId, stableStringify } from "../../src/diagnosis/reference-id";
import { tenantUsers } from "../support/snapshots";

/** The definition stableStringify must agree with: JSON.stringify of a copy with every object's keys sorted. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortedCopy((value as Record<string, unknown>)[k])]),
  );
}

describe("stableStringify", () => {
  it("writes the same text as JSON.stringify of a key-sorted copy, for any JSON value", () => {
    // Full Unicode strings, so quotes, backslashes, control characters and surrogates all occur.
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "binary" }), (value) => {
        expect(stableStringify(value)).toBe(JSON.stringify(sortedCopy(value)));
      }),
      { numRuns: 500 },
    );
  });

  it("treats lone surrogates, odd keys, undefined members and non-finite numbers as JSON.stringify does", () => {
    const value = { 'k"ey\n': "\ud800 lone", b: [undefined, Infinity, -0, NaN], a: undefined, c: "é ✓ 😀" };
    expect(stableStringify(value)).toBe(JSON.stringify(sortedCopy(value)));
  });

  it("does not depend on key order", () => {
    expect(stableStringify({ b: 1, a: { d: [1, 2], c: "x" } })).toBe(
      stableStringify({ a: { c: "x", d: [1, 2] }, b: 1 }),
    );
  });
});

describe("referenceId", () => {
  it("gives the same snapshot the same id whatever its key order, and different snapshots different ids", () => {
    const [one, two] = tenantUsers(2, 7).map((u) => u.snapshot);
    const reordered = JSON.parse(JSON.stringify(sortedCopy(one))) as unknown;
    expect(referenceId([one, "v1"])).toBe(referenceId([reordered, "v1"]));
    expect(referenceId([one, "v1"])).not.toBe(referenceId([two, "v1"]));
    expect(referenceId([one, "v1"])).not.toBe(referenceId([one, "v2"]));
    expect(referenceId([one, "v1"])).toMatch(/^D-[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it("is the first 40 bits of SHA-256 over the stable text, in Crockford base32", () => {
    // sha256('["x"]') begins cd65ea2c2a: 11001 10101 10010 11110 10100 01011 00001 01010 → S N J Y M B 1 A.
    expect(referenceId(["x"])).toBe("D-SNJYMB1A");
  });
});
