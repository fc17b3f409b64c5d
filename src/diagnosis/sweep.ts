/**
 * Tenant sweeps and what-if: "who cannot reset today, and why" over every user of a
 * tenant, and "what would change under this policy" — both through the compiled path,
 * which answers the same findings as the engine at bulk speed. A sweep first counts how
 * many users share each phone or email (`method_in_use_by_many` needs the whole tenant),
 * then diagnoses each user with that context. Pure: snapshots in, figures out.
 */
import { FINDING_CODES, type FindingCode } from "../domain/catalogue";
import { usersPerContactValue } from "../domain/methods";
import { applyPolicyOverride, type PolicyOverride, type Snapshot } from "../domain/snapshot";
import type { Diagnoser } from "./engine";
import { verdictOf, type Verdict } from "./findings";

export type TenantUser = { userId: string; upn: string; snapshot: Snapshot };
export type UserRef = { userId: string; upn: string };

export type SweepOptions = {
  /**
   * Users per contact value, if the caller already has them (e.g. one GROUP BY in the
   * database); then the snapshots are read in a single streaming pass. Without it they are
   * counted here first, which needs a second pass (a one-shot iterable is buffered).
   */
  sharedMethodValues?: ReadonlyMap<string, number>;
};

export type SweepResult = {
  users: number;
  counts: Record<FindingCode, number>;
  usersByCode: Record<FindingCode, UserRef[]>;
  verdicts: Record<Verdict, number>;
  durationMs: number;
};

export type WhatIfResult = {
  users: number;
  /** Users whose verdict differs under the override. */
  changed: number;
  /** Blocked before, not blocked after. */
  unblocked: UserRef[];
  /** Not blocked before, blocked after. */
  newlyBlocked: UserRef[];
  /** Not at risk before, at risk after (warnings only). */
  newlyAtRisk: UserRef[];
  /** Blocked or at risk before, able to reset after. */
  newlyAble: UserRef[];
  /**
   * The same three transitions grouped by finding: for newly blocked / at risk, the codes
   * the user gains; for newly able, the codes the user loses. A user may sit under several.
   */
  byFinding: {
    newlyBlocked: Partial<Record<FindingCode, UserRef[]>>;
    newlyAtRisk: Partial<Record<FindingCode, UserRef[]>>;
    newlyAble: Partial<Record<FindingCode, UserRef[]>>;
  };
  perCode: Record<FindingCode, { before: number; after: number; delta: number }>;
  durationMs: number;
};

const perCode = <T>(make: () => T): Record<FindingCode, T> =>
  Object.fromEntries(FINDING_CODES.map((code) => [code, make()])) as Record<FindingCode, T>;

/**
 * How many distinct users registered each contact value (key: `methodValueKey`).
 *
 * @example
 * sharedMethodValues(users).get("phone:+37126000007"); // 4
 */
export function sharedMethodValues(users: Iterable<Pick<TenantUser, "snapshot">>): Map<string, number> {
  return usersPerContactValue(
    (function* () {
      for (const { snapshot } of users) yield snapshot.methods;
    })(),
  );
}

function withShared(
  users: Iterable<TenantUser>,
  options: SweepOptions,
): { users: Iterable<TenantUser>; shared: ReadonlyMap<string, number> } {
  if (options.sharedMethodValues) return { users, shared: options.sharedMethodValues };
  const all = Array.isArray(users) ? (users as TenantUser[]) : [...users];
  return { users: all, shared: sharedMethodValues(all) };
}

/**
 * Diagnoses every user of a tenant and tallies the findings.
 *
 * @example
 * const health = sweep(tenantUsers, diagnoser);
 * health.counts.user_not_in_sspr_scope; // 1834
 * health.usersByCode.user_not_in_sspr_scope[0]; // { userId: "usr-7", upn: "janis.ozols@fabrikam.example" }
 */
