/**
 * The user directory as staff browse it: per tenant, each user's list facts (name,
 * source, roles, licence), their direct groups and the group nesting edges, and each
 * user's reset attempts (the flows that failed a step or completed). The standing
 * verdict comes from the sweep (flows/user-list.ts); these rows are what it cannot say.
 * Set-based per tenant: a list of 100,000 users costs a handful of queries, not one each.
 */
import type { Store } from "./client";
import { sql } from "drizzle-orm";

export type DirectoryUser = {
  id: string;
  upn: string;
  displayName: string;
  source: "cloud" | "synced";
  roles: string[];
  license: string;
};

export type AttemptRow = { at: string; stage?: string; method?: string; error?: string; completed: boolean };

/** Every user of a tenant with what the list shows beside the verdict, in upn order. */
export function directoryUsers(store: Store, tenantId: string): DirectoryUser[] {
  return store
    .all<{ id: string; upn: string; displayName: string; source: "cloud" | "synced"; roles: string; license: string }>(
      sql`SELECT id, upn, display_name AS displayName, source, roles, license FROM users WHERE tenant_id = ${tenantId} ORDER BY upn`,
    )
    .map((r) => ({ ...r, roles: JSON.parse(r.roles) as string[] }));
}

/** user id → the groups they are a direct member of, for a tenant. */
export function directMemberships(store: Store, tenantId: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of store.all<{ userId: string; groupId: string }>(
    sql`SELECT m.user_id AS userId, m.group_id AS groupId FROM group_memberships m JOIN users u ON u.id = m.user_id WHERE u.tenant_id = ${tenantId}`,
  )) {
    const list = out.get(r.userId) ?? [];
    list.push(r.groupId);
    out.set(r.userId, list);
  }
  return out;
}

/** The tenant's groups (id → name) and nesting edges (child id → parent ids). */
export function groupGraph(
  store: Store,
  tenantId: string,
): { names: Map<string, string>; parents: Map<string, string[]> } {
  const names = new Map(
    store
      .all<{ id: string; name: string }>(sql`SELECT id, name FROM groups WHERE tenant_id = ${tenantId} ORDER BY name`)
      .map((g) => [g.id, g.name] as const),
  );
  const parents = new Map<string, string[]>();
  for (const e of store.all<{ parentId: string; childId: string }>(
    sql`SELECT n.parent_id AS parentId, n.child_id AS childId FROM group_nesting n JOIN groups g ON g.id = n.child_id WHERE g.tenant_id = ${tenantId}`,
  )) {
    const list = parents.get(e.childId) ?? [];
    list.push(e.parentId);
    parents.set(e.childId, list);
  }
  return { names, parents };
}

const attemptOf = (r: { at: string; attempt: string | null; completedAt: string | null }): AttemptRow => {
  const a = r.attempt ? (JSON.parse(r.attempt) as { stage?: string; method?: string; error?: string }) : {};
  const completed = r.completedAt !== null && r.at === r.completedAt;
  return { at: r.at, ...(completed ? {} : a), completed };
};

/** user id → their latest attempt (a failed step, or a completed reset), for a tenant. */
export function lastAttempts(store: Store, tenantId: string): Map<string, AttemptRow> {
  const out = new Map<string, AttemptRow>();
  for (const r of store.all<{ userId: string; at: string; attempt: string | null; completedAt: string | null }>(
    sql`SELECT f.user_id AS userId, max(coalesce(f.completed_at, ''), coalesce(f.attempt_at, '')) AS at, f.attempt, f.completed_at AS completedAt
        FROM reset_flows f JOIN users u ON u.id = f.user_id
        WHERE u.tenant_id = ${tenantId} AND (f.attempt_at IS NOT NULL OR f.completed_at IS NOT NULL)`,
  )) {
    const seen = out.get(r.userId);
    if (!seen || r.at > seen.at) out.set(r.userId, attemptOf(r));
  }
  return out;
}

/** A user's attempts, newest first (the timeline on their page). */
export function userAttempts(store: Store, userId: string, limit: number): AttemptRow[] {
  return store
    .all<{ at: string; attempt: string | null; completedAt: string | null }>(
      sql`SELECT max(coalesce(completed_at, ''), coalesce(attempt_at, '')) AS at, attempt, completed_at AS completedAt
          FROM reset_flows WHERE user_id = ${userId} AND (attempt_at IS NOT NULL OR completed_at IS NOT NULL)
          ORDER BY at DESC LIMIT ${limit}`,
    )
    .map(attemptOf);
}

/** A user's registered methods: type, raw value (callers mask it), verified. */
export function userMethodRows(
  store: Store,
  userId: string,
): { type: string; value: string | null; verified: boolean }[] {
  return store
    .all<{ type: string; value: string | null; verified: number }>(
      sql`SELECT type, value, verified FROM methods WHERE user_id = ${userId} ORDER BY rowid`,
    )
    .map((m) => ({ ...m, verified: Boolean(m.verified) }));
}
