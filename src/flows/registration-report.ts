/**
 * The registration report (Entra's "registered / capable" insight, with the why):
 * how many of a tenant's users registered anything, how many registered enough to reset
 * under their policy, how many can reset today, by method, and — for everyone who has
 * not registered enough — which registration finding stands in the way.
 */
import { methodCoverage } from "../db/registration";
import type { Deps } from "../deps";
import type { FindingCode } from "../domain/catalogue";
import { tenantSweep } from "./diagnosis";

/** The findings that mean "registered too little, or the wrong things" (CATALOGUE stage verify, rows 10–17). */
export const REGISTRATION_GAPS = [
  "not_registered",
  "admin_security_questions_only",
  "registered_methods_not_allowed",
  "security_questions_incomplete",
  "method_value_invalid",
  "method_unverified",
  "admin_needs_two_methods",
  "not_enough_methods",
] as const satisfies readonly FindingCode[];

export type RegistrationReport = {
  users: number;
  /** Registered at least one method. */
  registered: number;
  /** Registered enough usable methods for their policy (no registration gap). */
  enoughMethods: number;
  /** Can reset today (can_reset or at_risk). */
  canReset: number;
  byMethod: { method: string; users: number }[];
  gaps: { code: FindingCode; users: number }[];
};

/** @example registrationReport(deps, "tnt-contoso").enoughMethods */
export function registrationReport(
  deps: Pick<Deps, "db" | "clock" | "diagnoser">,
  tenantId: string,
): RegistrationReport {
  const sweep = tenantSweep(deps, tenantId);
  const coverage = methodCoverage(deps.db, tenantId);
  const gapped = new Set<string>();
  for (const code of REGISTRATION_GAPS) for (const u of sweep.usersByCode[code] ?? []) gapped.add(u.userId);
  return {
    users: sweep.users,
    registered: coverage.registeredUsers,
    enoughMethods: sweep.users - gapped.size,
    canReset: sweep.verdicts.can_reset + sweep.verdicts.at_risk,
    byMethod: Object.entries(coverage.byMethod)
      .map(([method, users]) => ({ method, users }))
      .sort((a, b) => b.users - a.users || a.method.localeCompare(b.method)),
    gaps: REGISTRATION_GAPS.filter((code) => sweep.counts[code]).map((code) => ({ code, users: sweep.counts[code]! })),
  };
}