export function sweep(users: Iterable<TenantUser>, diagnoser: Diagnoser, options: SweepOptions = {}): SweepResult {
  const started = performance.now();
  const source = withShared(users, options);
  const counts = perCode(() => 0);
  const usersByCode = perCode((): UserRef[] => []);
  const verdicts: Record<Verdict, number> = { can_reset: 0, blocked: 0, at_risk: 0 };
  let total = 0;
  for (const { userId, upn, snapshot } of source.users) {
    total++;
    const codes = diagnoser.findingCodes(snapshot, { sharedMethodValues: source.shared });
    const ref = { userId, upn };
    for (const code of codes) {
      counts[code]++;
      usersByCode[code].push(ref);
    }
    verdicts[verdictOf(codes)]++;
  }
  return { users: total, counts, usersByCode, verdicts, durationMs: performance.now() - started };
}

/**
 * Compares every user's diagnosis under the current policy and under `override`.
 *
 * @example
 * const r = whatIf(tenantUsers, { methodsAllowed: ["email", "mobile_sms", "authenticator_code"] }, diagnoser);
 * r.unblocked.length; // 212
 * r.perCode.registered_methods_not_allowed; // { before: 212, after: 0, delta: -212 }
 */
export function whatIf(
  users: Iterable<TenantUser>,
  override: PolicyOverride,
  diagnoser: Diagnoser,
  options: SweepOptions = {},
): WhatIfResult {
  const started = performance.now();
  const source = withShared(users, options);
  const context = { sharedMethodValues: source.shared };
  const codes = perCode(() => ({ before: 0, after: 0, delta: 0 }));
  const unblocked: UserRef[] = [];
  const newlyBlocked: UserRef[] = [];
  const newlyAtRisk: UserRef[] = [];
  const newlyAble: UserRef[] = [];
  const byFinding: WhatIfResult["byFinding"] = { newlyBlocked: {}, newlyAtRisk: {}, newlyAble: {} };
  const file = (group: Partial<Record<FindingCode, UserRef[]>>, codes: FindingCode[], ref: UserRef) => {
    for (const code of codes) (group[code] ??= []).push(ref);
  };
  let total = 0;
  let changed = 0;
  // Policies are usually shared by every user of a tenant: merge each distinct one once.
  let lastPolicy: Snapshot["policy"] | undefined;
  let lastMerged: Snapshot["policy"] | undefined;
  for (const { userId, upn, snapshot } of source.users) {
    total++;
    if (snapshot.policy !== lastPolicy) {
      lastPolicy = snapshot.policy;
      lastMerged = applyPolicyOverride(snapshot.policy, override);
    }
    const { before, after } = diagnoser.findingCodesBeforeAfter(snapshot, lastMerged!, context);
    for (const code of before) codes[code].before++;
    for (const code of after) codes[code].after++;
    const was = verdictOf(before);
    const now = verdictOf(after);
    if (was !== now) changed++;
    if (was === "blocked" && now !== "blocked") unblocked.push({ userId, upn });
    if (was === now) continue;
    // Only users whose verdict moves are grouped, so the sets are computed only for them.
    const ref = { userId, upn };
    const gained = after.filter((c) => !before.includes(c));
    const lost = before.filter((c) => !after.includes(c));
    if (now === "blocked") {
      newlyBlocked.push(ref);
      file(byFinding.newlyBlocked, gained.length ? gained : after, ref);
    } else if (now === "at_risk") {
      newlyAtRisk.push(ref);
      file(byFinding.newlyAtRisk, gained.length ? gained : after, ref);
    } else {
      newlyAble.push(ref);
      file(byFinding.newlyAble, lost, ref);
    }
  }
  for (const code of FINDING_CODES) codes[code].delta = codes[code].after - codes[code].before;
  return {
    users: total,
    changed,
    unblocked,
    newlyBlocked,
    newlyAtRisk,
    newlyAble,
    byFinding,
    perCode: codes,
    durationMs: performance.now() - started,
  };
}
