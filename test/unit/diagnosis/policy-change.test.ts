/**
 * The what-if shares a user's facts and rule outcomes between the current and the
 * overridden policy (policy-change.ts). Its answer must be exactly the straightforward
 * one — every user diagnosed twice — for every override and every user, those with
 * unknown paths included; and the policy's section of the facts must be exactly the facts
 * that read the policy, or a change would leave a stale fact behind.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FACTS, computeFacts, factsUnderPolicy, policyFacts, type FactName } from "../../../src/diagnosis/facts";
import { factReads, overlaps } from "../../../src/diagnosis/fact-reads";
import { changedPolicyPaths } from "../../../src/diagnosis/policy-change";
import { whatIf, type TenantUser } from "../../../src/diagnosis/sweep";
import type { Diagnoser } from "../../../src/diagnosis/engine";
import { METHODS } from "../../../src/domain/catalogue";
import { applyPolicyOverride, parsePolicyOverride, type PolicyOverride } from "../../../src/domain/snapshot";
import { assertWithin } from "../../support/property-budget";
import { snapshot, tenantUsers } from "../../support/snapshots";
import { caseArb, unknownCaseArb } from "./arbitraries";
import { diagnoser } from "./setup";

/** Today's what-if before the sharing: both diagnoses in full. */
const twice: Diagnoser = {
  ...diagnoser,
  findingCodesBeforeAfter: (snapshot, policy, context) => ({
    before: diagnoser.findingCodes(snapshot, context),
    after: diagnoser.findingCodes({ ...snapshot, policy }, context),
  }),
};

