/**
 * Applying one directory sync to the database in one transaction: people become synced
 * users (matched by their directory identity, or adopted by sign-in name), groups and
 * their direct members and nesting are replaced by the directory's current picture. Run
 * twice on an unchanged directory, it changes nothing (idempotent).
 */
import type { Db } from "./client";

export type SyncPlan = {
  tenantId: string;
  users: { id: string; upn: string; displayName: string; enabled: boolean; dn: string }[];
  groups: { id: string; name: string; dn: string }[];
  memberships: { groupId: string; userId: string }[];
  nesting: { parentId: string; childId: string }[];
};
export type SyncCounts = {
  usersCreated: number;
  usersUpdated: number;
  usersSkipped: string[];
  groups: number;
  memberships: number;
  nesting: number;
};

export function applySync(db: Db, plan: SyncPlan): SyncCounts {
  const sqlite = db.$client;
  const counts: SyncCounts = {
    usersCreated: 0,
    usersUpdated: 0,
    usersSkipped: [],
    groups: 0,
    memberships: 0,
    nesting: 0,
  };
  sqlite.transaction(() => {
    const byId = sqlite.prepare(
      "SELECT id, tenant_id AS tenantId, upn, display_name AS displayName, enabled, directory_dn AS dn, source FROM users WHERE id = ?",
    );
    const byUpn = sqlite.prepare("SELECT id, tenant_id AS tenantId FROM users WHERE lower(upn) = lower(?)");
    const insert = sqlite.prepare(
      "INSERT INTO users (id, tenant_id, upn, display_name, source, enabled, directory_dn) VALUES (@id, @tenantId, @upn, @displayName, 'synced', @enabled, @dn)",
    );
    const update = sqlite.prepare(
      "UPDATE users SET upn = @upn, display_name = @displayName, source = 'synced', enabled = @enabled, directory_dn = @dn WHERE id = @id",
    );
    const idOf = new Map<string, string>();
    for (const u of plan.users) {
      const same = byId.get(u.id) as
        { upn: string; displayName: string; enabled: number; dn: string | null; source: string } | undefined;
      const other = byUpn.get(u.upn) as { id: string; tenantId: string } | undefined;
      const row = { ...u, tenantId: plan.tenantId, enabled: u.enabled ? 1 : 0 };
      if (other && other.id !== u.id) {
        // A cloud account with this sign-in name in this tenant is the same person: adopt it.
        if (other.tenantId !== plan.tenantId) {
          counts.usersSkipped.push(u.upn);
          continue;
        }
        update.run({ ...row, id: other.id });
        idOf.set(u.id, other.id);
        counts.usersUpdated++;
        continue;
      }
      idOf.set(u.id, u.id);
      if (!same) {
        insert.run(row);
        counts.usersCreated++;
      } else if (
        same.upn !== u.upn ||
        same.displayName !== u.displayName ||
        same.enabled !== row.enabled ||
        same.dn !== u.dn ||
        same.source !== "synced"
      ) {
        update.run(row);
        counts.usersUpdated++;
      }
    }
    const upsertGroup = sqlite.prepare(
      "INSERT INTO groups (id, tenant_id, name, directory_dn) VALUES (@id, @tenantId, @name, @dn) ON CONFLICT(id) DO UPDATE SET name = excluded.name, directory_dn = excluded.directory_dn",
    );
    for (const g of plan.groups) upsertGroup.run({ ...g, tenantId: plan.tenantId });
    counts.groups = plan.groups.length;
    // Synced groups' members and nesting are the directory's: replace them wholesale.
    sqlite
      .prepare(
        "DELETE FROM group_memberships WHERE group_id IN (SELECT id FROM groups WHERE tenant_id = ? AND directory_dn IS NOT NULL)",
      )
      .run(plan.tenantId);
    sqlite
      .prepare(
        "DELETE FROM group_nesting WHERE parent_id IN (SELECT id FROM groups WHERE tenant_id = ? AND directory_dn IS NOT NULL)",
      )
      .run(plan.tenantId);
    const addMember = sqlite.prepare("INSERT OR IGNORE INTO group_memberships (group_id, user_id) VALUES (?, ?)");
    for (const m of plan.memberships) {
      const userId = idOf.get(m.userId);
      if (userId) counts.memberships += addMember.run(m.groupId, userId).changes;
    }
    const addNesting = sqlite.prepare("INSERT OR IGNORE INTO group_nesting (parent_id, child_id) VALUES (?, ?)");
    for (const n of plan.nesting) counts.nesting += addNesting.run(n.parentId, n.childId).changes;
  })();
  return counts;
}

/** The domain of a tenant (for logins kept without one, e.g. uid). */
export function tenantDomain(db: Db, tenantId: string): string | undefined {
  return db.$client.prepare("SELECT domain FROM tenants WHERE id = ?").pluck().get(tenantId) as string | undefined;
}
