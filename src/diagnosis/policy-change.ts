/**
 * A user's codes before and after a policy change, for the tenant what-if, at a little more
 * than the cost of one diagnosis instead of two. A what-if changes only `snapshot.policy`,
 * so the facts that do not read the policy are the same after (facts.ts keeps those that
 * do in a section of their own, `policyFacts`), and a rule that reads none of the policy
 * paths the change touches has the same outcome after as before (its reads come from
 * fact-reads.ts through rule-worlds.ts). Only the rules that can see the change are tried
 * again, on the before-facts with the policy section recomputed. A snapshot with unknown
 * paths keeps the full second evaluation: its worlds may vary the policy itself.
 * See docs/decisions/016, "What-if shares the facts".
 */
import { isDeepStrictEqual } from "node:util";
import type { FindingCode } from "../domain/catalogue";
import type { Policy, Snapshot } from "../domain/snapshot";
import type { CompiledRule } from "./compiled";
import { overlaps } from "./fact-reads";
import { computeFacts, factsUnderPolicy, type FactContext, type Facts } from "./facts";
import { findingCodesOverWorlds, ruleReads } from "./rule-worlds";

export type CodesBeforeAfter = { before: FindingCode[]; after: FindingCode[] };

/**
 * The paths (`policy.methodsAllowed`, `policy.registration.reconfirmDays`) at which two
 * policies differ: nested objects are compared key by key, anything else as a whole.
 *
 * @example
 * changedPolicyPaths(policy, { ...policy, methodsRequired: 2 }); // ["policy.methodsRequired"]
 */
export function changedPolicyPaths(before: Policy, after: Policy): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (a === b) return;
    const isRecord = (v: unknown): v is Record<string, unknown> =>
      v !== null && typeof v === "object" && !Array.isArray(v);
    if (isRecord(a) && isRecord(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[key], b[key], `${path}.${key}`);
    } else if (!isDeepStrictEqual(a, b)) out.push(path);
  };
  walk(before, after, "policy");
  return out;
}

/** Per rule (compiled order), whether it reads any of `changed`. */
function rulesSeeing(compiled: readonly CompiledRule[], changed: readonly string[]): boolean[] {
  // "" is a fact rule-worlds.ts could not place: it reads everything.
  return ruleReads(compiled).map((reads) =>
    reads.some((read) => read === "" || changed.some((path) => overlaps(read, path))),
  );
}

// The what-if hands every user of a policy the same two policy objects: one entry suffices.
type Seen = { before: Policy; after: Policy; retest: boolean[] };
const lastSeen = new WeakMap<readonly CompiledRule[], Seen>();

function retestFor(compiled: readonly CompiledRule[], before: Policy, after: Policy): boolean[] {
  const seen = lastSeen.get(compiled);
  if (seen !== undefined && seen.before === before && seen.after === after) return seen.retest;
  const retest = rulesSeeing(compiled, changedPolicyPaths(before, after));
  lastSeen.set(compiled, { before, after, retest });
  return retest;
}

/**
 * The codes `snapshot` finds, and those it finds with `policy` in place of its own — what
 * `findingCodesOverWorlds` answers for each, in catalogue order.
 *
 * @example
 * codesBeforeAfter(compiled, snapshot, applyPolicyOverride(snapshot.policy, { methodsRequired: 2 }));
 * // { before: ["single_point_of_failure"], after: ["not_enough_methods"] }
 */
export function codesBeforeAfter(
  compiled: readonly CompiledRule[],
  snapshot: Snapshot,
  policy: Policy,
  context: FactContext = {},
): CodesBeforeAfter {
  if (snapshot.unknown !== undefined && snapshot.unknown.length > 0)
    return {
      before: findingCodesOverWorlds(compiled, snapshot, context),
      after: findingCodesOverWorlds(compiled, { ...snapshot, policy }, context),
    };
  const retest = retestFor(compiled, snapshot.policy, policy);
  const facts = computeFacts(snapshot, context);
  let factsAfter: Facts | undefined;
  const before: FindingCode[] = [];
  const after: FindingCode[] = [];
  for (let r = 0; r < compiled.length; r++) {
    const rule = compiled[r]!;
    const fires = rule.test(facts);
    if (fires) before.push(rule.code);
    if (retest[r]) {
      factsAfter ??= factsUnderPolicy(facts, { ...snapshot, policy });
      if (rule.test(factsAfter)) after.push(rule.code);
    } else if (fires) after.push(rule.code);
  }
  return { before, after };
}
