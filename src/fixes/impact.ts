/**
 * The impact of a tenant-wide fix: how many users' verdicts it would change. A pure
 * policy change is measured with the what-if (`tenantWhatIf`); anything else (e.g.
 * registering a writeback connector) is written in a transaction that is always rolled
 * back, and the tenant is swept before and inside it.
 */
import { inTransaction } from "../db/client";
import { snapshotsForTenant, type LoadedSnapshot } from "../db/snapshots";
import type { Deps } from "../deps";
import type { FindingCode } from "../domain/catalogue";
import { verdictOf } from "../diagnosis/findings";
import { sharedMethodValues } from "../diagnosis/sweep";
import { tenantWhatIf } from "../flows/diagnosis";
import type { Plan } from "./definition";

/** Users shown by name in an impact; the counts are always complete. */
const NAMED_USERS = 20;

export type Impact = {
  users: number;
  /** Users with each finding the fix addresses, before and after (info findings change no verdict, so they show here). */
  findings: Partial<Record<FindingCode, { before: number; after: number }>>;
  /** Blocked before, not blocked after. */
  unblocked: number;
  /** Not blocked before, blocked after. */
  newlyBlocked: number;
  unblockedUsers: string[];
  newlyBlockedUsers: string[];
};

/** Thrown to end the dry run's transaction: better-sqlite3 rolls back on any throw. */
class DryRunDone extends Error {}

function codesByUser(
  deps: Pick<Deps, "diagnoser">,
  users: LoadedSnapshot[],
): Map<string, { upn: string; codes: FindingCode[] }> {
  const shared = sharedMethodValues(users);
  return new Map(
    users.map((u) => [
      u.userId,
      { upn: u.upn, codes: deps.diagnoser.findingCodes(u.snapshot, { sharedMethodValues: shared }) },
    ]),
  );
}

/**
 * What applying `plan` to the tenant would do to its users' verdicts and to the findings
 * the fix addresses.
 *
 * @example
 * impactOf(deps, "tnt-fabrikam", requireOneMethodPlan, ["not_enough_methods"]);
 * // { users: 3, findings: { not_enough_methods: { before: 1, after: 0 } }, unblocked: 1, newlyBlocked: 0, unblockedUsers: ["fiona.onemethod@fabrikam.example"], … }
 */
export function impactOf(deps: Deps, tenantId: string, plan: Plan, addresses: readonly FindingCode[]): Impact {
  if (plan.policyOverride) {
    const r = tenantWhatIf(deps, tenantId, plan.policyOverride);
    return {
      users: r.users,
      findings: Object.fromEntries(
        addresses.map((code) => [code, { before: r.perCode[code].before, after: r.perCode[code].after }]),
      ),
      unblocked: r.unblocked.length,
      newlyBlocked: r.newlyBlocked.length,
      unblockedUsers: r.unblocked.slice(0, NAMED_USERS).map((u) => u.upn),
      newlyBlockedUsers: r.newlyBlocked.slice(0, NAMED_USERS).map((u) => u.upn),
    };
  }
  const now = deps.clock.now();
  const before = codesByUser(deps, snapshotsForTenant(deps.db, now, tenantId));
  let after = before;
  try {
    inTransaction(deps.db, (tx) => {
      plan.write(tx);
      after = codesByUser(deps, snapshotsForTenant(deps.db, now, tenantId));
      throw new DryRunDone();
    });
  } catch (err) {
    if (!(err instanceof DryRunDone)) throw err;
  }
  const unblocked: string[] = [];
  const newlyBlocked: string[] = [];
  const findings = Object.fromEntries(addresses.map((code) => [code, { before: 0, after: 0 }]));
  for (const [id, b] of before) {
    const a = after.get(id)?.codes ?? [];
    for (const code of addresses) {
      if (b.codes.includes(code)) findings[code]!.before++;
      if (a.includes(code)) findings[code]!.after++;
    }
    const was = verdictOf(b.codes);
    const will = verdictOf(a);
    if (was === "blocked" && will !== "blocked") unblocked.push(b.upn);
    if (was !== "blocked" && will === "blocked") newlyBlocked.push(b.upn);
  }
  return {
    users: before.size,
    findings,
    unblocked: unblocked.length,
    newlyBlocked: newlyBlocked.length,
    unblockedUsers: unblocked.slice(0, NAMED_USERS),
    newlyBlockedUsers: newlyBlocked.slice(0, NAMED_USERS),
  };
}
