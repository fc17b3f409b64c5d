/**
 * Who a fix is for: a user (by upn or id) or, for tenant-wide fixes, a whole tenant.
 * Resolving the request into stored state (404s and 400s name the field), building
 * the context a fix plans in, and finding which of the fix's findings are present —
 * for one user, or for every user of the tenant.
 */
import { loadPolicy, snapshotForUser, snapshotsForTenant, type LoadedSnapshot } from "../db/snapshots";
import type { Deps } from "../deps";
import type { FindingCode } from "../domain/catalogue";
import { AppError } from "../errors";
import { findTenant, type TenantRef } from "../db/tenants";
import type { FixContext, FixSpec, TargetUser } from "./definition";
import { userRow } from "./state";

export type TargetRequest = { user?: string; tenant?: string };
export type Target = { tenant: TenantRef; user?: TargetUser };
/** The target as the API shows it. */
export type TargetRef = { tenant: TenantRef; user?: { id: string; upn: string } };

export const targetRef = (t: Target): TargetRef => ({
  tenant: t.tenant,
  ...(t.user ? { user: { id: t.user.id, upn: t.user.upn } } : {}),
});

function targetUser(deps: Deps, loaded: LoadedSnapshot): TargetUser {
  const row = userRow(deps.db, loaded.userId)!;
  return {
    id: loaded.userId,
    upn: loaded.upn,
    displayName: row.displayName,
    roles: row.roles,
    snapshot: loaded.snapshot,
  };
}

/**
 * The stored target of a request: exactly one of `user` and `tenant`, and `tenant` only
 * for a tenant-wide fix.
 *
 * @example
 * resolveTarget(deps, now, FIX_REGISTRY.clear_throttle, { user: "bob.blocked@contoso.example" }).user?.id; // "usr-bob.blocked"
 */
export function resolveTarget(deps: Deps, now: Date, spec: FixSpec, req: TargetRequest): Target {
  if (req.user !== undefined && req.tenant !== undefined) {
    throw new AppError(400, "invalid_request", "tenant: give either user or tenant, not both.", { field: "tenant" });
  }
  if (req.tenant !== undefined) {
    if (spec.scope === "user")
      throw new AppError(
        400,
        "invalid_request",
        `tenant: ${spec.id} changes one user's state; name the user instead.`,
        { field: "tenant" },
      );
    const tenant = findTenant(deps.db, req.tenant);
    if (!tenant) throw new AppError(404, "tenant_not_found", `No tenant "${req.tenant}".`, { field: "tenant" });
    return { tenant };
  }
  if (req.user === undefined) {
    throw new AppError(
      400,
      "invalid_request",
      `user: required${spec.scope === "tenant" ? " (or tenant, for this tenant-wide fix)" : ""}.`,
      { field: "user" },
    );
  }
  const loaded = snapshotForUser(deps.db, now, req.user);
  if (!loaded) throw new AppError(404, "user_not_found", `No user "${req.user}".`, { field: "user" });
  return { tenant: findTenant(deps.db, loaded.tenantId)!, user: targetUser(deps, loaded) };
}

/** The same target re-read from the database (inside a transaction: as it stands there). */
export function reloadTarget(deps: Deps, now: Date, target: Target): Target {
  if (!target.user) return target;
  const loaded = snapshotForUser(deps.db, now, target.user.id);
  if (!loaded) throw new AppError(404, "user_not_found", `No user "${target.user.upn}".`, { field: "user" });
  return { tenant: target.tenant, user: targetUser(deps, loaded) };
}

/**
 * The context a fix plans in; the tenant's users are loaded on first use only.
 *
 * @example
 * const ctx = fixContext(deps, now, target, {});
 * ctx.codesOf(ctx.user!.snapshot); // ["reset_blocked_temporarily"]
 */
export function fixContext<P>(deps: Deps, now: Date, target: Target, params: P): FixContext<P> {
  let users: LoadedSnapshot[] | undefined;
  return {
    deps,
    now,
    tenant: target.tenant,
    policy: loadPolicy(deps.db, target.tenant.id)!,
    ...(target.user ? { user: target.user } : {}),
    params,
    tenantUsers: () => (users ??= snapshotsForTenant(deps.db, now, target.tenant.id)),
    codesOf: (snapshot) => deps.diagnoser.findingCodes(snapshot),
  };
}

/** Per user: the fix's findings present now. A user target has one entry; a tenant target, one per affected user. */
export type Presence = { user: LoadedSnapshot; codes: FindingCode[]; present: FindingCode[] }[];

/**
 * Which of `addresses` are present, for the target user or for every user of the tenant
 * (users without any are left out).
 *
 * @example
 * presence(ctx, ["reset_blocked_temporarily"])[0]?.present; // ["reset_blocked_temporarily"]
 */
export function presence(ctx: FixContext<unknown>, addresses: readonly FindingCode[]): Presence {
  const users: LoadedSnapshot[] = ctx.user
    ? [{ userId: ctx.user.id, upn: ctx.user.upn, tenantId: ctx.tenant.id, snapshot: ctx.user.snapshot }]
    : ctx.tenantUsers();
  const out: Presence = [];
  for (const user of users) {
    const codes = ctx.codesOf(user.snapshot);
    const present = addresses.filter((c) => codes.includes(c));
    if (present.length) out.push({ user, codes, present });
  }
  return out;
}
