/**
 * The compiled path: the same rule JSON turned once into synchronous predicates over the
 * derived facts. json-rules-engine deep-copies every rule's conditions and awaits a
 * promise per condition on each run, which is right for one interactive diagnosis and
 * ~30× too slow for a 100,000-user sweep. Semantics mirror the engine's (operators with
 * their validators, path reads on objects only); a differential test holds them equal.
 */
import type { FindingCode } from "../domain/catalogue";
import type { Facts } from "./facts";
import { pathReader } from "./paths";
import { evidenceOf, type ConditionResult, type Evidence } from "./evidence";
import { OPERATORS, type OperatorDefinition, type OperatorName } from "./operators";
import { isFactRef, type Condition } from "./rule-schema";
import type { RuleDefinition, RuleSet } from "./rules";

type Read = (facts: Facts) => unknown;
type Node = { test: (facts: Facts) => boolean; trace: (facts: Facts) => ConditionResult };

export type CompiledRule = {
  code: FindingCode;
  rule: RuleDefinition;
  /** Whether the rule fires. */
  test: (facts: Facts) => boolean;
  /** The evidence of a firing rule, as the engine path would report it. */
  explain: (facts: Facts) => Evidence[];
};

// Mirrors Almanac.factValue: a path is applied only to a non-null object value.
function reader(fact: string, path: string | undefined): Read {
  if (path === undefined) return (facts) => (facts as Record<string, unknown>)[fact];
  const resolve = pathReader(path);
  return (facts) => {
    const value = (facts as Record<string, unknown>)[fact];
    return value !== null && typeof value === "object" ? resolve(value) : value;
  };
}

function compileCondition(condition: Condition): Node {
  if ("all" in condition || "any" in condition) {
    const isAll = "all" in condition;
    const children = (isAll ? condition.all : condition.any).map(compileCondition);
    const tests = children.map((c) => c.test);
    // Plain loops: this runs ~50 times per user in a sweep, and `every` with an arrow
    // allocates a closure per call.
    const all = (f: Facts): boolean => {
      for (let i = 0; i < tests.length; i++) if (!tests[i]!(f)) return false;
      return true;
    };
    const any = (f: Facts): boolean => {
      for (let i = 0; i < tests.length; i++) if (tests[i]!(f)) return true;
      return false;
    };
    return {
      test: isAll ? all : any,
      trace: (f) => {
        const traced = children.map((c) => c.trace(f));
        const result = isAll ? traced.every((t) => t.result) : traced.some((t) => t.result);
        return isAll ? { all: traced, result } : { any: traced, result };
      },
    };
  }
  if ("not" in condition) {
    const inner = compileCondition(condition.not);
    return {
      test: (f) => !inner.test(f),
      trace: (f) => {
        const traced = inner.trace(f);
        return { not: traced, result: !traced.result };
      },
    };
  }
  const { fact, path, operator, value } = condition;
  const op: OperatorDefinition = OPERATORS[operator as OperatorName];
  const read = reader(fact, path);
  const expected: Read = isFactRef(value) ? reader(value.fact, value.path) : () => value;
  const validator = op.validator;
  const compare = op.compare;
  // Specialised for the common shapes (a literal value, no validator) to keep the hot
  // path to one property read and one comparison.
  let test: (f: Facts) => boolean;
  if (isFactRef(value))
    test = (f) => {
      const actual = read(f);
      return (validator === undefined || validator(actual)) && compare(actual, expected(f));
    };
  else if (validator !== undefined)
    test = (f) => {
      const actual = read(f);
      return validator(actual) && compare(actual, value);
    };
  else if (path === undefined) test = (f) => compare((f as Record<string, unknown>)[fact], value);
  else test = (f) => compare(read(f), value);
  return {
    test,
    trace: (f) => {
      const node: ConditionResult = { fact, operator, factResult: read(f), valueResult: expected(f), result: test(f) };
      if (path !== undefined) node.path = path;
      return node;
    },
  };
}

/**
 * Compiles every rule of a ruleset (kept in catalogue order).
 *
 * @example
 * const compiled = compileRules(loadRules({ hasArticle }));
 * compiled.filter((r) => r.test(facts)).map((r) => r.code); // ["user_not_in_sspr_scope"]
 */
export function compileRules(ruleSet: RuleSet): CompiledRule[] {
  return ruleSet.rules.map((rule) => {
    const node = compileCondition(rule.conditions);
    return { code: rule.code, rule, test: node.test, explain: (facts) => evidenceOf(node.trace(facts)) };
  });
}

/**
 * The codes that fire, in catalogue order.
 *
 * @example
 * firingCodes(compiled, facts); // ["not_enough_methods", "notifications_off"]
 */
export function firingCodes(compiled: readonly CompiledRule[], facts: Facts): FindingCode[] {
  const out: FindingCode[] = [];
  for (const rule of compiled) if (rule.test(facts)) out.push(rule.code);
  return out;
}
