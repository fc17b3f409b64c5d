/**
 * Properties every diagnosis keeps, over generated snapshots: findings sorted in catalogue
 * order, primary the first blocker, a verdict consistent with the severities.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FINDINGS, catalogueIndex, type FindingCode } from "../../../src/domain/catalogue";
import type { Diagnosis } from "../../../src/diagnosis/findings";
import { assertWithin, assertWithinAsync } from "../../support/property-budget";
import { caseArb } from "./arbitraries";
import { diagnoser, ruleSet } from "./setup";

const SEVERITY_RANK = { blocker: 0, warning: 1, info: 2 } as const;
// Rows that need no account: throttle counters, attempt errors, connector heartbeat, tenant hygiene.
const WITHOUT_ACCOUNT = new Set<FindingCode>([
  "account_not_found",
  "reset_blocked_temporarily",
  "too_many_codes_sent",
  "too_many_failed_verifications",
  "too_many_resets",
  "verification_code_wrong",
  "verification_code_expired",
  "security_answers_wrong",
  "password_too_short",
  "password_banned",
  "password_recently_used",
  "onprem_min_password_age",
  "onprem_password_policy_rejected",
  "writeback_heartbeat_late",
  "notifications_off",
  "registration_not_enforced",
  "security_questions_only_policy",
  "helpdesk_contact_missing",
  "reconfirm_never",
  // v2: attempt errors, tenant hygiene, and an unknown tenant fact that decides tenant hygiene
  "phone_number_mismatch",
  "onprem_account_not_found",
  "onprem_account_ambiguous",
  "writeback_unknown_error",
  "onprem_success_cloud_failure",
  "legacy_methods_policy",
  "insufficient_evidence",
]);

function checkInvariants(d: Diagnosis, userExists: boolean): void {
  const codes = d.findings.map((f) => f.code);
  expect(new Set(codes).size).toBe(codes.length);
  for (let i = 1; i < codes.length; i++) expect(catalogueIndex(codes[i - 1]!)).toBeLessThan(catalogueIndex(codes[i]!));
  for (let i = 1; i < d.findings.length; i++) {
    expect(SEVERITY_RANK[d.findings[i - 1]!.severity]).toBeLessThanOrEqual(SEVERITY_RANK[d.findings[i]!.severity]);
  }
  const blockers = d.findings.filter((f) => f.severity === "blocker");
  expect(d.primary).toBe(blockers[0]?.code ?? null);
  const warnings = d.findings.some((f) => f.severity === "warning");
  expect(d.verdict).toBe(blockers.length > 0 ? "blocked" : warnings ? "at_risk" : "can_reset");
  expect(d.checks).toEqual({ evaluated: ruleSet.rules.length, passed: ruleSet.rules.length - codes.length });
  for (const f of d.findings) {
    expect(f.severity).toBe(FINDINGS[f.code].severity);
    expect(f.disclosure).toBe(FINDINGS[f.code].disclosure);
    expect(f.fixes.map((x) => x.id)).toEqual([...FINDINGS[f.code].fixes]);
    expect(f.articles.length).toBeGreaterThan(0);
    expect(f.title).not.toMatch(/[\n{}]/);
    expect(f.explanation).not.toMatch(/[{}]/);
  }
  if (!userExists) for (const code of codes) expect(WITHOUT_ACCOUNT.has(code), code).toBe(true);
}

describe("diagnosis invariants", () => {
  // Up to 3,000 (compiled) and 400 (engine) cases, fewer on a loaded machine but never below the floor.
  it("sorts findings in catalogue order, picks the first blocker as primary and a consistent verdict (compiled)", () => {
    assertWithin(
      fc.property(caseArb, ({ snapshot, context }) =>
        checkInvariants(diagnoser.diagnoseCompiled(snapshot, context), snapshot.user !== null),
      ),
      { max: 3000, min: 500, timeLimitMs: 12_000 },
    );
    // Seconds of CPU on an idle machine; the generous bound is for a shared, loaded one.
  }, 300_000);

  it("holds the same invariants through json-rules-engine", async () => {
    await assertWithinAsync(
      fc.asyncProperty(caseArb, async ({ snapshot, context }) =>
        checkInvariants(await diagnoser.diagnose(snapshot, context), snapshot.user !== null),
      ),
      { max: 400, min: 100, timeLimitMs: 12_000 },
    );
  }, 300_000);
});
