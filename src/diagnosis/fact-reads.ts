/**
 * Which snapshot paths each derived fact is computed from: the dependency of facts.ts's
 * `computeFacts` on the snapshot, written down so the three-valued pass can tell which
 * unknown paths a rule can see. A rule that reads no fact computed from an unknown path
 * fires in every world or in none, so it need not be tried in more than one; a rule that
 * reads one unknown path needs that path's few values, not every combination of every
 * path (docs/decisions/016). A test varies every unknown path in generated worlds and
 * checks that no fact outside this table's answer moves.
 *
 * Presence is not listed: no unknown path makes the user (or another object a fact reads)
 * appear or vanish between worlds — a variant that writes `user.onPremises.lockedOut`
 * creates `user.onPremises` in every world alike — so only the values a fact reads count.
 */
import type { FactName } from "./facts";

type Reads = readonly string[];

// Reads shared by the facts built from the effective policy and the methods' assessment.
const ROLE_POLICY: Reads = ["user.roles", "policy.methodsAllowed"];
const SCOPE: Reads = ["user.roles", "user.groups", "policy.enablement", "policy.selectedGroups"];
const ASSESSED: Reads = ["methods", ...ROLE_POLICY];
const USABLE: Reads = [...ASSESSED, "policy.securityQuestions"];

/**
 * Per fact, the snapshot paths it reads; an object fact lists them per key (a rule reads
 * it with a `path`). `now` and the tenant context are the same in every world and are left out.
 */
export const FACT_READS: { readonly [K in FactName]: Reads | Readonly<Record<string, Reads>> } = {
  userExists: [],
  upn: ["user.upn"],
  isAdmin: ["user.roles"],
  adminRoles: ["user.roles"],
  userEnabled: ["user.enabled"],
  userType: ["user.type"],
  userSource: ["user.source"],
  license: ["user.license"],
  enablement: ["policy.enablement"],
  selectedGroups: ["policy.selectedGroups"],
  selectedGroupCount: ["policy.selectedGroups"],
  userGroups: ["user.groups"],
  inScope: SCOPE,
  scopeGroups: SCOPE,
  policyMethodsAllowed: ROLE_POLICY,
  policyAllowedMethodCount: ROLE_POLICY,
  policyMethodsRequired: ["policy.methodsRequired"],
  allowedMethods: ROLE_POLICY,
  allowedMethodCount: ROLE_POLICY,
  requiredMethodCount: ["user.roles", "policy.methodsRequired"],
  registeredMethods: ["methods"],
  registeredMethodCount: ["methods"],
  registeredAllowedCount: ASSESSED,
  registeredNonQuestionCount: ["methods"],
  usableMethods: USABLE,
  usableMethodCount: [...USABLE, "policy.methodsRequired"],
  questionsRegisteredAndAllowed: ASSESSED,
  questionsAnswered: ["methods"],
  questionsToReset: ["policy.securityQuestions"],
  invalidValueMethods: ASSESSED,
  invalidValueCount: ASSESSED,
  unverifiedMethods: ASSESSED,
  unverifiedCount: ASSESSED,
  ownMailboxEmail: ["methods", "user.upn"],
  maxUsersSharingMethodValue: ["methods"],
  mostSharedMethodValue: ["methods"],
  throttle: {
    failedVerificationsLast24h: ["throttle.failedVerificationsLast24h"],
    codesSentLastHour: ["throttle.codesSentLastHour"],
    resetsLast24h: ["throttle.resetsLast24h"],
  },
  blockedActive: ["throttle.blockedUntil"],
  blockedUntil: ["throttle.blockedUntil"],
  blockedMinutesLeft: ["throttle.blockedUntil"],
  limits: {},
  attemptError: ["attempt"],
  attemptStage: ["attempt"],
  policyWritebackEnabled: ["policy.onPremises.writebackEnabled"],
  writebackConfigured: ["writeback.configured"],
  writebackOn: ["policy.onPremises.writebackEnabled", "writeback.configured"],
  writebackStatus: ["writeback.status"],
  heartbeatAgeMinutes: ["writeback.lastHeartbeatAt"],
  writebackPermissions: {
    resetPassword: ["writeback.permissions.resetPassword"],
    changePassword: ["writeback.permissions.changePassword"],
    writeLockoutTime: ["writeback.permissions.writeLockoutTime"],
    writePwdLastSet: ["writeback.permissions.writePwdLastSet"],
  },
  onPremAccount: {
    lockedOut: ["user.onPremises.lockedOut"],
    cannotChangePassword: ["user.onPremises.cannotChangePassword"],
    protectedAccount: ["user.onPremises.protectedAccount"],
    mustChangePasswordAtNextLogon: ["user.onPremises.mustChangePasswordAtNextLogon"],
    disabled: ["user.onPremises.disabled"],
    found: ["user.onPremises.found"],
  },
  onPremMinAgeHours: ["writeback.onPremPolicy.minAgeHours"],
  passwordAgeHours: ["user.passwordLastSetAt"],
  unlockActor: ["policy.onPremises.allowUnlockWithoutReset"],
  reconfirmDays: ["policy.registration.reconfirmDays"],
  daysSinceConfirmed: ["registration.lastConfirmedAt"],
  lastConfirmedAt: ["registration.lastConfirmedAt"],
  requireAtSignIn: ["policy.registration.requireAtSignIn"],
  notifyUserOnReset: ["policy.notifications.notifyUserOnReset"],
  hasHelpdeskContact: ["policy.helpdesk"],
  federated: ["user.federated"],
  adminsSsprEnabled: ["policy.admins.ssprEnabled"],
  migrationState: ["policy.methodsPolicy.migrationState"],
  writebackCapabilities: {
    remoteSam: ["writeback.capabilities.remoteSam"],
    policyHints: ["writeback.capabilities.policyHints"],
  },
  cloudLockoutActive: ["user.cloudLockout"],
  cloudLockedUntil: ["user.cloudLockout"],
  cloudLockoutMinutesLeft: ["user.cloudLockout"],
  lastDeliveryFailure: {
    method: ["delivery.lastFailure"],
    at: ["delivery.lastFailure"],
    reason: ["delivery.lastFailure"],
  },
  deliveryFailureHoursAgo: ["delivery.lastFailure"],
  // The snapshot's own list of unknown paths is not itself varied.
  unknownPaths: [],
  // Filled in by the three-valued pass after the worlds, from the classification.
  undecidedFindings: [],
  undecidedFindingCount: [],
  undecidedBlockerCount: [],
  unknownDecides: [],
};

