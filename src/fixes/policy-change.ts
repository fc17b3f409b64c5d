/**
 * A change to a tenant's SSPR policy, said once in the what-if vocabulary
 * (`PolicyOverride`) and turned into the three things a fix needs: the exact changes
 * for the preview (only fields that differ), the writes to the `policies` row and the
 * `policy_scope_groups` rows, and the override that `tenantWhatIf` measures.
 */
import type { Store } from "../db/client";
import { writePolicy } from "../db/policies";
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
export function policyPlan(
  tenantId: string,
  policy: Policy,
  override: PolicyOverride,
  params: Record<string, unknown>,
  now: Date,
): Plan {
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
    write: (tx: Store) => writePolicy(tx, tenantId, policy, next, now),
  };
}
