/**
 * The diagnosis use cases, written once for the API, the admin pages and the CLIs:
 * diagnose a stored user (load → maybe a what-if policy → diagnose under a fresh
 * reference id → store, so the id can be quoted), open a stored diagnosis, and the
 * tenant-wide questions "who cannot reset today, and why" (the sweep, paged here) and
 * "what would this policy change do" (what-if). Callers translate; they do not query.
 */
import { loadDiagnosis, storeDiagnosis } from "../db/diagnoses";
import { tenantGroupsByName, type GroupRow } from "../db/groups";
import { loadPolicy, snapshotForUser, withTenantSnapshots, type LoadedSnapshot } from "../db/snapshots";
import { findTenant, listTenants, type TenantRef } from "../db/tenants";
import { userRow } from "../db/users";
import type { Deps } from "../deps";
import { FINDING_CODES, type FindingCode } from "../domain/catalogue";
import type { Diagnosis } from "../domain/diagnosis";
import { applyPolicyOverride, type Policy, type PolicyOverride } from "../domain/snapshot";
import { newReferenceId } from "../diagnosis/reference-id";
import { sweep, whatIf, type SweepResult, type UserRef, type WhatIfResult } from "../diagnosis/sweep";

export type { TenantRef } from "../db/tenants";

type DiagnosisDeps = Pick<Deps, "db" | "clock" | "random" | "diagnoser">;
type TenantDeps = Pick<Deps, "db" | "clock" | "diagnoser">;

/** Who a diagnosis is about, as staff see them above it. */
export type Subject = { id: string; upn: string; displayName?: string; tenant?: TenantRef };

export type UserDiagnosis = { diagnosis: Diagnosis; subject: Subject; whatIf: boolean };

/**
 * The diagnosis of a stored user now, or undefined when there is no such user. With
 * `policy`, the tenant's policy is overridden first (what-if; nothing is saved). The
 * diagnosis is stored under a fresh reference id unless `store: false` (the CLI, which
 * prints it and keeps the engine's derived id: nothing stored, nothing to quote).
 *
 * @example
 * (await diagnoseUser(deps, "oscar.outside@contoso.example"))?.diagnosis.primary; // "user_not_in_sspr_scope"
 */
export async function diagnoseUser(
  deps: DiagnosisDeps,
  login: string,
  options: { policy?: PolicyOverride; store?: boolean } = {},
): Promise<UserDiagnosis | undefined> {
  const now = deps.clock.now();
  const loaded = snapshotForUser(deps.db, now, login);
  if (!loaded) return undefined;
  const override = options.policy;
  const snapshot = override
    ? { ...loaded.snapshot, policy: applyPolicyOverride(loaded.snapshot.policy, override) }
    : loaded.snapshot;
  const store = options.store ?? true;
  const diagnosis = await deps.diagnoser.diagnose(snapshot, store ? { id: newReferenceId(deps.random) } : {});
  if (store) storeDiagnosis(deps.db, now, diagnosis, { tenantId: loaded.tenantId, userId: loaded.userId });
  const row = userRow(deps.db, loaded.userId);
  return {
    diagnosis,
    subject: {
      id: loaded.userId,
      upn: loaded.upn,
      displayName: row?.displayName,
      tenant: findTenant(deps.db, loaded.tenantId),
    },
    whatIf: Boolean(override),
  };
}

export type StoredDiagnosis = {
  diagnosis: Diagnosis;
  storedAt: string;
  userId: string | null;
  tenantId: string | null;
  /** The user it was about, if they still exist. */
  user?: { id: string; upn: string };
};

/**
 * A stored diagnosis by its reference id (as given: callers normalise case), or undefined.
 *
 * @example openDiagnosis(deps, "D-7K3F9Q2M4X")?.diagnosis.verdict; // "blocked"
 */
export function openDiagnosis(deps: Pick<Deps, "db">, id: string): StoredDiagnosis | undefined {
  const stored = loadDiagnosis(deps.db, id);
  if (!stored) return undefined;
  const row = stored.userId ? userRow(deps.db, stored.userId) : undefined;
  return {
    diagnosis: stored.diagnosis,
    storedAt: stored.createdAt,
    userId: stored.userId,
    tenantId: stored.tenantId,
    ...(row ? { user: { id: row.id, upn: row.upn } } : {}),
  };
}

/** A tenant by id (`tnt-contoso`) or domain (`contoso.example`). */
export function openTenant(deps: Pick<Deps, "db">, idOrDomain: string): TenantRef | undefined {
  return findTenant(deps.db, idOrDomain);
}

/** Every tenant, by domain (the CLI names them when asked for one that does not exist). */
export function allTenants(deps: Pick<Deps, "db">): TenantRef[] {
  return listTenants(deps.db);
}

