/**
 * The staff user list and a user's record: every user with their standing verdict and
 * primary finding (the compiled rules over the stored state, as the sweep runs them),
 * their last attempt beside it, filters and paging; a user's methods (masked), groups
 * with their nesting paths, licence and attempt timeline; and bulk fixes over the
 * list's current filter — previewed per user, applied in a server-side batch loop
 * whose progress a page can poll. The standing verdict ignores the last attempt on
 * purpose: a wrong code typed once is something that happened, not what the user is.
 */
import { randomUUID } from "node:crypto";
import { queryAudit } from "../db/audit";
import {
  directMemberships,
  directoryUsers,
  groupGraph,
  lastAttempts,
  userAttempts,
  userMethodRows,
  type AttemptRow,
} from "../db/user-directory";
import { snapshotsForTenant } from "../db/snapshots";
import { findTenant, listTenants, type TenantRef } from "../db/tenants";
import { userRow } from "../db/users";
import type { Deps } from "../deps";
import { ADMIN_ROLES, catalogueIndex, FINDINGS, type FindingCode, type Method } from "../domain/catalogue";
import { sharedMethodValues } from "../diagnosis/sweep";
import { verdictOf, type Verdict } from "../diagnosis/findings";
import { AppError } from "../errors";
import { applyFix } from "../fixes/apply";
import { outcomeOf, type BulkOutcome } from "../fixes/bulk";
import { applyRefusal, type Operator } from "../fixes/permission";
import { previewFix, type PreviewResult } from "../fixes/preview";
import { listFixes } from "../fixes/registry";
import { maskValue } from "./masking";

export type UserFilter = {
  tenant?: string;
  verdict?: Verdict;
  finding?: FindingCode;
  /** A group id: members directly or through nesting. */
  group?: string;
  admin?: boolean;
  source?: "cloud" | "synced";
  /** Part of the upn or display name, case-insensitive. */
  q?: string;
};

export type UserListRow = {
  id: string;
  upn: string;
  displayName: string;
  tenant: TenantRef;
  verdict: Verdict;
  primary: FindingCode | null;
  codes: FindingCode[];
  admin: boolean;
  source: "cloud" | "synced";
  lastAttempt?: AttemptRow;
};

type Listed = { rows: UserListRow[]; groups: { id: string; name: string; tenant: string }[] };

const ADMIN = new Set(ADMIN_ROLES);

/** A group and every group it is nested in, transitively. */
function ancestors(parents: Map<string, string[]>, id: string, seen = new Set<string>()): Set<string> {
  if (seen.has(id)) return seen;
  seen.add(id);
  for (const p of parents.get(id) ?? []) ancestors(parents, p, seen);
  return seen;
}

/** Every user matching the filter, across the tenants asked for, in tenant then upn order. */
function listAll(deps: Pick<Deps, "db" | "clock" | "diagnoser">, filter: UserFilter): Listed {
  const tenants = filter.tenant
    ? [findTenant(deps.db, filter.tenant)].filter((t) => t !== undefined)
    : listTenants(deps.db);
  const now = deps.clock.now();
  const q = filter.q?.trim().toLowerCase();
  const rows: UserListRow[] = [];
  const groups: Listed["groups"] = [];
  for (const tenant of tenants) {
    const facts = new Map(directoryUsers(deps.db, tenant.id).map((u) => [u.id, u]));
    const attempts = lastAttempts(deps.db, tenant.id);
    const graph = groupGraph(deps.db, tenant.id);
    for (const [id, name] of graph.names) groups.push({ id, name, tenant: tenant.domain });
    const members = directMemberships(deps.db, tenant.id);
    const snapshots = snapshotsForTenant(deps.db, now, tenant.id);
    const shared = sharedMethodValues(snapshots);
    for (const { userId, upn, snapshot } of snapshots) {
      const u = facts.get(userId);
      if (!u) continue;
      if (filter.source && u.source !== filter.source) continue;
      const admin = u.roles.some((r) => ADMIN.has(r));
      if (filter.admin !== undefined && admin !== filter.admin) continue;
      if (q && !u.upn.toLowerCase().includes(q) && !u.displayName.toLowerCase().includes(q)) continue;
      if (filter.group) {
        const all = new Set<string>();
        for (const g of members.get(userId) ?? []) ancestors(graph.parents, g, all);
        if (!all.has(filter.group)) continue;
      }
      // The standing state: the same snapshot without its last attempt.
      const standing = { ...snapshot };
      delete standing.attempt;
      const codes = deps.diagnoser
        .findingCodes(standing, { sharedMethodValues: shared })
        .sort((a, b) => catalogueIndex(a) - catalogueIndex(b));
      const verdict = verdictOf(codes);
      if (filter.verdict && verdict !== filter.verdict) continue;
      const last = attempts.get(userId);
      // An attempt's code is asked of the last attempt: it is never part of the standing state.
      if (filter.finding && !codes.includes(filter.finding) && last?.error !== filter.finding) continue;
      const primary =
        codes.find((c) => FINDINGS[c].severity === "blocker") ??
        codes.find((c) => FINDINGS[c].severity === "warning") ??
        null;
      rows.push({
        id: userId,
        upn,
        displayName: u.displayName,
        tenant,
        verdict,
        primary,
        codes,
        admin,
        source: u.source,
        ...(last ? { lastAttempt: last } : {}),
      });
    }
  }
  return { rows, groups };
}

