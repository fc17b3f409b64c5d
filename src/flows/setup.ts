/**
 * Set-up without the demo (issue 16 item 1): the use cases behind the admin forms and
 * `npm run admin` — create and edit a tenant, its policy (every CONTRACT §1 field, v2
 * included), groups with nesting, users and memberships. Each input is checked here with
 * zod (so the page, the CLI and the CSV import refuse the same things with the same
 * field named), written by db/setup.ts and audited in the same transaction: a change
 * either happened and is in the log, or neither.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { audit } from "../db/audit";
import type { Db, Store } from "../db/client";
import * as store from "../db/setup";
import { findTenant, type TenantRef } from "../db/tenants";
import { METHODS } from "../domain/catalogue";
import { AppError } from "../errors";

/** Who made the change, for the audit row: a staff principal, or the operator at the CLI. */
export type SetupActor = { type: "staff" | "system"; id: string; ip?: string | null };

type Ctx = { db: Db; now: Date; actor: SetupActor };

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

export function renameTenant(c: Ctx, tenant: TenantRef, input: unknown): void {
  const { name } = parsed(z.object({ name: NAME }), input);
  c.db.transaction((tx) => {
    store.renameTenant(tx, tenant.id, name);
    auditOf(tx, c, tenant.id, "setup.tenant_update", { from: tenant.name, name });
  });
}

const bool = z
  .union([z.boolean(), z.enum(["true", "false", "on", "off", "1", "0"])])
  .transform((v) => v === true || v === "true" || v === "on" || v === "1");
const optionalText = (schema: z.ZodString) =>
  z
    .string()
    .trim()
    .transform((v) => v || undefined)
    .pipe(schema.optional())
    .optional();

/** Every policy field of CONTRACT §1 (v2 included), as a form or a CLI gives them. */
export const PolicyInput = z.object({
  enablement: z.enum(["none", "selected", "all"]),
  selectedGroups: z.array(z.string()).default([]),
  methodsAllowed: z.array(z.enum(METHODS)).min(1, "allow at least one method"),
  methodsRequired: z.coerce.number().int().min(1).max(2),
  questionsToRegister: z.coerce.number().int().min(3).max(5),
  questionsToReset: z.coerce.number().int().min(3).max(5),
  requireRegistrationAtSignIn: bool,
  reconfirmDays: z.coerce.number().int().min(0).max(730),
  notifyUserOnReset: bool,
  notifyAdminsOnAdminReset: bool,
  helpdeskUrl: optionalText(z.string().url().max(500)),
  helpdeskEmail: optionalText(z.string().email().max(254)),
  writebackEnabled: bool,
  allowUnlockWithoutReset: bool,
  bannedWords: z.array(z.string().trim().min(1).max(64)).max(1000).default([]),
  adminsSsprEnabled: bool,
  methodsMigrationState: z.enum(["preMigration", "migrationInProgress", "migrationComplete"]),
});
export type PolicyInput = z.infer<typeof PolicyInput>;

/** The stored policy as the editor's starting values. */
export function policyInput(db: Db, tenant: TenantRef): PolicyInput & { selectedGroups: string[] } {
  const p = store.policyRow(db, tenant.id);
  if (!p) throw new AppError(404, "tenant_not_found", `No policy for ${tenant.domain}.`);
  return {
    enablement: p.enablement,
    selectedGroups: store.scopeGroupIds(db, tenant.id),
    methodsAllowed: p.methodsAllowed as PolicyInput["methodsAllowed"],
    methodsRequired: p.methodsRequired,
    questionsToRegister: p.questionsToRegister,
    questionsToReset: p.questionsToReset,
    requireRegistrationAtSignIn: p.requireRegistrationAtSignIn,
    reconfirmDays: p.reconfirmDays,
    notifyUserOnReset: p.notifyUserOnReset,
    notifyAdminsOnAdminReset: p.notifyAdminsOnAdminReset,
    helpdeskUrl: p.helpdeskUrl ?? undefined,
    helpdeskEmail: p.helpdeskEmail ?? undefined,
    writebackEnabled: p.writebackEnabled,
    allowUnlockWithoutReset: p.allowUnlockWithoutReset,
    bannedWords: p.bannedWords,
    adminsSsprEnabled: p.adminsSsprEnabled,
    methodsMigrationState: p.methodsMigrationState,
  };
}

