/**
 * Writing a tenant's SSPR policy: the `policies` row and its `policy_scope_groups`
 * rows, laid down from the whole `Policy` a fix computed. Reading it stays with the
 * state loader (`loadPolicy` in db/snapshots.ts), so the snapshot and a fix see one
 * policy through one query.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Policy } from "../domain/snapshot";
import type { Store } from "./client";
import { policies, policyScopeGroups } from "./schema";

/**
 * Store `next` as the tenant's policy; `before` is what is stored now, so only the scope
 * groups that changed are inserted or deleted.
 *
 * @example writePolicy(tx, "tnt-tailspin", policy, { ...policy, enablement: "all" }, now);
 */
export function writePolicy(store: Store, tenantId: string, before: Policy, next: Policy, now: Date): void {
  store
    .update(policies)
    .set({
      enablement: next.enablement,
      methodsAllowed: next.methodsAllowed,
      methodsRequired: next.methodsRequired,
      questionsToRegister: next.securityQuestions.toRegister,
      questionsToReset: next.securityQuestions.toReset,
      requireRegistrationAtSignIn: next.registration.requireAtSignIn,
      reconfirmDays: next.registration.reconfirmDays,
      notifyUserOnReset: next.notifications.notifyUserOnReset,
      notifyAdminsOnAdminReset: next.notifications.notifyAdminsOnAdminReset,
      helpdeskUrl: next.helpdesk.url ?? null,
      helpdeskEmail: next.helpdesk.email ?? null,
      writebackEnabled: next.onPremises.writebackEnabled,
      allowUnlockWithoutReset: next.onPremises.allowUnlockWithoutReset,
      // Absent v2 fields mean the contract's defaults, so writing them back keeps a v1 policy's meaning.
      adminsSsprEnabled: next.admins?.ssprEnabled ?? true,
      methodsMigrationState: next.methodsPolicy?.migrationState ?? "migrationComplete",
      updatedAt: now.toISOString(),
    })
    .where(eq(policies.tenantId, tenantId))
    .run();
  const added = next.selectedGroups.filter((g) => !before.selectedGroups.includes(g));
  const removed = before.selectedGroups.filter((g) => !next.selectedGroups.includes(g));
  for (const groupId of added)
    store.insert(policyScopeGroups).values({ tenantId, groupId }).onConflictDoNothing().run();
  if (removed.length)
    store
      .delete(policyScopeGroups)
      .where(and(eq(policyScopeGroups.tenantId, tenantId), inArray(policyScopeGroups.groupId, removed)))
      .run();
}
