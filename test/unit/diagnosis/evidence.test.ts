/**
 * Evidence from condition result trees: which conditions count as having decided.
 */
import { describe, expect, it } from "vitest";
import { evidenceOf } from "../../../src/diagnosis/evidence";

const leaf = (fact: string, result: boolean) => ({ fact, operator: "equal", factResult: 1, valueResult: 1, result });

describe("evidenceOf", () => {
  it("keeps every condition of an all block", () => {
    expect(evidenceOf({ all: [leaf("a", true), leaf("b", true)] }).map((e) => e.fact)).toEqual(["a", "b"]);
  });
  it("keeps the conditions that held in an any block", () => {
    expect(evidenceOf({ any: [leaf("a", false), leaf("b", true)] }).map((e) => e.fact)).toEqual(["b"]);
  });
  it("shows a negated condition under not as not:<operator>", () => {
    expect(evidenceOf({ not: { ...leaf("a", false) } })).toEqual([
      { fact: "a", operator: "not:equal", expected: 1, actual: 1 },
    ]);
  });
  it("walks nested blocks", () => {
    const tree = { any: [{ all: [leaf("a", true), leaf("b", true)], result: true }, leaf("c", false)] };
    expect(evidenceOf(tree).map((e) => e.fact)).toEqual(["a", "b"]);
  });
});
