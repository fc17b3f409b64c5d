/**
 * Evidence: the conditions that decided a finding, read from json-rules-engine's condition
 * results (`factResult` = actual, `valueResult` = expected, `result`). For an `all` block
 * that is every condition (they all held); for `any`, the ones that held; under `not`,
 * the ones that failed, with the operator shown as `not:<operator>`. The compiled path
 * builds the same result tree, so both paths give the same evidence.
 */

export type Evidence = {
  fact: string;
  path?: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  /** v2: where the snapshot's fact behind this row came from and when it was read (provenance.ts). */
  source?: { source: string; readAt?: string };
  /** v2, insufficient_evidence rows: how to obtain the unknown fact. */
  obtain?: string;
};

/** A condition result node, as json-rules-engine leaves it on `ruleResult.conditions`. */
export type ConditionResult = {
  all?: ConditionResult[];
  any?: ConditionResult[];
  not?: ConditionResult;
  fact?: string;
  path?: string;
  operator?: string;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
};

// Fact values may share arrays with the snapshot; evidence gets its own copy so a
// caller editing a diagnosis can never reach back into the state it was made from.
// Fact values are primitives, lists of primitives or flat objects of primitives.
function detach(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(detach);
  if (value !== null && typeof value === "object") return { ...value };
  return value;
}

function collect(node: ConditionResult, wanted: boolean, out: Evidence[]): void {
  const children = node.all ?? node.any;
  if (children !== undefined) {
    // A block that came out `wanted` did so because of its children that came out `wanted`.
    for (const child of children) if (child.result === wanted) collect(child, wanted, out);
    return;
  }
  if (node.not !== undefined) {
    collect(node.not, !wanted, out);
    return;
  }
  if (node.fact === undefined || node.result !== wanted) return;
  const item: Evidence = {
    fact: node.fact,
    operator: wanted ? node.operator! : `not:${node.operator!}`,
    expected: detach(node.valueResult),
    actual: detach(node.factResult),
  };
  if (node.path !== undefined) item.path = node.path;
  out.push(item);
}

/**
 * The evidence of a rule that fired.
 *
 * @example
 * evidenceOf({ all: [{ fact: "throttle", path: "codesSentLastHour", operator: "greaterThanInclusive",
 *   factResult: 5, valueResult: 5, result: true }], result: true });
 * // [{ fact: "throttle", path: "codesSentLastHour", operator: "greaterThanInclusive", expected: 5, actual: 5 }]
 */
export function evidenceOf(conditions: ConditionResult): Evidence[] {
  const out: Evidence[] = [];
  collect(conditions, true, out);
  return out;
}
