/**
 * Setting a tenant up by hand (issue 16 item 1): the rows an admin creates and edits
 * when there is no demo and no directory to import from — the tenant with its default
 * policy, its settings, groups and their nesting, users and direct memberships (the
 * policy itself changes through the versioned editor, db/policies.ts).
 * Each function writes one kind of row; the use cases that audit them are in
 * flows/setup.ts, and the CSV import (import/csv/) writes through the same functions so a
 * user made by hand and one made by a file are the same row.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Store } from "./client";
import { groupMemberships, groupNesting, groups, policies, policyScopeGroups, tenants, users } from "./schema";
import type { License } from "../domain/licenses";

export type TenantInsert = { id: string; name: string; domain: string };

/** A new tenant and its policy row with the contract's defaults (SSPR off until an admin turns it on). */
export function insertTenant(store: Store, t: TenantInsert): void {
  store.insert(tenants).values({ id: t.id, name: t.name, domain: t.domain.toLowerCase(), source: "local" }).run();
  store
    .insert(policies)
    .values({ tenantId: t.id, methodsAllowed: ["email", "mobile_sms"] })
    .run();
}

/** Rename a tenant (its domain is its sign-in suffix and the CLI's handle, so it stays). */
export function renameTenant(store: Store, tenantId: string, name: string): void {
  store.update(tenants).set({ name }).where(eq(tenants.id, tenantId)).run();
}

/** The tenant's policy row as stored (undefined for an unknown tenant). */
export function policyRow(store: Store, tenantId: string): typeof policies.$inferSelect | undefined {
  return store.select().from(policies).where(eq(policies.tenantId, tenantId)).get();
}

/**
 * The tenant's own banned password words. They sit on the policy row but are no CONTRACT
 * §1 policy field (the diagnosis never reads them), so they are a tenant setting, not a
 * policy version.
 */
export function setBannedWords(store: Store, tenantId: string, words: string[], now: Date): void {
  store
    .update(policies)
    .set({ bannedWords: words, updatedAt: now.toISOString() })
    .where(eq(policies.tenantId, tenantId))
    .run();
}

export type GroupRecord = { id: string; name: string };

/** The tenant's group with this name, any case (names are how people and CSV files refer to groups). */
export function groupByName(store: Store, tenantId: string, name: string): GroupRecord | undefined {
  return store
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(eq(groups.tenantId, tenantId), eq(sql`lower(${groups.name})`, name.toLowerCase())))
    .get();
}

/** The group by id, only if it is this tenant's (so a form cannot reach across tenants). */
export function tenantGroup(store: Store, tenantId: string, groupId: string): GroupRecord | undefined {
  return store
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(eq(groups.tenantId, tenantId), eq(groups.id, groupId)))
    .get();
}

export function insertGroup(store: Store, tenantId: string, g: GroupRecord): void {
  store.insert(groups).values({ id: g.id, tenantId, name: g.name }).run();
}

export function renameGroup(store: Store, groupId: string, name: string): void {
  store.update(groups).set({ name }).where(eq(groups.id, groupId)).run();
}

/** Delete the group; its memberships and nesting edges go with it (foreign keys cascade). */
export function deleteGroup(store: Store, groupId: string): void {
  store.delete(groups).where(eq(groups.id, groupId)).run();
}

/** Put `childId` inside `parentId`; false when it already was. */
export function nestGroup(store: Store, parentId: string, childId: string): boolean {
  return store.insert(groupNesting).values({ parentId, childId }).onConflictDoNothing().run().changes > 0;
}

/** Take `childId` out of `parentId`; false when it was not inside. */
export function unnestGroup(store: Store, parentId: string, childId: string): boolean {
  return (
    store
      .delete(groupNesting)
      .where(and(eq(groupNesting.parentId, parentId), eq(groupNesting.childId, childId)))
      .run().changes > 0
  );
}

/** Every nesting edge of the tenant's groups, for the cycle check before a new edge. */
export function nestingEdges(store: Store, tenantId: string): { parentId: string; childId: string }[] {
  return store
    .select({ parentId: groupNesting.parentId, childId: groupNesting.childId })
    .from(groupNesting)
    .innerJoin(groups, eq(groups.id, groupNesting.parentId))
    .where(eq(groups.tenantId, tenantId))
    .all();
}

/** The fields of a user an admin or a CSV file sets. */
export type UserFields = {
  upn: string;
  displayName: string;
  type: "member" | "guest";
  source: "cloud" | "synced";
  enabled: boolean;
  roles: string[];
  license: License;
};

export type UserRecord = UserFields & { id: string; tenantId: string };

/** A user by sign-in name, any case, in whichever tenant (upns are unique across the service). */
export function userByUpn(store: Store, upn: string): UserRecord | undefined {
  return store
    .select({
      id: users.id,
      tenantId: users.tenantId,
      upn: users.upn,
      displayName: users.displayName,
      type: users.type,
      source: users.source,
      enabled: users.enabled,
      roles: users.roles,
      license: users.license,
    })
    .from(users)
    .where(eq(sql`lower(${users.upn})`, upn.toLowerCase()))
    .get();
}

export function insertUser(store: Store, tenantId: string, id: string, u: UserFields): void {
  store
    .insert(users)
    .values({ id, tenantId, ...u })
    .run();
}

export function updateUser(store: Store, userId: string, u: UserFields): void {
  store.update(users).set(u).where(eq(users.id, userId)).run();
}

/** Make the user a direct member; false when they already were. */
export function addMembership(store: Store, groupId: string, userId: string): boolean {
  return store.insert(groupMemberships).values({ groupId, userId }).onConflictDoNothing().run().changes > 0;
}

/** End the user's direct membership; false when they were not a direct member. */
export function removeMembership(store: Store, groupId: string, userId: string): boolean {
  return (
    store
      .delete(groupMemberships)
      .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)))
      .run().changes > 0
  );
}

/** Whether the tenant has any tenant at all: the first-run page shows when there is none. */
export function anyTenant(store: Store): boolean {
  return Boolean(store.select({ id: tenants.id }).from(tenants).limit(1).get());
}

/** The groups the policy is scoped to. */
export function scopeGroupIds(store: Store, tenantId: string): string[] {
  return store
    .select({ id: policyScopeGroups.groupId })
    .from(policyScopeGroups)
    .where(eq(policyScopeGroups.tenantId, tenantId))
    .all()
    .map((r) => r.id);
}

/** The user's tenant, or undefined for no such user. */
export function userTenantId(store: Store, userId: string): string | undefined {
  return store.select({ tenantId: users.tenantId }).from(users).where(eq(users.id, userId)).get()?.tenantId;
}
