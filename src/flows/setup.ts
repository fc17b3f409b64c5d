/**
 * Set-up without the demo (issue 16 item 1): the use cases behind the admin forms, the
 * set-up API and `npm run admin` — create and edit a tenant and its settings, groups with
 * nesting, users and memberships. (The policy is not here: every change to it is a
 * version of flows/policy-editor.ts, with a what-if and a reason.) Each input is checked here with
 * zod (so the page, the CLI and the CSV import refuse the same things with the same
 * field named), written by db/setup.ts and audited in the same transaction: a change
 * either happened and is in the log, or neither.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { audit } from "../db/audit";
import type { Db, Store } from "../db/client";
import { tenantGroupsByName } from "../db/groups";
import * as store from "../db/setup";
import { findTenant, type TenantRef } from "../db/tenants";
import { AppError } from "../errors";
import { LICENSES } from "../domain/licenses";

/** Who made the change, for the audit row: a staff principal, or the operator at the CLI. */
export type SetupActor = { type: "staff" | "system"; id: string; ip?: string | null };

/** What every set-up use case gets from its caller (a page, a route, the CLI). */
export type SetupCtx = { db: Db; now: Date; actor: SetupActor };
type Ctx = SetupCtx;

/** The first zod issue as a 400 naming its field, as every other form error does. */
function parsed<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join(".") || "body";
  throw new AppError(400, "invalid_request", `${field}: ${issue.message}`, { field });
}

const auditOf = (
  s: Store,
  c: Ctx,
  tenantId: string,
  action: Parameters<typeof audit>[2]["action"],
  detail: object,
  target?: string,
) =>
  audit(s, c.now, {
    tenantId,
    actorType: c.actor.type,
    actorId: c.actor.id,
    action,
    targetUserId: target ?? null,
    outcome: "success",
    ip: c.actor.ip ?? null,
    detail: detail as Record<string, unknown>,
  });

/** A DNS-like domain, lower case: it is the suffix of the tenant's sign-in names and its handle on the CLI. */
const DOMAIN = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, "a domain such as contoso.example")
  .max(253);
const NAME = z.string().trim().min(1).max(200);

export const TenantInput = z.object({ name: NAME, domain: DOMAIN });

/** A new tenant with SSPR off (the contract's default policy); 409 when the domain is taken. */
export function createTenant(c: Ctx, input: unknown): TenantRef {
  const t = parsed(TenantInput, input);
  if (findTenant(c.db, t.domain))
    throw new AppError(409, "already_exists", `A tenant with the domain ${t.domain} exists.`, { field: "domain" });
  const id = `tnt-${t.domain.replace(/[^a-z0-9]+/g, "-")}`;
  return c.db.transaction((tx) => {
    store.insertTenant(tx, { id, ...t });
    auditOf(tx, c, id, "setup.tenant_create", t);
    return { id, ...t };
  });
}

const WORD = z.string().trim().min(1).max(64);

/** What an admin may change of a tenant: its name and its own banned password words (the domain stays: it is the sign-in suffix). */
export const TenantSettingsInput = z
  .object({ name: NAME.optional(), bannedWords: z.array(WORD).max(1000).optional() })
  .refine((v) => v.name !== undefined || v.bannedWords !== undefined, { message: "nothing to change", path: ["name"] });

export type TenantSettings = { name: string; bannedWords: string[] };

/** The tenant's settings as the set-up page and `npm run admin` show them. */
export function tenantSettings(db: Db, tenant: TenantRef): TenantSettings {
  return { name: tenant.name, bannedWords: store.policyRow(db, tenant.id)?.bannedWords ?? [] };
}

/** Rename the tenant and/or replace its banned words; fields left out keep their value. */
export function updateTenant(c: Ctx, tenant: TenantRef, input: unknown): TenantSettings {
  const v = parsed(TenantSettingsInput, input);
  const before = tenantSettings(c.db, tenant);
  const after = { name: v.name ?? before.name, bannedWords: v.bannedWords ?? before.bannedWords };
  c.db.transaction((tx) => {
    if (v.name !== undefined) store.renameTenant(tx, tenant.id, v.name);
    if (v.bannedWords !== undefined) store.setBannedWords(tx, tenant.id, v.bannedWords, c.now);
    auditOf(tx, c, tenant.id, "setup.tenant_update", { from: before, ...v });
  });
  return after;
}

/** The tenant's group by id: 404 naming `field` when the tenant has none by that id. */
function groupOf(s: Store, tenant: TenantRef, groupId: string, field: string): store.GroupRecord {
  const g = store.tenantGroup(s, tenant.id, groupId);
  if (!g) throw new AppError(404, "not_found", `${field}: no group ${groupId} in ${tenant.domain}.`, { field });
  return g;
}

/** The tenant's user by sign-in name (any case), if it has one: what an "add" form checks before it writes. */
export function findTenantUser(db: Db, tenant: TenantRef, upn: string): store.UserRecord | undefined {
  const user = store.userByUpn(db, upn.trim());
  return user?.tenantId === tenant.id ? user : undefined;
}

