/**
 * The self-watch's memory: tenant sweep summaries (the baseline for the next comparison)
 * and incidents (open until resolved). Writes take a `Db` that may be a transaction.
 */
import type { SweepSummary } from "../domain/incidents";
import type { Db } from "./client";

export type Incident = {
  id: string;
  tenantId: string;
  tenantDomain: string;
  key: string;
  openedAt: string;
  resolvedAt: string | null;
  detail: Record<string, unknown>;
};

export function lastSweep(db: Db, tenantId: string): SweepSummary | undefined {
  const row = db.$client
    .prepare(
      "SELECT at, users, blocked, at_risk AS atRisk, counts FROM tenant_sweeps WHERE tenant_id = ? ORDER BY at DESC, id DESC LIMIT 1",
    )
    .get(tenantId) as (Omit<SweepSummary, "counts"> & { counts: string }) | undefined;
  return row ? { ...row, counts: JSON.parse(row.counts) as Record<string, number> } : undefined;
}

export function recordSweep(db: Db, tenantId: string, s: SweepSummary): void {
  db.$client
    .prepare("INSERT INTO tenant_sweeps (tenant_id, at, users, blocked, at_risk, counts) VALUES (?, ?, ?, ?, ?, ?)")
    .run(tenantId, s.at, s.users, s.blocked, s.atRisk, JSON.stringify(s.counts));
}

const SELECT = `SELECT i.id, i.tenant_id AS tenantId, t.domain AS tenantDomain, i.key, i.opened_at AS openedAt,
  i.resolved_at AS resolvedAt, i.detail FROM incidents i JOIN tenants t ON t.id = i.tenant_id`;
const parse = (row: Omit<Incident, "detail"> & { detail: string }): Incident => ({
  ...row,
  detail: JSON.parse(row.detail) as Record<string, unknown>,
});

export function openIncidents(db: Db, tenantId: string): Incident[] {
  return (
    db.$client
      .prepare(`${SELECT} WHERE i.tenant_id = ? AND i.resolved_at IS NULL ORDER BY i.opened_at`)
      .all(tenantId) as (Omit<Incident, "detail"> & { detail: string })[]
  ).map(parse);
}

export function openIncident(
  db: Db,
  i: { id: string; tenantId: string; key: string; at: string; detail: Record<string, unknown> },
): void {
  db.$client
    .prepare("INSERT INTO incidents (id, tenant_id, key, opened_at, detail) VALUES (?, ?, ?, ?, ?)")
    .run(i.id, i.tenantId, i.key, i.at, JSON.stringify(i.detail));
}

/** Resolve the open incident with this key; returns it (now resolved), if there was one. */
export function resolveIncident(
  db: Db,
  tenantId: string,
  key: string,
  at: string,
  detail: Record<string, unknown>,
): Incident | undefined {
  const open = openIncidents(db, tenantId).find((i) => i.key === key);
  if (!open) return undefined;
  const merged = { ...open.detail, resolved: detail };
  db.$client
    .prepare("UPDATE incidents SET resolved_at = ?, detail = ? WHERE id = ?")
    .run(at, JSON.stringify(merged), open.id);
  return { ...open, resolvedAt: at, detail: merged };
}

/** Newest first; open ones only when asked. */
export function listIncidents(db: Db, o: { tenantId?: string; openOnly?: boolean; limit: number }): Incident[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (o.tenantId) (where.push("i.tenant_id = ?"), params.push(o.tenantId));
  if (o.openOnly) where.push("i.resolved_at IS NULL");
  const sql = `${SELECT}${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY i.opened_at DESC, i.id DESC LIMIT ?`;
  return (db.$client.prepare(sql).all(...params, o.limit) as (Omit<Incident, "detail"> & { detail: string })[]).map(
    parse,
  );
}

/**
 * Who hears of a tenant's incidents: its enabled global administrators (and authentication
 * policy administrators), at their sign-in address — the people who can change the policy.
 */
export function tenantAlertRecipients(db: Db, tenantId: string): string[] {
  return db.$client
    .prepare(
      `SELECT upn FROM users WHERE tenant_id = ? AND enabled = 1
       AND EXISTS (SELECT 1 FROM json_each(users.roles) r WHERE r.value IN ('global_admin', 'authentication_policy_admin'))
       ORDER BY upn`,
    )
    .pluck()
    .all(tenantId) as string[];
}
