/**
 * The effective policy: which rules apply to this user. Administrators follow the
 * administrator policy whatever the tenant configured (always in scope, two methods,
 * never security questions — CATALOGUE.md "Administrator policy"); everyone else
 * follows the tenant policy and its scope (none / selected groups / all).
 */
import { memoByIdentity } from "./memo";
import { ADMIN_METHODS_ALLOWED, ADMIN_METHODS_REQUIRED, type Method } from "./catalogue";
import { isAdmin, membershipsIn, type GroupMembership } from "./directory";
import type { Snapshot } from "./snapshot";

export type EffectivePolicy = {
  isAdmin: boolean;
  /** Whether self-service reset applies to this user at all. */
  inScope: boolean;
  /** Why: the admin policy, the tenant's enablement, or (selected) the groups that matched. */
  scope: "admin" | "none" | "selected" | "all";
  /** For `selected`: the selected groups the user is in, and whether directly. */
  scopeGroups: GroupMembership[];
  /** Methods this user may use, without duplicates, in the order configured. */
  methodsAllowed: readonly Method[];
  methodsRequired: number;
  questionsAllowed: boolean;
};

/**
 * The tenant's allowed methods without duplicates, in the order given.
 *
 * @example
 * distinctMethods(["email", "email", "mobile_sms"]); // ["email", "mobile_sms"]
 */
export function distinctMethods(methods: readonly Method[]): Method[] {
  return [...new Set(methods)];
}

// Every user of a tenant has the same allowed list (one policy object), so the effective
// policy of each reuses one distinct copy rather than building a set per user. Keyed by the
// list itself: policies are replaced, never changed in place.
const distinctAllowed = memoByIdentity((methods: readonly Method[]): readonly Method[] => distinctMethods(methods));

/**
 * The policy that governs `snapshot.user` (a null user gets the tenant policy, out of scope).
 *
 * @example
 * effectivePolicy(snapshotOfAUserAdmin);
 * // { isAdmin: true, inScope: true, scope: "admin", methodsRequired: 2, questionsAllowed: false, … }
 */
export function effectivePolicy(snapshot: Pick<Snapshot, "policy" | "user">): EffectivePolicy {
  const { policy, user } = snapshot;
  if (user !== null && isAdmin(user.roles)) {
    return {
      isAdmin: true,
      inScope: true,
      scope: "admin",
      scopeGroups: [],
      methodsAllowed: ADMIN_METHODS_ALLOWED,
      methodsRequired: ADMIN_METHODS_REQUIRED,
      questionsAllowed: false,
    };
  }
  const methodsAllowed = distinctAllowed(policy.methodsAllowed);
  const scopeGroups =
    user !== null && policy.enablement === "selected" ? membershipsIn(user, policy.selectedGroups) : [];
  const inScope =
    user !== null && (policy.enablement === "all" || (policy.enablement === "selected" && scopeGroups.length > 0));
  return {
    isAdmin: false,
    inScope,
    scope: policy.enablement,
    scopeGroups,
    methodsAllowed,
    methodsRequired: policy.methodsRequired,
    questionsAllowed: methodsAllowed.includes("security_questions"),
  };
}