/** The tenant's user by sign-in name: 404 naming `upn` when the tenant has none. */
export function tenantUser(db: Db, tenant: TenantRef, upn: string): store.UserRecord {
  const user = findTenantUser(db, tenant, upn);
  if (!user) throw new AppError(404, "user_not_found", `upn: no user ${upn} in ${tenant.domain}.`, { field: "upn" });
  return user;
}

export type GroupListing = { id: string; name: string; childIds: string[] };

/** The tenant's groups by name, each with the groups directly inside it: where a script finds the id a group route takes. */
export function listGroups(db: Db, tenant: TenantRef): GroupListing[] {
  const children = new Map<string, string[]>();
  for (const e of store.nestingEdges(db, tenant.id))
    children.set(e.parentId, [...(children.get(e.parentId) ?? []), e.childId]);
  return tenantGroupsByName(db, tenant.id).map((g) => ({ ...g, childIds: children.get(g.id) ?? [] }));
}

export const GroupInput = z.object({ name: NAME, parentId: z.string().trim().optional() });

/** A new group (409 if the tenant has one by that name), optionally inside `parentId`. */
export function createGroup(c: Ctx, tenant: TenantRef, input: unknown): store.GroupRecord {
  const g = parsed(GroupInput, input);
  if (store.groupByName(c.db, tenant.id, g.name))
    throw new AppError(409, "already_exists", `A group named ${g.name} exists.`, { field: "name" });
  const group = { id: `grp-${randomUUID()}`, name: g.name };
  c.db.transaction((tx) => {
    store.insertGroup(tx, tenant.id, group);
    auditOf(tx, c, tenant.id, "setup.group_save", { created: group });
    if (g.parentId) nest(tx, c, tenant, g.parentId, group.id);
  });
  return group;
}

/** Rename the tenant's group (409 when another of its groups has that name). */
export function renameGroup(c: Ctx, tenant: TenantRef, groupId: string, input: unknown): store.GroupRecord {
  const { name } = parsed(z.object({ name: NAME }), input);
  const group = groupOf(c.db, tenant, groupId, "groupId");
  const clash = store.groupByName(c.db, tenant.id, name);
  if (clash && clash.id !== group.id)
    throw new AppError(409, "already_exists", `A group named ${name} exists.`, { field: "name" });
  c.db.transaction((tx) => {
    store.renameGroup(tx, group.id, name);
    auditOf(tx, c, tenant.id, "setup.group_save", { renamed: group, name });
  });
  return { id: group.id, name };
}

/**
 * Delete the tenant's group with its memberships and nesting. A group the policy is
 * scoped to is refused (409): dropping it would change who may reset without a policy
 * version; take it out of the policy in the editor first.
 */
export function deleteGroup(c: Ctx, tenant: TenantRef, groupId: string): void {
  const group = groupOf(c.db, tenant, groupId, "groupId");
  if (store.scopeGroupIds(c.db, tenant.id).includes(group.id))
    throw new AppError(409, "conflict", `The policy is scoped to ${group.name}: take it out of the policy first.`, {
      field: "groupId",
    });
  c.db.transaction((tx) => {
    store.deleteGroup(tx, group.id);
    auditOf(tx, c, tenant.id, "setup.group_delete", { deleted: group });
  });
}

/** Put a group inside another; refused when that would make a cycle (membership would never end). */
export function nestGroups(c: Ctx, tenant: TenantRef, parentId: string, childId: string): boolean {
  return c.db.transaction((tx) => nest(tx, c, tenant, parentId, childId));
}

/** False when the child already was inside (nothing written, nothing audited). */
function nest(s: Store, c: Ctx, tenant: TenantRef, parentId: string, childId: string): boolean {
  for (const [id, field] of [
    [parentId, "parentId"],
    [childId, "childId"],
  ] as const)
    if (!store.tenantGroup(s, tenant.id, id))
      throw new AppError(400, "invalid_request", `${field}: no group ${id} in this tenant.`, { field });
  // parent → child makes a cycle when parent is already reachable downward from child.
  const children = new Map<string, string[]>();
  for (const e of store.nestingEdges(s, tenant.id))
    children.set(e.parentId, [...(children.get(e.parentId) ?? []), e.childId]);
  const seen = new Set<string>();
  const stack = [childId];
  while (stack.length) {
    const at = stack.pop()!;
    if (at === parentId)
      throw new AppError(400, "invalid_request", "parentId: this nesting would make a cycle.", { field: "parentId" });
    if (seen.has(at)) continue;
    seen.add(at);
    stack.push(...(children.get(at) ?? []));
  }
  const added = store.nestGroup(s, parentId, childId);
  if (added) auditOf(s, c, tenant.id, "setup.group_nest", { parentId, childId });
  return added;
}

