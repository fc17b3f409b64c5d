/**
 * Every user of a tenant with their standing verdict (the compiled rules over the stored
 * state without the last attempt, as the sweep runs them) and what the user list filters
 * on beside it — kept until the tenant's state version moves. Computing it reads and
 * diagnoses every user of the tenant (seconds for 100,000); the version, bumped by
 * triggers on every table the verdict is read from, is one indexed read. So a staff
 * member paging and filtering pays once, and a change anyone makes shows on the next view.
 * Time alone also changes verdicts (a throttle window ends, a pass expires), so what is
 * kept is also recomputed once it is STANDING_MAX_AGE_MS old.
 */
import { perDb } from "../db/prepared";
import { withTenantSnapshots } from "../db/snapshots";
import { tenantStateVersion } from "../db/tenant-state";
import {
  directMemberships,
  directoryUsers,
  groupGraph,
  lastAttempts,
  type AttemptRow,
  type DirectoryUser,
} from "../db/user-directory";
import type { Deps } from "../deps";
import type { Diagnoser } from "../diagnosis/engine";
import { verdictOf, type Verdict } from "../diagnosis/findings";
import { ADMIN_ROLES, catalogueIndex, FINDINGS, type FindingCode } from "../domain/catalogue";

const ADMIN = new Set<string>(ADMIN_ROLES);

/**
 * How long a tenant's verdicts are kept when nothing in it changed: the time-driven
 * changes (a throttle window closing, a pass expiring) show within this; a change a
 * person makes shows at once, through the version.
 */
export const STANDING_MAX_AGE_MS = 60_000;

export type StandingUser = DirectoryUser & {
  /** Holds an administrator role (stricter reset rules apply). */
  admin: boolean;
  verdict: Verdict;
  primary: FindingCode | null;
  codes: FindingCode[];
};

export type TenantStanding = {
  users: StandingUser[];
  attempts: Map<string, AttemptRow>;
  graph: ReturnType<typeof groupGraph>;
  members: Map<string, string[]>;
};

type Kept = { version: number; at: number; diagnoser: Diagnoser; standing: TenantStanding };

/** Per database (a closed test database takes its entries with it), per tenant id. */
const kept = perDb(() => new Map<string, Kept>());

/**
 * The tenant's users with their standing verdicts, in upn order; computed again only when
 * the tenant's state changed, the rules differ, or what is kept is STANDING_MAX_AGE_MS old.
 *
 * @example
 * tenantStanding(deps, "tnt-contoso").users.find((u) => u.upn === "nina.noreg@contoso.example")?.primary; // "not_registered"
 */
export function tenantStanding(deps: Pick<Deps, "db" | "clock" | "diagnoser">, tenantId: string): TenantStanding {
  const now = deps.clock.now();
  const version = tenantStateVersion(deps.db, tenantId);
  const byTenant = kept(deps.db);
  const hit = byTenant.get(tenantId);
  if (
    hit &&
    hit.version === version &&
    hit.diagnoser === deps.diagnoser &&
    Math.abs(now.getTime() - hit.at) < STANDING_MAX_AGE_MS
  )
    return hit.standing;
  const standing = computeStanding(deps, tenantId, now);
  byTenant.set(tenantId, { version, at: now.getTime(), diagnoser: deps.diagnoser, standing });
  return standing;
}

function computeStanding(deps: Pick<Deps, "db" | "diagnoser">, tenantId: string, now: Date): TenantStanding {
  const facts = new Map(directoryUsers(deps.db, tenantId).map((u) => [u.id, u]));
  const users: StandingUser[] = [];
  // Streamed as the sweep is (ADR 016): one user's snapshot at a time, not the tenant's.
  withTenantSnapshots(deps.db, now, tenantId, (tenant) => {
    for (const { userId, upn, snapshot } of tenant.users) {
      const u = facts.get(userId);
      if (!u) continue;
      // The standing state: the same snapshot without its last attempt.
      const standing = { ...snapshot };
      delete standing.attempt;
      const codes = deps.diagnoser
        .findingCodes(standing, { sharedMethodValues: tenant.sharedMethodValues })
        .sort((a, b) => catalogueIndex(a) - catalogueIndex(b));
      const primary =
        codes.find((c) => FINDINGS[c].severity === "blocker") ??
        codes.find((c) => FINDINGS[c].severity === "warning") ??
        null;
      users.push({ ...u, upn, admin: u.roles.some((r) => ADMIN.has(r)), verdict: verdictOf(codes), primary, codes });
    }
  });
  return {
    users,
    attempts: lastAttempts(deps.db, tenantId),
    graph: groupGraph(deps.db, tenantId),
    members: directMemberships(deps.db, tenantId),
  };
}