/**
 * One page of the user list under a filter, and the groups the filter can pick from.
 *
 * @example
 * listUsers(deps, { finding: "not_registered" }, { offset: 0, limit: 50 }).rows.map((r) => r.upn); // [..., "nina.noreg@contoso.example", ...]
 */
export function listUsers(
  deps: Pick<Deps, "db" | "clock" | "diagnoser">,
  filter: UserFilter,
  page: { offset: number; limit: number },
): { total: number; rows: UserListRow[]; groups: Listed["groups"]; nextOffset?: number } {
  const all = listAll(deps, filter);
  const rows = all.rows.slice(page.offset, page.offset + page.limit);
  const next = page.offset + page.limit;
  return { total: all.rows.length, rows, groups: all.groups, ...(next < all.rows.length ? { nextOffset: next } : {}) };
}

export type UserRecord = {
  methods: { type: string; masked: string | null; verified: boolean }[];
  /** Each direct group up to its outermost parent, by name: ["Sales EMEA", "Sales", "SSPR users"]. */
  groupPaths: string[][];
  license: string;
  attempts: AttemptRow[];
  /** The audit rows about the user; absent when the reader may not read the audit log (admins only). */
  audit?: ReturnType<typeof queryAudit>["entries"];
};

/** Every chain from a group up through its parents (a group may sit in several). */
function paths(parents: Map<string, string[]>, id: string, seen: Set<string>): string[][] {
  const up = (parents.get(id) ?? []).filter((p) => !seen.has(p));
  if (!up.length) return [[id]];
  return up.flatMap((p) => paths(parents, p, new Set([...seen, p])).map((rest) => [id, ...rest]));
}

/** What the user page shows besides the diagnosis. */
export function userRecord(
  deps: Pick<Deps, "db">,
  userId: string,
  opts: { audit: boolean; attempts?: number; auditRows?: number },
): UserRecord {
  const row = userRow(deps.db, userId);
  if (!row) throw new AppError(404, "user_not_found", `No user "${userId}".`);
  const graph = groupGraph(deps.db, row.tenantId);
  const direct = directMemberships(deps.db, row.tenantId).get(userId) ?? [];
  return {
    methods: userMethodRows(deps.db, userId).map((m) => ({
      type: m.type,
      masked: maskValue(m.type as Method, m.value),
      verified: m.verified,
    })),
    groupPaths: direct.flatMap((g) =>
      paths(graph.parents, g, new Set([g])).map((chain) => chain.map((id) => graph.names.get(id) ?? id)),
    ),
    license: row.license,
    attempts: userAttempts(deps.db, userId, opts.attempts ?? 10),
    ...(opts.audit ? { audit: queryAudit(deps.db, { user: userId, limit: opts.auditRows ?? 20 }).entries } : {}),
  };
}