/** Take a group out of another (a no-op, unaudited, when it was not inside). */
export function unnestGroups(c: Ctx, tenant: TenantRef, parentId: string, childId: string): boolean {
  groupOf(c.db, tenant, parentId, "parentId");
  groupOf(c.db, tenant, childId, "childId");
  return c.db.transaction((tx) => {
    const removed = store.unnestGroup(tx, parentId, childId);
    if (removed) auditOf(tx, c, tenant.id, "setup.group_unnest", { parentId, childId });
    return removed;
  });
}

const bool = z
  .union([z.boolean(), z.enum(["true", "false", "on", "off", "1", "0"])])
  .transform((v) => v === true || v === "true" || v === "on" || v === "1");
const ROLE = z.string().regex(/^[a-z_]{1,64}$/, "a role such as helpdesk_admin");

export const UserInput = z.object({
  upn: z.string().trim().toLowerCase().email("a sign-in name such as ada@contoso.example").max(254),
  displayName: NAME.optional(),
  type: z.enum(["member", "guest"]).optional(),
  source: z.enum(["cloud", "synced"]).optional(),
  enabled: bool.optional(),
  roles: z.array(ROLE).optional(),
  license: z.enum(LICENSES).optional(),
});

/** What a new user is for each field not given: a cloud member, enabled, no roles, licence p1. */
export const USER_DEFAULTS = {
  type: "member",
  source: "cloud",
  enabled: true,
  roles: [],
  license: "p1",
} as const satisfies Omit<store.UserFields, "upn" | "displayName">;

export type UserGiven = Partial<store.UserFields> & { upn: string };

/**
 * The user as it is to be stored: a new one gets the defaults for what is not given, an
 * existing one changes only the fields given (its sign-in name keeps its stored case).
 * Saving is an edit, not a replacement — a field left out of a form, a flag left off the
 * CLI or a column missing from a CSV file never resets roles, licence or source. The one
 * rule the CLI, the API, the page and the CSV import share.
 */
export function userToSave(
  existing: store.UserFields | store.UserRecord | undefined,
  given: UserGiven,
): store.UserFields {
  const set = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as UserGiven;
  if (existing) {
    const { id: _id, tenantId: _tenantId, ...kept } = existing as store.UserRecord;
    return { ...kept, ...set, upn: existing.upn };
  }
  if (set.displayName === undefined)
    throw new AppError(400, "invalid_request", "displayName: a new user needs a display name.", {
      field: "displayName",
    });
  return { ...USER_DEFAULTS, roles: [], ...set, displayName: set.displayName };
}

/**
 * Create the user, or update the tenant's user with that upn (only the fields given; see
 * `userToSave`); a upn of another tenant is refused.
 */
export function saveUser(c: Ctx, tenant: TenantRef, input: unknown): { id: string; created: boolean } {
  const u = parsed(UserInput, input);
  const existing = store.userByUpn(c.db, u.upn);
  if (existing && existing.tenantId !== tenant.id)
    throw new AppError(409, "already_exists", `${u.upn} belongs to another tenant.`, { field: "upn" });
  const next = userToSave(existing, u);
  const id = existing?.id ?? `usr-${randomUUID()}`;
  c.db.transaction((tx) => {
    if (existing) store.updateUser(tx, id, next);
    else store.insertUser(tx, tenant.id, id, next);
    // An update's row says what was given and what those fields were before.
    const given = Object.keys(u).filter((k) => k !== "upn" && u[k as keyof typeof u] !== undefined);
    const detail = existing
      ? { created: false, upn: next.upn, ...pick(next, given), from: pick(existing, given) }
      : { created: true, ...next };
    auditOf(tx, c, tenant.id, "setup.user_save", detail, id);
  });
  return { id, created: !existing };
}

const pick = (o: store.UserFields, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k as keyof store.UserFields]]));

/** Make the user a direct member of the group (both the tenant's); false when they already were. */
export function addMember(c: Ctx, tenant: TenantRef, groupId: string, userId: string): boolean {
  if (!store.tenantGroup(c.db, tenant.id, groupId))
    throw new AppError(400, "invalid_request", `groupId: no group ${groupId} in this tenant.`, { field: "groupId" });
  if (store.userTenantId(c.db, userId) !== tenant.id)
    throw new AppError(400, "invalid_request", `userId: no user ${userId} in this tenant.`, { field: "userId" });
  return c.db.transaction((tx) => {
    const added = store.addMembership(tx, groupId, userId);
    if (added) auditOf(tx, c, tenant.id, "setup.membership_add", { groupId }, userId);
    return added;
  });
}

/** End the user's direct membership of the tenant's group; false when they were not a direct member. */
export function removeMember(c: Ctx, tenant: TenantRef, groupId: string, userId: string): boolean {
  groupOf(c.db, tenant, groupId, "groupId");
  if (store.userTenantId(c.db, userId) !== tenant.id)
    throw new AppError(404, "user_not_found", `userId: no user ${userId} in this tenant.`, { field: "userId" });
  return c.db.transaction((tx) => {
    const removed = store.removeMembership(tx, groupId, userId);
    if (removed) auditOf(tx, c, tenant.id, "setup.membership_remove", { groupId }, userId);
    return removed;
  });
}
