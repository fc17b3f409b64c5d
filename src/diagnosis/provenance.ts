/**
 * Provenance of evidence (CONTRACT §1 v2: "a diagnosis made from an import carries source
 * and the time each fact was read"). A snapshot's `provenance` names a source for the whole
 * snapshot and per path prefix ("user.onPremises" → ldap at 09:00); each derived fact reads
 * known snapshot paths, so an evidence row can say where its value came from and how fresh
 * it is. The longest matching prefix wins; the snapshot-wide source is the fallback.
 */
import type { Snapshot } from "../domain/snapshot";
import type { Evidence } from "./evidence";
import type { FactName } from "./facts";

/**
 * The snapshot path each derived fact reads (its main one); object facts append the
 * condition's `path` (onPremAccount + lockedOut → user.onPremises.lockedOut).
 */
export const FACT_PATHS: Partial<Record<FactName, string>> = {
  userExists: "user",
  upn: "user.upn",
  isAdmin: "user.roles",
  adminRoles: "user.roles",
  userEnabled: "user.enabled",
  userType: "user.type",
  userSource: "user.source",
  license: "user.license",
  federated: "user.federated",
  userGroups: "user.groups",
  inScope: "user.groups",
  scopeGroups: "user.groups",
  enablement: "policy.enablement",
  selectedGroups: "policy.selectedGroups",
  selectedGroupCount: "policy.selectedGroups",
  policyMethodsAllowed: "policy.methodsAllowed",
  policyAllowedMethodCount: "policy.methodsAllowed",
  policyMethodsRequired: "policy.methodsRequired",
  allowedMethods: "policy.methodsAllowed",
  allowedMethodCount: "policy.methodsAllowed",
  requiredMethodCount: "policy.methodsRequired",
  registeredMethods: "methods",
  registeredMethodCount: "methods",
  registeredAllowedCount: "methods",
  registeredNonQuestionCount: "methods",
  usableMethods: "methods",
  usableMethodCount: "methods",
  questionsRegisteredAndAllowed: "methods",
  questionsAnswered: "methods",
  invalidValueMethods: "methods",
  invalidValueCount: "methods",
  unverifiedMethods: "methods",
  unverifiedCount: "methods",
  ownMailboxEmail: "methods",
  throttle: "throttle",
  blockedActive: "throttle.blockedUntil",
  attemptError: "attempt.error",
  policyWritebackEnabled: "policy.onPremises.writebackEnabled",
  writebackConfigured: "writeback.configured",
  writebackOn: "writeback.configured",
  writebackStatus: "writeback.status",
  heartbeatAgeMinutes: "writeback.lastHeartbeatAt",
  writebackPermissions: "writeback.permissions",
  writebackCapabilities: "writeback.capabilities",
  onPremAccount: "user.onPremises",
  onPremMinAgeHours: "writeback.onPremPolicy.minAgeHours",
  passwordAgeHours: "user.passwordLastSetAt",
  reconfirmDays: "policy.registration.reconfirmDays",
  daysSinceConfirmed: "registration.lastConfirmedAt",
  requireAtSignIn: "policy.registration.requireAtSignIn",
  notifyUserOnReset: "policy.notifications.notifyUserOnReset",
  hasHelpdeskContact: "policy.helpdesk",
  adminsSsprEnabled: "policy.admins.ssprEnabled",
  migrationState: "policy.methodsPolicy.migrationState",
  cloudLockoutActive: "user.cloudLockout.lockedUntil",
  lastDeliveryFailure: "delivery.lastFailure",
  deliveryFailureHoursAgo: "delivery.lastFailure.at",
};

type Provenance = NonNullable<Snapshot["provenance"]>;

/**
 * The snapshot path behind an evidence row, or undefined for facts read from no one path.
 *
 * @example
 * snapshotPathOf({ fact: "onPremAccount", path: "lockedOut", … }); // "user.onPremises.lockedOut"
 */
export function snapshotPathOf(row: Pick<Evidence, "fact" | "path">): string | undefined {
  if (row.fact === "unknown") return row.path;
  const base = FACT_PATHS[row.fact as FactName];
  if (base === undefined) return undefined;
  return row.path === undefined ? base : `${base}.${row.path}`;
}

/**
 * Where a snapshot path's value came from: the longest `provenance.facts` prefix of it
 * (on a dot or bracket boundary), else the snapshot-wide source; undefined when unknown.
 *
 * @example
 * sourceOf({ source: "graph-export", readAt: "…08:00Z", facts: { "user.onPremises": { source: "ldap", readAt: "…09:00Z" } } },
 *   "user.onPremises.lockedOut"); // { source: "ldap", readAt: "…09:00Z" }
 */
export function sourceOf(provenance: Provenance | undefined, path: string): Evidence["source"] {
  if (provenance === undefined) return undefined;
  let best: { source: string; readAt: string } | undefined;
  let bestLength = -1;
  for (const [prefix, fact] of Object.entries(provenance.facts ?? {})) {
    const boundary = path.length === prefix.length || path[prefix.length] === "." || path[prefix.length] === "[";
    if (path.startsWith(prefix) && boundary && prefix.length > bestLength) {
      best = fact;
      bestLength = prefix.length;
    }
  }
  if (best) return { source: best.source, readAt: best.readAt };
  if (provenance.source === undefined) return undefined;
  return provenance.readAt === undefined
    ? { source: provenance.source }
    : { source: provenance.source, readAt: provenance.readAt };
}

/**
 * Evidence rows with their source attached where the snapshot says one (new rows; the
 * input is not changed).
 *
 * @example
 * withSources(evidence, snapshot.provenance)[0].source; // { source: "ldap", readAt: "2026-11-24T09:00:00Z" }
 */
export function withSources(evidence: readonly Evidence[], provenance: Provenance | undefined): Evidence[] {
  if (provenance === undefined) return [...evidence];
  return evidence.map((row) => {
    const path = snapshotPathOf(row);
    const source = path === undefined ? undefined : sourceOf(provenance, path);
    return source === undefined ? row : { ...row, source };
  });
}