const override = (input: unknown): PolicyOverride => {
  const parsed = parsePolicyOverride(input);
  if (!parsed.ok) throw new Error(`invalid override in the test: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
};

/** One override per kind of policy field, each to a value the generated snapshots often lack. */
const OVERRIDES: [string, PolicyOverride][] = [
  ["enablement: all", override({ enablement: "all" })],
  ["enablement: none", override({ enablement: "none" })],
  ["selected groups", override({ enablement: "selected", selectedGroups: ["g2", "g3"] })],
  ["methods allowed: more", override({ methodsAllowed: [...METHODS] })],
  ["methods allowed: questions only", override({ methodsAllowed: ["security_questions"] })],
  ["methods required", override({ methodsRequired: 2 })],
  ["questions to reset", override({ securityQuestions: { toReset: 5 } })],
  ["registration", override({ registration: { requireAtSignIn: false, reconfirmDays: 1 } })],
  ["notifications", override({ notifications: { notifyUserOnReset: false } })],
  ["helpdesk: none", override({ helpdesk: { url: "", email: "" } })],
  ["helpdesk: a url", override({ helpdesk: { url: "https://help.example" } })],
  ["on-premises", override({ onPremises: { writebackEnabled: true, allowUnlockWithoutReset: true } })],
  ["admins", override({ admins: { ssprEnabled: false } })],
  ["methods policy", override({ methodsPolicy: { migrationState: "preMigration" } })],
];

const opt = { requiredKeys: [] as never[] };
/** Any override of any policy fields. */
const overrideArb: fc.Arbitrary<PolicyOverride> = fc
  .record(
    {
      enablement: fc.constantFrom("none", "selected", "all"),
      selectedGroups: fc.subarray(["g1", "g2", "g3", "g4"]),
      methodsAllowed: fc.subarray([...METHODS]),
      methodsRequired: fc.constantFrom(1, 2),
      securityQuestions: fc.record(
        { toRegister: fc.integer({ min: 3, max: 5 }), toReset: fc.integer({ min: 3, max: 5 }) },
        opt,
      ),
      registration: fc.record({ requireAtSignIn: fc.boolean(), reconfirmDays: fc.constantFrom(0, 1, 30, 730) }, opt),
      notifications: fc.record({ notifyUserOnReset: fc.boolean(), notifyAdminsOnAdminReset: fc.boolean() }, opt),
      helpdesk: fc.record(
        { url: fc.constantFrom("https://help.example", " ", ""), email: fc.constantFrom("it@x.example", "") },
        opt,
      ),
      onPremises: fc.record({ writebackEnabled: fc.boolean(), allowUnlockWithoutReset: fc.boolean() }, opt),
      admins: fc.record({ ssprEnabled: fc.boolean() }),
      methodsPolicy: fc.record({
        migrationState: fc.constantFrom("preMigration", "migrationInProgress", "migrationComplete"),
      }),
    },
    opt,
  )
  .map(override);

const asTenant = (cases: { snapshot: TenantUser["snapshot"] }[]): TenantUser[] =>
  cases.map(({ snapshot }, i) => ({ userId: `u${i}`, upn: snapshot.user?.upn ?? `u${i}@x.example`, snapshot }));

const withoutDuration = <T extends { durationMs: number }>(r: T) => ({ ...r, durationMs: 0 });

describe("policyFacts", () => {
  it("holds exactly the facts that read a policy path", () => {
    const readers = (Object.keys(FACTS) as FactName[]).filter((fact) =>
      factReads(fact).some((read) => overlaps(read, "policy")),
    );
    expect(Object.keys(policyFacts(snapshot())).sort()).toEqual(readers.sort());
  });
});

describe("factsUnderPolicy", () => {
  it("answers the facts of the snapshot under the new policy from the facts under the old", () => {
    assertWithin(
      fc.property(caseArb, overrideArb, ({ snapshot, context }, change) => {
        const changed = { ...snapshot, policy: applyPolicyOverride(snapshot.policy, change) };
        expect(factsUnderPolicy(computeFacts(snapshot, context), changed)).toEqual(computeFacts(changed, context));
      }),
      { max: 500, min: 50, timeLimitMs: 3_000 },
    );
  });
});

describe("changedPolicyPaths", () => {
  it("names each field an override changes, down to a nested field, and none it keeps", () => {
    // A v1 policy: no `admins` object, so setting one names the whole object.
    const { policy } = snapshot({ policy: { methodsRequired: 1, registration: { reconfirmDays: 30 } } });
    expect(changedPolicyPaths(policy, applyPolicyOverride(policy, { methodsRequired: 2 }))).toEqual([
      "policy.methodsRequired",
    ]);
    expect(
      changedPolicyPaths(
        policy,
        applyPolicyOverride(policy, { registration: { requireAtSignIn: true, reconfirmDays: 1 } }),
      ),
    ).toEqual(["policy.registration.reconfirmDays"]);
    expect(changedPolicyPaths(policy, applyPolicyOverride(policy, { methodsRequired: 1 }))).toEqual([]);
    expect(changedPolicyPaths(policy, applyPolicyOverride(policy, { admins: { ssprEnabled: false } }))).toEqual([
      "policy.admins",
    ]);
  });
});

describe("findingCodesBeforeAfter", () => {
  it("answers what two full diagnoses answer, for any snapshot and any override", () => {
    assertWithin(
      fc.property(fc.oneof(caseArb, unknownCaseArb), overrideArb, ({ snapshot, context }, change) => {
        const policy = applyPolicyOverride(snapshot.policy, change);
        expect(diagnoser.findingCodesBeforeAfter(snapshot, policy, context)).toEqual({
          before: diagnoser.findingCodes(snapshot, context),
          after: diagnoser.findingCodes({ ...snapshot, policy }, context),
        });
      }),
      { max: 2_000, min: 200, timeLimitMs: 6_000 },
    );
  });
});

describe("whatIf", () => {
  // Generated users of every shape (a tenth with unknown paths, and as many again with
  // one to three) beside the bench's tenant, whose users share one policy object.
  const generated = asTenant([
    ...fc.sample(caseArb, { numRuns: 300, seed: 17 }),
    ...fc.sample(unknownCaseArb, { numRuns: 30, seed: 18 }),
  ]);
  const bench = tenantUsers(300, 5);

  it.each(OVERRIDES)("answers exactly the two-diagnosis what-if under %s", (_, change) => {
    for (const tenant of [generated, bench]) {
      expect(withoutDuration(whatIf(tenant, change, diagnoser))).toEqual(
        withoutDuration(whatIf(tenant, change, twice)),
      );
    }
  });

  it("moves users under the overrides, so the comparison above compares something", () => {
    const moved = OVERRIDES.filter(([, change]) =>
      Object.values(whatIf(generated, change, diagnoser).perCode).some((c) => c.delta !== 0),
    );
    expect(moved.length).toBeGreaterThanOrEqual(OVERRIDES.length - 2);
  });
});
