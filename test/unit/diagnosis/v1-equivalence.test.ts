/**
 * A v1 snapshot's diagnosis is unchanged by catalogue v2 except where v2 says so: the
 * authenticator correction (one app is one method), no_license for a `free` licence, and
 * the new methods_kept_after_leave warning (the only v2 row whose condition reads v1 fields
 * alone). Today's diagnoser is held against the codes the v1 diagnoser itself gave
 * (test/fixtures/diagnosis/v1-results.json, written by v1-results.gen.ts from commit
 * ed364dd) for 10,000 generated v1 snapshots and the diagnosis examples.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FindingCode } from "../../../src/domain/catalogue";
import { countedMethods, usableMethodTypes } from "../../../src/domain/methods";
import { effectivePolicy } from "../../../src/domain/policy";
import { parseSnapshot, type Snapshot } from "../../../src/domain/snapshot";
import { diagnosisExamples } from "../../support/diagnosis-examples";
import { fingerprint, V1_SEED } from "../../fixtures/diagnosis/v1-results.gen";
import { v1CaseArb } from "./arbitraries";
import { diagnoser } from "./setup";

type V1Results = {
  codes: string[];
  seed: number;
  fingerprint: string;
  examples: [string, string][];
  generated: string[];
};
const v1: V1Results = JSON.parse(
  readFileSync(new URL("../../fixtures/diagnosis/v1-results.json", import.meta.url), "utf8"),
);
const decode = (encoded: string): string[] =>
  encoded === "" ? [] : encoded.split(".").map((i) => v1.codes[Number.parseInt(i, 36)]!);

// The rows whose condition reads the usable-method count the correction changed.
const COUNTED = new Set<string>([
  "security_questions_incomplete",
  "method_value_invalid",
  "method_unverified",
  "admin_needs_two_methods",
  "not_enough_methods",
  "single_point_of_failure",
]);

/** Whether one app counted as two methods, or a notification alone served, under v1. */
function correctionApplies(snapshot: Snapshot): boolean {
  const policy = effectivePolicy(snapshot);
  const usable = usableMethodTypes(snapshot, policy);
  return countedMethods(usable, policy.methodsRequired) !== new Set(usable).size;
}

const tally = { correction: 0, freeLicence: 0, leaver: 0, identical: 0 };

/** v2's codes equal v1's but for the three changes v2 makes, each checked on its own. */
function expectV1Semantics(snapshot: Snapshot, now: FindingCode[], before: string[]): void {
  const user = snapshot.user;
  expect(now.includes("no_license")).toBe(user !== null && (user.license === "none" || user.license === "free"));
  expect(now.includes("methods_kept_after_leave")).toBe(user !== null && !user.enabled && snapshot.methods.length > 0);
  if (user?.license === "free") tally.freeLicence++;
  if (now.includes("methods_kept_after_leave")) tally.leaver++;
  const v2Only = new Set<string>(["no_license", "methods_kept_after_leave"]);
  let a = now.filter((c) => !v2Only.has(c));
  let b = before.filter((c) => !v2Only.has(c));
  if (correctionApplies(snapshot)) {
    tally.correction++;
    a = a.filter((c) => !COUNTED.has(c));
    b = b.filter((c) => !COUNTED.has(c));
  } else if (a.length === now.length && b.length === before.length) tally.identical++;
  expect(a).toEqual(b);
}

describe("a v1 snapshot under catalogue v2", () => {
  it("keeps the diagnosis of every diagnosis example but for the v2 changes", () => {
    const byName = new Map(v1.examples);
    for (const example of diagnosisExamples()) {
      const parsed = parseSnapshot(example.snapshot);
      if (!parsed.ok) throw new Error(example.name);
      expectV1Semantics(parsed.snapshot, diagnoser.findingCodes(parsed.snapshot), decode(byName.get(example.name)!));
    }
  });

  it("keeps the diagnosis of 10,000 generated v1 snapshots but for the correction, free licences and leavers", () => {
    expect(v1.seed).toBe(V1_SEED);
    const cases = fc.sample(v1CaseArb, { seed: V1_SEED, numRuns: v1.generated.length });
    // A different fingerprint means the generator changed, not the diagnosis: regenerate (see v1-results.gen.ts).
    expect(fingerprint(cases)).toBe(v1.fingerprint);
    cases.forEach((c, i) =>
      expectV1Semantics(c.snapshot, diagnoser.findingCodes(c.snapshot, c.context), decode(v1.generated[i]!)),
    );
    // Each exception is exercised, and most snapshots need none.
    expect(tally.correction).toBeGreaterThan(100);
    expect(tally.freeLicence).toBeGreaterThan(100);
    expect(tally.leaver).toBeGreaterThan(100);
    expect(tally.identical).toBeGreaterThan(5_000);
  }, 300_000);
});