/** Store the whole policy; scope groups must be the tenant's own. */
export function setPolicy(c: Ctx, tenant: TenantRef, input: unknown): void {
  const p = parsed(PolicyInput, input);
  if (p.methodsRequired > p.methodsAllowed.length)
    throw new AppError(400, "invalid_request", "methodsRequired: more methods required than allowed.", {
      field: "methodsRequired",
    });
  for (const g of p.selectedGroups)
    if (!store.tenantGroup(c.db, tenant.id, g))
      throw new AppError(400, "invalid_request", `selectedGroups: no group ${g} in this tenant.`, {
        field: "selectedGroups",
      });
  const { selectedGroups, helpdeskUrl, helpdeskEmail, ...row } = p;
  c.db.transaction((tx) => {
    store.updatePolicyRow(
      tx,
      tenant.id,
      { ...row, helpdeskUrl: helpdeskUrl ?? null, helpdeskEmail: helpdeskEmail ?? null },
      c.now,
    );
    store.setScopeGroups(tx, tenant.id, selectedGroups);
    auditOf(tx, c, tenant.id, "setup.policy_update", p);
  });
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

/** Put a group inside another; refused when that would make a cycle (membership would never end). */
export function nestGroups(c: Ctx, tenant: TenantRef, parentId: string, childId: string): void {
  c.db.transaction((tx) => nest(tx, c, tenant, parentId, childId));
}

function nest(s: Store, c: Ctx, tenant: TenantRef, parentId: string, childId: string): void {
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
  if (store.nestGroup(s, parentId, childId)) auditOf(s, c, tenant.id, "setup.group_nest", { parentId, childId });
}

const ROLE = z.string().regex(/^[a-z_]{1,64}$/, "a role such as helpdesk_admin");

export const UserInput = z.object({
  upn: z.string().trim().toLowerCase().email("a sign-in name such as ada@contoso.example").max(254),
  displayName: NAME,
  type: z.enum(["member", "guest"]).default("member"),
  source: z.enum(["cloud", "synced"]).default("cloud"),
  enabled: bool.default(true),
  roles: z.array(ROLE).default([]),
  license: z.enum(["none", "free", "basic", "p1", "p2"]).default("p1"),
});

/** Create the user, or update the tenant's user with that upn; a upn of another tenant is refused. */
export function saveUser(c: Ctx, tenant: TenantRef, input: unknown): { id: string; created: boolean } {
  const u = parsed(UserInput, input);
  const existing = store.userByUpn(c.db, u.upn);
  if (existing && existing.tenantId !== tenant.id)
    throw new AppError(409, "already_exists", `${u.upn} belongs to another tenant.`, { field: "upn" });
  const id = existing?.id ?? `usr-${randomUUID()}`;
  c.db.transaction((tx) => {
    if (existing) store.updateUser(tx, id, u);
    else store.insertUser(tx, tenant.id, id, u);
    auditOf(tx, c, tenant.id, "setup.user_save", { created: !existing, ...u }, id);
  });
  return { id, created: !existing };
}

/** Make the user a direct member of the group (both the tenant's). */
export function addMember(c: Ctx, tenant: TenantRef, groupId: string, userId: string): void {
  if (!store.tenantGroup(c.db, tenant.id, groupId))
    throw new AppError(400, "invalid_request", `groupId: no group ${groupId} in this tenant.`, { field: "groupId" });
  if (store.userTenantId(c.db, userId) !== tenant.id)
    throw new AppError(400, "invalid_request", `userId: no user ${userId} in this tenant.`, { field: "userId" });
  c.db.transaction((tx) => {
    if (store.addMembership(tx, groupId, userId))
      auditOf(tx, c, tenant.id, "setup.membership_add", { groupId }, userId);
  });
}
