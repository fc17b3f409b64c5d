/**
 * The staff user list and a user's record: every user with their standing verdict and
 * primary finding (flows/tenant-standing.ts, kept per tenant until its state changes),
 * their last attempt beside it, filters and paging; and a user's methods (masked), groups
 * with their nesting paths, licence and attempt timeline. Bulk fixes over the list's
 * filter are their own concept (flows/bulk-fix.ts). The standing verdict ignores the last attempt on
 * purpose: a wrong code typed once is something that happened, not what the user is.
 */
import { queryAudit } from "../db/audit";
import { directMemberships, groupGraph, userAttempts, userMethodRows, type AttemptRow } from "../db/user-directory";
import { findTenant, listTenants, type TenantRef } from "../db/tenants";
import { userRow } from "../db/users";
import type { Deps } from "../deps";
import type { FindingCode, Method } from "../domain/catalogue";
import type { Verdict } from "../diagnosis/findings";
import { AppError } from "../errors";
import { maskValue } from "./masking";
import { tenantStanding, type StandingUser } from "./tenant-standing";

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

/** A user the filter kept, not yet shaped as a row: a page shapes only the rows it shows. */
type Match = { tenant: TenantRef; user: StandingUser; last: AttemptRow | undefined };
type Listed = { matches: Match[]; groups: { id: string; name: string; tenant: string }[] };

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
  return listAll(deps, filter).matches.map(rowOf);
}

function rowOf({ tenant, user: u, last }: Match): UserListRow {
  return {
    id: u.id,
    upn: u.upn,
    displayName: u.displayName,
    tenant,
    verdict: u.verdict,
    primary: u.primary,
    codes: u.codes,
    admin: u.admin,
    source: u.source,
    ...(last ? { lastAttempt: last } : {}),
  };
}

function listAll(deps: Pick<Deps, "db" | "clock" | "diagnoser">, filter: UserFilter): Listed {
  const tenants = filter.tenant
    ? [findTenant(deps.db, filter.tenant)].filter((t) => t !== undefined)
    : listTenants(deps.db);
  const q = filter.q?.trim().toLowerCase();
  const matches: Match[] = [];
  const groups: Listed["groups"] = [];
  for (const tenant of tenants) {
    const { users, attempts, graph, members } = tenantStanding(deps, tenant.id);
    for (const [id, name] of graph.names) groups.push({ id, name, tenant: tenant.domain });
    for (const u of users) {
      if (filter.source && u.source !== filter.source) continue;
      if (filter.admin !== undefined && u.admin !== filter.admin) continue;
      if (q && !u.upn.toLowerCase().includes(q) && !u.displayName.toLowerCase().includes(q)) continue;
      if (filter.group) {
        const all = new Set<string>();
        for (const g of members.get(u.id) ?? []) ancestors(graph.parents, g, all);
        if (!all.has(filter.group)) continue;
      }
      if (filter.verdict && u.verdict !== filter.verdict) continue;
      const last = attempts.get(u.id);
      // An attempt's code is asked of the last attempt: it is never part of the standing state.
      if (filter.finding && !u.codes.includes(filter.finding) && last?.error !== filter.finding) continue;
      matches.push({ tenant, user: u, last });
    }
  }
  return { matches, groups };
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
  const rows = all.matches.slice(page.offset, page.offset + page.limit).map(rowOf);
  const next = page.offset + page.limit;
  const total = all.matches.length;
  return { total, rows, groups: all.groups, ...(next < total ? { nextOffset: next } : {}) };
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
