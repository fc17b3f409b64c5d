/**
 * Operators rule conditions may use: json-rules-engine 7's built-ins, mirrored here with
 * the library's exact semantics (its fact-value validators included) so the compiled path
 * evaluates identically, plus our named custom operators, registered on the engine. A
 * name not in this table is a load error in rules.ts; decorators (`not:equal`, …) are not
 * offered — a rule needing one gets a named operator or a derived fact instead.
 */
import { Operator, type Engine } from "json-rules-engine";

export type OperatorDefinition = {
  /** The comparison, as json-rules-engine calls it: `(factValue, conditionValue)`. */
  compare: (fact: any, value: any) => boolean;
  /** Checked on the fact value first; false fails the condition (json-rules-engine semantics). */
  validator?: (fact: unknown) => boolean;
  custom: boolean;
  doc: string;
};

// json-rules-engine 7.3 engine-default-operators.js: numbers are validated with parseFloat.
// A number's own string always parses back to a number unless it is NaN, so numbers skip
// the string round trip (a sweep runs this millions of times); anything else takes it.
const isNumberLike = (fact: unknown): boolean =>
  typeof fact === "number" ? !Number.isNaN(fact) : Number.parseFloat(fact as string).toString() !== "NaN";
const isArray = (fact: unknown): boolean => Array.isArray(fact);

export const OPERATORS = {
  equal: { compare: (a, b) => a === b, custom: false, doc: "fact === value" },
  notEqual: { compare: (a, b) => a !== b, custom: false, doc: "fact !== value" },
  in: { compare: (a, b) => b.indexOf(a) > -1, custom: false, doc: "value (a list) holds the fact" },
  notIn: { compare: (a, b) => b.indexOf(a) === -1, custom: false, doc: "value (a list) lacks the fact" },
  contains: {
    compare: (a, b) => a.indexOf(b) > -1,
    validator: isArray,
    custom: false,
    doc: "fact (a list) holds value",
  },
  doesNotContain: {
    compare: (a, b) => a.indexOf(b) === -1,
    validator: isArray,
    custom: false,
    doc: "fact (a list) lacks value",
  },
  lessThan: { compare: (a, b) => a < b, validator: isNumberLike, custom: false, doc: "fact < value" },
  lessThanInclusive: { compare: (a, b) => a <= b, validator: isNumberLike, custom: false, doc: "fact <= value" },
  greaterThan: { compare: (a, b) => a > b, validator: isNumberLike, custom: false, doc: "fact > value" },
  greaterThanInclusive: { compare: (a, b) => a >= b, validator: isNumberLike, custom: false, doc: "fact >= value" },
  // Scope: "member of none of the selected groups" compares two lists, which no built-in does.
  sharesNoneWith: {
    compare: (a: unknown[], b: unknown) => Array.isArray(b) && !a.some((x) => b.includes(x)),
    validator: isArray,
    custom: true,
    doc: "fact and value (both lists) have no element in common",
  },
  // `methodsAllowed = [security_questions]` is a set equality, order and duplicates aside.
  sameMembers: {
    compare: (a: unknown[], b: unknown) =>
      Array.isArray(b) && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x)),
    validator: isArray,
    custom: true,
    doc: "fact and value (both lists) hold the same elements",
  },
} as const satisfies Record<string, OperatorDefinition>;
export type OperatorName = keyof typeof OPERATORS;

export function isOperatorName(name: string): name is OperatorName {
  return Object.hasOwn(OPERATORS, name);
}

/**
 * Evaluates an operator exactly as json-rules-engine's `Operator.evaluate` does:
 * validator first, then the comparison.
 *
 * @example
 * evaluateOperator("greaterThanInclusive", 5, 5); // true
 * evaluateOperator("greaterThan", null, 10); // false: null is not a number
 */
export function evaluateOperator(name: OperatorName, fact: unknown, value: unknown): boolean {
  const op: OperatorDefinition = OPERATORS[name];
  return (op.validator === undefined || op.validator(fact)) && op.compare(fact, value);
}

/**
 * Adds our custom operators to an engine (its built-ins already match the table above).
 *
 * @example
 * const engine = new Engine([], { pathResolver: resolvePath });
 * registerOperators(engine);
 */
export function registerOperators(engine: Engine): void {
  for (const [name, op] of Object.entries(OPERATORS) as [string, OperatorDefinition][]) {
    if (op.custom) engine.addOperator(new Operator(name, op.compare, op.validator));
  }
}