/** The fixes a bulk run can apply: automatic, one user at a time. */
export function bulkFixes() {
  return listFixes().filter((f) => f.automatic && f.scope === "user");
}

function bulkFixOr400(fixId: string) {
  const fix = bulkFixes().find((f) => f.id === fixId);
  if (!fix)
    throw new AppError(400, "invalid_request", `fix: "${fixId}" is not an automatic per-user fix.`, { field: "fix" });
  return fix;
}

/** How many users a preview shows in full; the rest are counted (a preview per user is a dry run each). */
export const BULK_PREVIEW_LIMIT = 50;

/**
 * The dry run of `fixId` for every user the filter selects (the first BULK_PREVIEW_LIMIT
 * in full): changes, the findings it would clear, or why it does not apply. Writes nothing.
 */
export function bulkPreview(
  deps: Deps,
  operator: Operator,
  fixId: string,
  filter: UserFilter,
): { total: number; users: { row: UserListRow; preview?: PreviewResult; error?: string }[] } {
  bulkFixOr400(fixId);
  const { rows } = listAll(deps, filter);
  return {
    total: rows.length,
    users: rows.slice(0, BULK_PREVIEW_LIMIT).map((row) => {
      try {
        return { row, preview: previewFix(deps, operator, fixId, { user: row.id }) };
      } catch (err) {
        return { row, error: err instanceof AppError ? err.code : "internal_error" };
      }
    }),
  };
}

export type BulkJob = {
  id: string;
  fix: string;
  operator: string;
  reason: string;
  total: number;
  done: number;
  applied: number;
  notApplicable: number;
  failed: number;
  users: { upn: string; outcome: BulkOutcome; code?: string }[];
  finished: boolean;
};

/** Jobs of this process (a bulk run is a page's business; a restart ends the page's view of it, not its audit rows). */
const jobs = new Map<string, BulkJob>();
const KEEP_JOBS = 50;
/** Yield to the event loop this often, so a long run does not stall other requests. */
const YIELD_EVERY = 25;

/**
 * Start applying `fixId` to every user the filter selects, each through the single-apply
 * path (its own transaction, proof and audit row carrying `reason`); returns the job at
 * once, and the loop runs on. Role checks happen before anything starts.
 */
export function startBulkFix(
  deps: Deps,
  operator: Operator,
  fixId: string,
  filter: UserFilter,
  reason: string,
  opts: { ip?: string } = {},
): BulkJob {
  if (operator.role === "support")
    throw new AppError(403, "forbidden", "Support staff preview fixes; applying them needs helpdesk or admin.");
  const fix = bulkFixOr400(fixId);
  // Refused once up front rather than once per user (a helpdesk token and an admin's fix).
  const refusal = applyRefusal(operator.role, fix.actor);
  if (refusal) throw new AppError(403, "forbidden", refusal);
  const why = reason.trim();
  if (!why)
    throw new AppError(400, "invalid_request", "reason: say why these users are being changed.", { field: "reason" });
  const { rows } = listAll(deps, filter);
  const job: BulkJob = {
    id: randomUUID(),
    fix: fixId,
    operator: operator.id,
    reason: why,
    total: rows.length,
    done: 0,
    applied: 0,
    notApplicable: 0,
    failed: 0,
    users: [],
    finished: false,
  };
  jobs.set(job.id, job);
  while (jobs.size > KEEP_JOBS) jobs.delete(jobs.keys().next().value!);
  job.done = 0;
  void (async () => {
    for (const row of rows) {
      try {
        await applyFix(deps, operator, fixId, { user: row.id, reason: why }, { ip: opts.ip });
        job.applied++;
        job.users.push({ upn: row.upn, outcome: "applied" });
      } catch (err) {
        const { outcome, code } = outcomeOf(err);
        if (outcome === "skipped") job.notApplicable++;
        else job.failed++;
        job.users.push({ upn: row.upn, outcome, code });
      }
      job.done++;
      if (job.done % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    job.finished = true;
  })();
  return job;
}

/** A bulk job by id, only for the operator who started it. */
export function bulkJob(id: string, operator: Operator): BulkJob | undefined {
  const job = jobs.get(id);
  return job && job.operator === operator.id ? job : undefined;
}
