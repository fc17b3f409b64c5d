/**
 * Operators: the mirrored built-ins behave exactly like json-rules-engine's own, and the
 * custom ones do what their names say.
 */
import { Engine } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import { OPERATORS, evaluateOperator, registerOperators, type OperatorName } from "../../../src/diagnosis/operators";

const VALUES: unknown[] = [
  0,
  1,
  5,
  -1,
  5.5,
  null,
  undefined,
  "5",
  "a",
  "",
  [1, 2],
  [],
  ["a"],
  true,
  false,
  Number.NaN,
  {},
];
type EngineOperator = { evaluate: (a: unknown, b: unknown) => boolean };
const engineOperators = (new Engine() as unknown as { operators: { get(name: string): EngineOperator | null } })
  .operators;
const outcome = (f: () => boolean): boolean | "throws" => {
  try {
    return f();
  } catch {
    return "throws";
  }
};

describe("OPERATORS", () => {
  const builtIns = (Object.keys(OPERATORS) as OperatorName[]).filter((name) => !OPERATORS[name].custom);

  it.each(builtIns.map((n) => [n]))("mirrors json-rules-engine's own %s on every pair of sample values", (name) => {
    const theirs = engineOperators.get(name)!;
    for (const a of VALUES)
      for (const b of VALUES) {
        expect(
          outcome(() => evaluateOperator(name, a, b)),
          `${name}(${String(a)}, ${String(b)})`,
        ).toEqual(outcome(() => theirs.evaluate(a, b)));
      }
  });

  it("says two lists share nothing with sharesNoneWith", () => {
    expect(evaluateOperator("sharesNoneWith", ["a", "b"], ["c"])).toBe(true);
    expect(evaluateOperator("sharesNoneWith", ["a", "b"], ["b"])).toBe(false);
    expect(evaluateOperator("sharesNoneWith", [], ["b"])).toBe(true);
    expect(evaluateOperator("sharesNoneWith", "a", ["b"])).toBe(false);
  });

  it("compares lists as sets with sameMembers", () => {
    expect(evaluateOperator("sameMembers", ["security_questions"], ["security_questions"])).toBe(true);
    expect(evaluateOperator("sameMembers", ["security_questions", "security_questions"], ["security_questions"])).toBe(
      true,
    );
    expect(evaluateOperator("sameMembers", ["security_questions", "email"], ["security_questions"])).toBe(false);
    expect(evaluateOperator("sameMembers", [], ["security_questions"])).toBe(false);
  });

  it("registers the custom operators on an engine", async () => {
    const engine = new Engine([
      { conditions: { all: [{ fact: "xs", operator: "sameMembers", value: ["a"] }] }, event: { type: "hit" } },
    ]);
    registerOperators(engine);
    expect((await engine.run({ xs: ["a", "a"] })).events).toEqual([{ type: "hit" }]);
  });
});
