/**
 * The diagnosis use cases, written once for the API, the admin pages and the CLIs:
 * diagnose a stored user (load → maybe a what-if policy → diagnose under a fresh
 * reference id → store, so the id can be quoted), open a stored diagnosis, and the
 * tenant-wide questions "who cannot reset today, and why" (the sweep, paged here) and
 * "what would this policy change do" (what-if). Callers translate; they do not query.
 */
import { loadDiagnosis, storeDiagnosis } from "../db/diagnoses";
import { tenantGroupsByName, type GroupRow } from "../db/groups";
import { loadPolicy, snapshotForUser, withTenantSnapshots } from "../db/snapshots";
import { findTenant, listTenants, type TenantRef } from "../db/tenants";
import { userRow } from "../db/users";
import type { Deps } from "../deps";
import { FINDING_CODES, type FindingCode } from "../domain/catalogue";
import type { Diagnosis } from "../domain/diagnosis";
import { applyPolicyOverride, type Policy, type PolicyOverride } from "../domain/snapshot";
import { newReferenceId } from "../diagnosis/reference-id";
import type { SweepResult, UserRef, WhatIfResult } from "../diagnosis/sweep";
import { tenantPassInParallel, type ParallelOptions } from "./parallel-sweep";
import { tenantPass, type PassResult, type TenantJob } from "./tenant-pass";

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
 * `job` over a tenant: on every core for a large tenant in a database file
 * (flows/parallel-sweep.ts), else on this thread with users streamed from the loader (one
 * snapshot held at a time), reading and diagnosing interleaved and the reading clocked
 * around each step of the stream. Both answer the same, in upn order.
 */
function passOverTenant<J extends TenantJob>(
  deps: TenantDeps,
  tenantId: string,
  job: J,
  options: { progress?: (done: number, total: number) => void; parallel?: ParallelOptions | false },
): PassResult<J> & { loadMs: number } {
  if (options.parallel !== false) {
    const split = tenantPassInParallel(deps, tenantId, job, { ...options.parallel, progress: options.progress });
    if (split) return { ...split.result, loadMs: split.loadMs };
  }
  const started = performance.now();
  const { result, loadMs, streamMs } = withTenantSnapshots(deps.db, deps.clock.now(), tenantId, (tenant) => {
    const childRowsMs = performance.now() - started;
    const progress = options.progress;
    const users = progress
      ? (function* () {
          let done = 0;
          for (const u of tenant.users) {
            yield u;
            if (++done % 500 === 0) progress(done, tenant.count);
          }
          progress(tenant.count, tenant.count);
        })()
      : tenant.users;
    const pass = tenantPass(users, deps.diagnoser, tenant.sharedMethodValues, job);
    return { ...pass, loadMs: childRowsMs + pass.streamMs };
  });
  // Reading happens inside the pass, so the pass's own clock counted it too.
  result.durationMs -= streamMs;
  return Object.assign(result, { loadMs });
}

/**
 * The whole sweep of a tenant, every user of every code (the CSV export, the CLI, bulk
 * fixes). `progress` is told each time another 500 users are read, for a progress bar.
 * `durationMs` is the diagnosing, `loadMs` the reading (they interleave: users are
 * diagnosed as they are read). `parallel` tunes the split over cores (tests lower its
 * threshold; `false` keeps one thread).
 */
export function tenantSweep(
  deps: TenantDeps,
  tenantId: string,
  options: { progress?: (done: number, total: number) => void; parallel?: ParallelOptions | false } = {},
): SweepResult & { loadMs: number } {
  return passOverTenant(deps, tenantId, { kind: "sweep" }, options);
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

/**
 * How many users a policy change would unblock or newly block, per code and in all (users
 * read as for the sweep; `progress` as the sweep's).
 */
export function tenantWhatIf(
  deps: TenantDeps,
  tenantId: string,
  override: PolicyOverride,
  options: { progress?: (done: number, total: number) => void; parallel?: ParallelOptions | false } = {},
): WhatIfResult & { loadMs: number } {
  return passOverTenant(deps, tenantId, { kind: "whatIf", override }, options);
}
