/**
 * Groups and direct memberships as rows: the tenant's groups (for a fix's default
 * group and the what-if form) and the groups a user is a direct member of. Nesting and
 * scope are the snapshot's business (db/snapshots.ts, domain/directory.ts).
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Store } from "./client";
import { groupMemberships, groups } from "./schema";

export type GroupRow = { id: string; name: string };

/** The tenant's groups in the order they were created ("the first group" is the oldest). @example tenantGroups(db, "tnt-contoso")[0]?.id; // "grp-contoso-sspr-users" */
export function tenantGroups(store: Store, tenantId: string): GroupRow[] {
  return store
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(eq(groups.tenantId, tenantId))
    .orderBy(sql`rowid`)
    .all();
}

/** The tenant's groups by name, as a person picks from a list. @example tenantGroupsByName(db, "tnt-contoso")[0]?.name; // "Finance" */
export function tenantGroupsByName(store: Store, tenantId: string): GroupRow[] {
  return store
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(eq(groups.tenantId, tenantId))
    .orderBy(asc(groups.name))
    .all();
}

/** Groups the user is a direct member of, oldest membership first. @example directGroupIds(db, "usr-oscar.outside"); // ["grp-contoso-finance"] */
export function directGroupIds(store: Store, userId: string): string[] {
  return store
    .select({ id: groupMemberships.groupId })
    .from(groupMemberships)
    .where(eq(groupMemberships.userId, userId))
    .orderBy(sql`rowid`)
    .all()
    .map((r) => r.id);
}

/** Make the user a direct member of the group (nothing happens if they already are). */
export function addGroupMember(store: Store, groupId: string, userId: string): void {
  store.insert(groupMemberships).values({ groupId, userId }).onConflictDoNothing().run();
}