/** The tenant's stored policy and groups: where the what-if editor starts. */
export function tenantPolicy(deps: Pick<Deps, "db">, tenantId: string): { policy: Policy; groups: GroupRow[] } {
  return { policy: loadPolicy(deps.db, tenantId)!, groups: tenantGroupsByName(deps.db, tenantId) };
}

/**
 * A tenant's users streamed from the loader with the time spent reading them: the sweep
 * and what-if evaluate each user as it is read (one snapshot held at a time), so reading
 * and diagnosing interleave and the reading is clocked around each step of the stream.
 */
function streamedTenant<T>(
  deps: TenantDeps,
  tenantId: string,
  use: (
    users: Iterable<LoadedSnapshot>,
    count: number,
    options: { sharedMethodValues: ReadonlyMap<string, number> },
  ) => T,
): { result: T; loadMs: number; streamMs: number } {
  const started = performance.now();
  return withTenantSnapshots(deps.db, deps.clock.now(), tenantId, (tenant) => {
    const childRowsMs = performance.now() - started;
    // Time inside the stream (building each snapshot), which the caller's own clock also counts.
    let streamMs = 0;
    const timed = (function* () {
      const it = tenant.users[Symbol.iterator]();
      for (;;) {
        const t = performance.now();
        const next = it.next();
        streamMs += performance.now() - t;
        if (next.done) return;
        yield next.value;
      }
    })();
    const result = use(timed, tenant.count, { sharedMethodValues: tenant.sharedMethodValues });
    return { result, loadMs: childRowsMs + streamMs, streamMs };
  });
}

/**
 * The whole sweep of a tenant, every user of every code (the CSV export, the CLI, bulk
 * fixes). `progress` is told each time another 500 users are read, for a progress bar.
 * `durationMs` is the diagnosing, `loadMs` the reading (they interleave: users are
 * diagnosed as they are read).
 */
export function tenantSweep(
  deps: TenantDeps,
  tenantId: string,
  options: { progress?: (done: number, total: number) => void } = {},
): SweepResult & { loadMs: number } {
  const progress = options.progress;
  const { result, loadMs, streamMs } = streamedTenant(deps, tenantId, (users, count, shared) => {
    if (!progress) return sweep(users, deps.diagnoser, shared);
    let done = 0;
    const ticking = (function* () {
      for (const u of users) {
        yield u;
        if (++done % 500 === 0) progress(done, count);
      }
    })();
    const swept = sweep(ticking, deps.diagnoser, shared);
    progress(count, count);
    return swept;
  });
  return { ...result, durationMs: result.durationMs - streamMs, loadMs };
}

/** One page of the users behind a finding code. */
export type UserPage = { total: number; users: UserRef[]; nextOffset?: number };

export type TenantHealth = Omit<SweepResult, "usersByCode" | "counts"> & {
  /** Users per finding code, only the codes present, in catalogue order. */
  counts: Partial<Record<FindingCode, number>>;
  /** One page per code present (or just `code`, when asked for). */
  usersByCode: Partial<Record<FindingCode, UserPage>>;
  loadMs: number;
};

/**
 * Who in a tenant cannot reset today, and why: counts per code and one page of users
 * per code, `limit` users from `offset` (or only the asked-for code's page).
 *
 * @example
 * tenantHealth(deps, "tnt-contoso", { code: "user_not_in_sspr_scope", offset: 0, limit: 20 }).usersByCode.user_not_in_sspr_scope?.total; // 1
 */
export function tenantHealth(
  deps: TenantDeps,
  tenantId: string,
  page: { code?: FindingCode; offset: number; limit: number },
): TenantHealth {
  const result = tenantSweep(deps, tenantId);
  const present = FINDING_CODES.filter((k) => result.counts[k] > 0);
  const { offset, limit } = page;
  const usersByCode = Object.fromEntries(
    (page.code ? [page.code] : present).map((k) => {
      const all = result.usersByCode[k];
      return [
        k,
        {
          total: all.length,
          users: all.slice(offset, offset + limit),
          ...(offset + limit < all.length ? { nextOffset: offset + limit } : {}),
        },
      ];
    }),
  );
  const counts = Object.fromEntries(present.map((k) => [k, result.counts[k]]));
  return {
    users: result.users,
    verdicts: result.verdicts,
    counts,
    usersByCode,
    durationMs: result.durationMs,
    loadMs: result.loadMs,
  };
}

/** How many users a policy change would unblock or newly block, per code and in all (users streamed as for the sweep). */
export function tenantWhatIf(
  deps: TenantDeps,
  tenantId: string,
  override: PolicyOverride,
): WhatIfResult & { loadMs: number } {
  const { result, loadMs, streamMs } = streamedTenant(deps, tenantId, (users, _count, shared) =>
    whatIf(users, override, deps.diagnoser, shared),
  );
  return { ...result, durationMs: result.durationMs - streamMs, loadMs };
}