/**
 * The snapshot paths one fact (and key, for an object fact) reads.
 *
 * @example
 * factReads("onPremAccount", "lockedOut"); // ["user.onPremises.lockedOut"]
 */
export function factReads(fact: FactName, key?: string): Reads {
  const reads = FACT_READS[fact];
  if (Array.isArray(reads)) return reads as Reads;
  const byKey = reads as Readonly<Record<string, Reads>>;
  // A whole object fact (no key) reads every key's paths.
  return key === undefined ? Object.values(byKey).flat() : (byKey[key] ?? Object.values(byKey).flat());
}

/**
 * The part of the snapshot an unknown path's variants rewrite: the path up to its first
 * list (`methods[].verified` rewrites `methods`).
 *
 * @example
 * writtenRegion("methods[].value"); // "methods"
 */
export function writtenRegion(unknownPath: string): string {
  const list = unknownPath.indexOf("[");
  return list < 0 ? unknownPath : unknownPath.slice(0, list);
}

/**
 * Whether a fact reading `read` can see a rewrite of `region`: one contains the other.
 *
 * @example
 * overlaps("methods", "methods.security_questions.questionsAnswered"); // true
 * overlaps("user.onPremises.lockedOut", "user.onPremises.found"); // false
 */
export function overlaps(read: string, region: string): boolean {
  return (
    read === region ||
    (read.startsWith(region) && read[region.length] === ".") ||
    (region.startsWith(read) && region[read.length] === ".")
  );
}
