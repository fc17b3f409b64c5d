/**
 * The staff user list and a user's record: every user with their standing verdict and
 * primary finding (the compiled rules over the stored state, as the sweep runs them),
 * their last attempt beside it, filters and paging; and a user's methods (masked), groups
 * with their nesting paths, licence and attempt timeline. Bulk fixes over the list's
 * filter are their own concept (flows/bulk-fix.ts). The standing verdict ignores the last attempt on
 * purpose: a wrong code typed once is something that happened, not what the user is.
 */
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

/**
 * Every user matching the filter, across the tenants asked for, in tenant then upn order:
 * the list's pages, and the users a bulk fix previews and applies to.
 */
export function selectUsers(deps: Pick<Deps, "db" | "clock" | "diagnoser">, filter: UserFilter): UserListRow[] {
  return listAll(deps, filter).rows;
}

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
