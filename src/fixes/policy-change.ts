/**
 * A change to a tenant's SSPR policy, said once in the what-if vocabulary
 * (`PolicyOverride`) and turned into the three things a fix needs: the exact changes
 * for the preview (only fields that differ), the writes to the `policies` row and the
 * `policy_scope_groups` rows, and the override that `tenantWhatIf` measures.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Store } from "../db/client";
import { policies, policyScopeGroups } from "../db/schema";
import { applyPolicyOverride, type Policy, type PolicyOverride } from "../domain/snapshot";
import type { Change, Plan } from "./definition";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The plan for laying `override` over the tenant's stored policy.
 *
 * @example
 * const plan = policyPlan("tnt-tailspin", policy, { enablement: "all" }, { });
 * plan.changes; // [{ entity: "policy", key: "tnt-tailspin", field: "enablement", before: "none", after: "all" }]
 */
export function policyPlan(tenantId: string, policy: Policy, override: PolicyOverride, params: Record<string, unknown>, now: Date): Plan {
  const next = applyPolicyOverride(policy, override);
  const changes: Change[] = [];
  const note = (field: string, before: unknown, after: unknown) => {
    if (!same(before, after)) changes.push({ entity: "policy", key: tenantId, field, before, after });
  };
  note("enablement", policy.enablement, next.enablement);
  note("selectedGroups", policy.selectedGroups, next.selectedGroups);
  note("methodsAllowed", policy.methodsAllowed, next.methodsAllowed);
  note("methodsRequired", policy.methodsRequired, next.methodsRequired);
  note("registration.requireAtSignIn", policy.registration.requireAtSignIn, next.registration.requireAtSignIn);
  note("registration.reconfirmDays", policy.registration.reconfirmDays, next.registration.reconfirmDays);
  note("notifications.notifyUserOnReset", policy.notifications.notifyUserOnReset, next.notifications.notifyUserOnReset);
  note("helpdesk.url", policy.helpdesk.url ?? null, next.helpdesk.url ?? null);
  note("helpdesk.email", policy.helpdesk.email ?? null, next.helpdesk.email ?? null);
  note("onPremises.writebackEnabled", policy.onPremises.writebackEnabled, next.onPremises.writebackEnabled);

  return {
    changes,
    params,
    policyOverride: override,
    write(tx: Store) {
      tx.update(policies)
        .set({
          enablement: next.enablement,
          methodsAllowed: next.methodsAllowed,
          methodsRequired: next.methodsRequired,
          requireRegistrationAtSignIn: next.registration.requireAtSignIn,
          reconfirmDays: next.registration.reconfirmDays,
          notifyUserOnReset: next.notifications.notifyUserOnReset,
          helpdeskUrl: next.helpdesk.url ?? null,
          helpdeskEmail: next.helpdesk.email ?? null,
          writebackEnabled: next.onPremises.writebackEnabled,
          updatedAt: now.toISOString(),
        })
        .where(eq(policies.tenantId, tenantId))
        .run();
      const added = next.selectedGroups.filter((g) => !policy.selectedGroups.includes(g));
      const removed = policy.selectedGroups.filter((g) => !next.selectedGroups.includes(g));
      for (const groupId of added) tx.insert(policyScopeGroups).values({ tenantId, groupId }).onConflictDoNothing().run();
      if (removed.length) tx.delete(policyScopeGroups).where(and(eq(policyScopeGroups.tenantId, tenantId), inArray(policyScopeGroups.groupId, removed))).run();
    },
  };
}
