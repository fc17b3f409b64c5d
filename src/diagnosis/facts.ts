/**
 * Derived facts: the only vocabulary rule conditions and templates may use. They are
 * computed once per diagnosis, in code, from the snapshot (plus tenant context for the
 * sweep), and handed to json-rules-engine as plain values — no async fact functions, so
 * a run is a pure comparison pass. Values are exact; templates round for display only.
 * Anything a condition cannot say directly becomes a fact here, with its own unit test.
 * Object facts are read with a dotted `path`.
 */
import {
  ADMIN_METHODS_REQUIRED,
  CODE_TTL_MINUTES,
  DELIVERY_FAILURE_WINDOW_HOURS,
  MAX_CODES_PER_HOUR,
  MAX_FAILED_VERIFICATIONS_24H,
  MAX_RESETS_24H,
  MAX_USERS_PER_METHOD_VALUE,
  MIN_PASSWORD_LENGTH,
  WRITEBACK_LATE_MINUTES,
  WRITEBACK_STALE_MINUTES,
} from "../domain/catalogue";
import { adminRolesHeld, isAdmin } from "../domain/directory";
import { assessMethods, countedMethods, hasContactValue, methodValueKey } from "../domain/methods";
import { distinctMethods, effectivePolicy } from "../domain/policy";
import { V2_DEFAULTS, type RegisteredMethodType, type Snapshot } from "../domain/snapshot";
import { instantMs, minutesSince } from "../domain/time";

/** Limits rules compare against, named as in CATALOGUE.md; the numbers live in catalogue.ts. */
export const LIMITS = {
  MAX_CODES_PER_HOUR,
  MAX_FAILED_VERIFICATIONS_24H,
  MAX_RESETS_24H,
  WRITEBACK_STALE_MINUTES,
  WRITEBACK_LATE_MINUTES,
  MAX_USERS_PER_METHOD_VALUE,
  ADMIN_METHODS_REQUIRED,
  CODE_TTL_MINUTES,
  MIN_PASSWORD_LENGTH,
  DELIVERY_FAILURE_WINDOW_HOURS,
} as const;

export type Facts = {
  userExists: boolean;
  upn: string | null;
  isAdmin: boolean;
  adminRoles: string[];
  userEnabled: boolean | null;
  userType: string | null;
  userSource: string | null;
  license: string | null;
  enablement: string;
  selectedGroups: string[];
  selectedGroupCount: number;
  userGroups: string[];
  inScope: boolean;
  scopeGroups: string[];
  policyMethodsAllowed: string[];
  policyAllowedMethodCount: number;
  policyMethodsRequired: number;
  allowedMethods: string[];
  allowedMethodCount: number;
  requiredMethodCount: number;
  registeredMethods: string[];
  registeredMethodCount: number;
  registeredAllowedCount: number;
  registeredNonQuestionCount: number;
  usableMethods: string[];
  usableMethodCount: number;
  questionsRegisteredAndAllowed: boolean;
  questionsAnswered: number;
  questionsToReset: number;
  invalidValueMethods: string[];
  invalidValueCount: number;
  unverifiedMethods: string[];
  unverifiedCount: number;
  ownMailboxEmail: boolean;
  maxUsersSharingMethodValue: number | null;
  mostSharedMethodValue: string | null;
  throttle: { failedVerificationsLast24h: number; codesSentLastHour: number; resetsLast24h: number };
  blockedActive: boolean;
  blockedUntil: string | null;
  blockedMinutesLeft: number | null;
  limits: typeof LIMITS;
  attemptError: string | null;
  attemptStage: string | null;
  policyWritebackEnabled: boolean;
  writebackConfigured: boolean;
  writebackOn: boolean;
  writebackStatus: string;
  heartbeatAgeMinutes: number | null;
  writebackPermissions: Snapshot["writeback"]["permissions"];
  onPremAccount: {
    lockedOut: boolean;
    cannotChangePassword: boolean;
    protectedAccount: boolean;
    mustChangePasswordAtNextLogon: boolean;
    disabled: boolean;
    found: boolean;
  };
  onPremMinAgeHours: number;
  passwordAgeHours: number | null;
  unlockActor: "user" | "helpdesk";
  reconfirmDays: number;
  daysSinceConfirmed: number | null;
  lastConfirmedAt: string | null;
  requireAtSignIn: boolean;
  notifyUserOnReset: boolean;
  hasHelpdeskContact: boolean;
  // ---- Version 2
  federated: boolean;
  adminsSsprEnabled: boolean;
  migrationState: string;
  writebackCapabilities: { remoteSam: boolean; policyHints: boolean };
  cloudLockoutActive: boolean;
  cloudLockedUntil: string | null;
  cloudLockoutMinutesLeft: number | null;
  lastDeliveryFailure: { method: string | null; at: string | null; reason: string | null };
  deliveryFailureHoursAgo: number | null;
  unknownPaths: string[];
  undecidedFindings: string[];
  undecidedFindingCount: number;
  undecidedBlockerCount: number;
  unknownDecides: string[];
};
export type FactName = keyof Facts;

export type FactSpec =
  | { kind: "boolean" | "number" | "string" | "list"; doc: string }
  | { kind: "actor"; doc: string }
  | { kind: "object"; keys: readonly string[]; doc: string };

const b = (doc: string): FactSpec => ({ kind: "boolean", doc });
const n = (doc: string): FactSpec => ({ kind: "number", doc });
const s = (doc: string): FactSpec => ({ kind: "string", doc });
const l = (doc: string): FactSpec => ({ kind: "list", doc });
const o = (keys: readonly string[], doc: string): FactSpec => ({ kind: "object", keys, doc });

/** Every fact a rule may name, with its kind (rules.ts checks names, paths and actor facts). */
export const FACTS: { readonly [K in FactName]: FactSpec } = {
  userExists: b("snapshot.user is not null"),
  upn: s("the user's sign-in name; null without a user"),
  isAdmin: b("holds a role in ADMIN_ROLES (administrator policy applies)"),
  adminRoles: l("the administrator roles held"),
  userEnabled: b("user.enabled; null without a user"),
  userType: s("member | guest; null without a user"),
  userSource: s("cloud | synced; null without a user"),
  license: s("none | free | basic | p1 | p2; null without a user"),
  enablement: s("policy.enablement"),
  selectedGroups: l("policy.selectedGroups"),
  selectedGroupCount: n("number of selected groups"),
  userGroups: l("every group the user is in, direct or through nesting"),
  inScope: b("SSPR applies to the user (admin, all, or a selected group directly or nested)"),
  scopeGroups: l("selected groups the user is in, each marked (direct) or (nested)"),
  policyMethodsAllowed: l("tenant policy's allowed methods, without duplicates"),
  policyAllowedMethodCount: n("how many methods the tenant policy allows"),
  policyMethodsRequired: n("tenant policy's methodsRequired"),
  allowedMethods: l("methods allowed for this user (admin or tenant policy)"),
  allowedMethodCount: n("how many methods are allowed for this user"),
  requiredMethodCount: n("methods required for this user (2 for admins)"),
  registeredMethods: l("distinct registered method types"),
  registeredMethodCount: n("how many distinct method types are registered"),
  registeredAllowedCount: n("registered method types allowed for this user"),
  registeredNonQuestionCount: n("registered method types other than security questions"),
  usableMethods: l("distinct usable method types"),
  usableMethodCount: n(
    "usable methods that count toward the requirement: one per device (the authenticator app's notification and code are one), and a notification alone counts for nothing when one method is required",
  ),
  questionsRegisteredAndAllowed: b("security questions registered and allowed for this user"),
  questionsAnswered: n("security questions answered (0 when none registered)"),
  questionsToReset: n("policy.securityQuestions.toReset"),
  invalidValueMethods: l("allowed email/phone methods with a malformed or missing value"),
  invalidValueCount: n("how many such methods"),
  unverifiedMethods: l("allowed methods never verified"),
  unverifiedCount: n("how many such methods"),
  ownMailboxEmail: b("an email method equals the user's UPN"),
  maxUsersSharingMethodValue: n("most users sharing one of this user's phones/emails; null outside a sweep"),
  mostSharedMethodValue: s("that value"),
  throttle: o(["failedVerificationsLast24h", "codesSentLastHour", "resetsLast24h"], "throttle counters"),
  blockedActive: b("throttle.blockedUntil is after now"),
  blockedUntil: s("throttle.blockedUntil"),
  blockedMinutesLeft: n("minutes until the block ends"),
  limits: o(Object.keys(LIMITS), "catalogue limits"),
  attemptError: s("attempt.error; null without one"),
  attemptStage: s("attempt.stage; null without one"),
  policyWritebackEnabled: b("policy.onPremises.writebackEnabled"),
  writebackConfigured: b("writeback.configured"),
  writebackOn: b("writeback enabled by policy and a connector configured"),
  writebackStatus: s("writeback.status"),
  heartbeatAgeMinutes: n("minutes since the connector's last heartbeat; null if none"),
  writebackPermissions: o(
    ["resetPassword", "changePassword", "writeLockoutTime", "writePwdLastSet"],
    "connector permissions",
  ),
  onPremAccount: o(
    ["lockedOut", "cannotChangePassword", "protectedAccount", "mustChangePasswordAtNextLogon", "disabled", "found"],
    "user.onPremises flags (false when absent; found true when absent)",
  ),
  onPremMinAgeHours: n("writeback.onPremPolicy.minAgeHours"),
  passwordAgeHours: n("hours since passwordLastSetAt; null if unknown"),
  unlockActor: { kind: "actor", doc: "user when allowUnlockWithoutReset, else helpdesk" },
  reconfirmDays: n("policy.registration.reconfirmDays"),
  daysSinceConfirmed: n("days since registration.lastConfirmedAt; null if never"),
  lastConfirmedAt: s("registration.lastConfirmedAt"),
  requireAtSignIn: b("policy.registration.requireAtSignIn"),
  notifyUserOnReset: b("policy.notifications.notifyUserOnReset"),
  hasHelpdeskContact: b("a non-blank helpdesk url or email is set"),
  federated: b("user.federated: the domain signs in at another identity provider (false when absent)"),
  adminsSsprEnabled: b("policy.admins.ssprEnabled (true when absent)"),
  migrationState: s("policy.methodsPolicy.migrationState (migrationComplete when absent)"),
  writebackCapabilities: o(["remoteSam", "policyHints"], "writeback.capabilities (both true when absent)"),
  cloudLockoutActive: b("user.cloudLockout.lockedUntil is after now"),
  cloudLockedUntil: s("user.cloudLockout.lockedUntil; null without one"),
  cloudLockoutMinutesLeft: n("minutes until the cloud smart lockout ends; null without one"),
  lastDeliveryFailure: o(["method", "at", "reason"], "delivery.lastFailure (nulls without one)"),
  deliveryFailureHoursAgo: n("hours since delivery.lastFailure.at; null without one"),
  unknownPaths: l("snapshot.unknown: paths the source could not read"),
  undecidedFindings: l("findings the unknown facts could decide either way (filled by the three-valued pass)"),
  undecidedFindingCount: n("how many such findings"),
  undecidedBlockerCount: n("how many of them are blockers: only an unknown that could block puts a user at risk"),
  unknownDecides: l("each unknown path, the findings it could decide and how to obtain it"),
};

export function isFactName(name: string): name is FactName {
  return Object.hasOwn(FACTS, name);
}

/** Tenant context a single snapshot cannot carry. */
export type FactContext = {
  /** Contact value key (`methodValueKey`) → number of users in the tenant who registered it. */
  sharedMethodValues?: ReadonlyMap<string, number>;
};

const NO_ACCOUNT_FLAGS = {
  lockedOut: false,
  cannotChangePassword: false,
  protectedAccount: false,
  mustChangePasswordAtNextLogon: false,
};
const NO_DELIVERY_FAILURE = { method: null, at: null, reason: null };

/**
 * The facts that read the policy: each lists a `policy.` path in fact-reads.ts (a test
 * holds the two equal). They are computed in a section of their own so that a what-if,
 * which changes only the policy, recomputes them and keeps every other fact
 * (`factsUnderPolicy`; docs/decisions/016, "What-if shares the facts").
 */
export type PolicyFacts = Pick<
  Facts,
  | "enablement"
  | "selectedGroups"
  | "selectedGroupCount"
  | "inScope"
  | "scopeGroups"
  | "policyMethodsAllowed"
  | "policyAllowedMethodCount"
  | "policyMethodsRequired"
  | "allowedMethods"
  | "allowedMethodCount"
  | "requiredMethodCount"
  | "registeredAllowedCount"
  | "usableMethods"
  | "usableMethodCount"
  | "questionsRegisteredAndAllowed"
  | "questionsToReset"
  | "invalidValueMethods"
  | "invalidValueCount"
  | "unverifiedMethods"
  | "unverifiedCount"
  | "policyWritebackEnabled"
  | "writebackOn"
  | "unlockActor"
  | "reconfirmDays"
  | "requireAtSignIn"
  | "notifyUserOnReset"
  | "hasHelpdeskContact"
  | "adminsSsprEnabled"
  | "migrationState"
>;

/**
 * The facts that read the policy, for one snapshot.
 *
 * @example
 * policyFacts(snapshot).allowedMethodCount; // 5
 */
export function policyFacts(snapshot: Snapshot): PolicyFacts {
  const { policy, writeback } = snapshot;
  const effective = effectivePolicy(snapshot);
  const registeredAllowed = new Set<string>();
  const usable = new Set<RegisteredMethodType>();
  const invalid: string[] = [];
  const unverified = new Set<string>();
  let questionsRegistered = false;
  for (const a of assessMethods(snapshot, effective)) {
    const { type, value } = a.method;
    if (a.allowed) registeredAllowed.add(type);
    if (a.usable) usable.add(type);
    if (a.allowed && !a.verified) unverified.add(type);
    if (a.allowed && hasContactValue(type) && !a.wellFormed)
      invalid.push(value === undefined ? `${type} (no value)` : `${type} "${value}"`);
    if (type === "security_questions") questionsRegistered = true;
  }
  // A copy: the effective policy's list is shared by every user of the policy.
  const tenantAllowed = effective.isAdmin ? distinctMethods(policy.methodsAllowed) : [...effective.methodsAllowed];
  return {
    enablement: policy.enablement,
    selectedGroups: policy.selectedGroups,
    selectedGroupCount: policy.selectedGroups.length,
    inScope: effective.inScope,
    scopeGroups: effective.scopeGroups.map((g) => `${g.id} (${g.direct ? "direct" : "nested"})`),
    policyMethodsAllowed: tenantAllowed,
    policyAllowedMethodCount: tenantAllowed.length,
    policyMethodsRequired: policy.methodsRequired,
    allowedMethods: [...effective.methodsAllowed],
    allowedMethodCount: effective.methodsAllowed.length,
    requiredMethodCount: effective.methodsRequired,
    registeredAllowedCount: registeredAllowed.size,
    usableMethods: [...usable],
    // One app is one method, and a notification alone cannot serve (CATALOGUE.md v2).
    usableMethodCount: countedMethods([...usable], effective.methodsRequired),
    questionsRegisteredAndAllowed: questionsRegistered && effective.questionsAllowed,
    questionsToReset: policy.securityQuestions.toReset,
    invalidValueMethods: invalid,
    invalidValueCount: invalid.length,
    unverifiedMethods: [...unverified],
    unverifiedCount: unverified.size,
    policyWritebackEnabled: policy.onPremises.writebackEnabled,
    writebackOn: policy.onPremises.writebackEnabled && writeback.configured,
    unlockActor: policy.onPremises.allowUnlockWithoutReset ? "user" : "helpdesk",
    reconfirmDays: policy.registration.reconfirmDays,
    requireAtSignIn: policy.registration.requireAtSignIn,
    notifyUserOnReset: policy.notifications.notifyUserOnReset,
    hasHelpdeskContact: Boolean(policy.helpdesk.url?.trim() || policy.helpdesk.email?.trim()),
    adminsSsprEnabled: policy.admins?.ssprEnabled ?? V2_DEFAULTS.adminsSsprEnabled,
    migrationState: policy.methodsPolicy?.migrationState ?? V2_DEFAULTS.migrationState,
  };
}

/**
 * The facts of `snapshot`, given the facts of a snapshot that differed from it only in its
 * policy: the policy's section recomputed, every other fact kept.
 *
 * @example
 * const after = factsUnderPolicy(computeFacts(snapshot), { ...snapshot, policy: merged });
 * // deep-equal to computeFacts({ ...snapshot, policy: merged })
 */
export function factsUnderPolicy(facts: Facts, snapshot: Snapshot): Facts {
  return { ...facts, ...policyFacts(snapshot) };
}

/**
 * Every derived fact for one snapshot, computed in one pass.
 *
 * @example
 * const facts = computeFacts(snapshot);
 * facts.usableMethodCount; // 2
 * computeFacts(snapshot, { sharedMethodValues: new Map([["phone:+37126000007", 5]]) }).maxUsersSharingMethodValue; // 5
 */
export function computeFacts(snapshot: Snapshot, context: FactContext = {}): Facts {
  const { user, writeback, throttle } = snapshot;
  const registered = new Set<string>();
  let questionsRegistered = false;
  let questionsAnswered = 0;
  let ownMailboxEmail = false;
  let maxShared: number | null = context.sharedMethodValues ? 0 : null;
  let mostShared: string | null = null;
  const upnKey = user?.upn.trim().toLowerCase();

  for (const method of snapshot.methods) {
    const { type, value } = method;
    registered.add(type);
    if (type === "security_questions") {
      questionsRegistered = true;
      questionsAnswered = Math.max(questionsAnswered, method.questionsAnswered ?? 0);
    }
    if (type === "email" && value !== undefined && value.trim().toLowerCase() === upnKey) ownMailboxEmail = true;
    if (context.sharedMethodValues) {
      const key = methodValueKey(method);
      const users = key === null ? 0 : (context.sharedMethodValues.get(key) ?? 0);
      if (users > (maxShared ?? 0)) {
        maxShared = users;
        mostShared = value ?? null;
      }
    }
  }

  const now = instantMs(snapshot.now);
  const heartbeat = minutesSince(now, writeback.lastHeartbeatAt);
  const blockedLeft = throttle.blockedUntil === undefined ? null : -(minutesSince(now, throttle.blockedUntil) ?? 0);
  const passwordAgeMinutes = minutesSince(now, user?.passwordLastSetAt);
  const confirmedMinutes = minutesSince(now, snapshot.registration.lastConfirmedAt);
  const cloudLockedUntil = user?.cloudLockout?.lockedUntil ?? null;
  const cloudLeft = cloudLockedUntil === null ? null : -(minutesSince(now, cloudLockedUntil) ?? 0);
  const failure = snapshot.delivery?.lastFailure;
  const failureMinutes = minutesSince(now, failure?.at);
  const onPrem = user?.onPremises;

  const p = policyFacts(snapshot);
  return {
    userExists: user !== null,
    upn: user?.upn ?? null,
    isAdmin: user !== null && isAdmin(user.roles),
    adminRoles: user ? adminRolesHeld(user.roles) : [],
    userEnabled: user?.enabled ?? null,
    userType: user?.type ?? null,
    userSource: user?.source ?? null,
    license: user?.license ?? null,
    enablement: p.enablement,
    selectedGroups: p.selectedGroups,
    selectedGroupCount: p.selectedGroupCount,
    userGroups: user ? user.groups.map((g) => g.id) : [],
    inScope: p.inScope,
    scopeGroups: p.scopeGroups,
    policyMethodsAllowed: p.policyMethodsAllowed,
    policyAllowedMethodCount: p.policyAllowedMethodCount,
    policyMethodsRequired: p.policyMethodsRequired,
    allowedMethods: p.allowedMethods,
    allowedMethodCount: p.allowedMethodCount,
    requiredMethodCount: p.requiredMethodCount,
    registeredMethods: [...registered],
    registeredMethodCount: registered.size,
    registeredAllowedCount: p.registeredAllowedCount,
    registeredNonQuestionCount: registered.size - (questionsRegistered ? 1 : 0),
    usableMethods: p.usableMethods,
    usableMethodCount: p.usableMethodCount,
    questionsRegisteredAndAllowed: p.questionsRegisteredAndAllowed,
    questionsAnswered,
    questionsToReset: p.questionsToReset,
    invalidValueMethods: p.invalidValueMethods,
    invalidValueCount: p.invalidValueCount,
    unverifiedMethods: p.unverifiedMethods,
    unverifiedCount: p.unverifiedCount,
    ownMailboxEmail,
    maxUsersSharingMethodValue: maxShared,
    mostSharedMethodValue: mostShared,
    throttle: {
      failedVerificationsLast24h: throttle.failedVerificationsLast24h,
      codesSentLastHour: throttle.codesSentLastHour,
      resetsLast24h: throttle.resetsLast24h,
    },
    blockedActive: blockedLeft !== null && blockedLeft > 0,
    blockedUntil: throttle.blockedUntil ?? null,
    blockedMinutesLeft: blockedLeft,
    limits: LIMITS,
    attemptError: snapshot.attempt?.error ?? null,
    attemptStage: snapshot.attempt?.stage ?? null,
    policyWritebackEnabled: p.policyWritebackEnabled,
    writebackConfigured: writeback.configured,
    writebackOn: p.writebackOn,
    writebackStatus: writeback.status,
    heartbeatAgeMinutes: heartbeat,
    writebackPermissions: writeback.permissions,
    // v2 flags read the contract's defaults when absent (V2_DEFAULTS), v1 flags as before.
    onPremAccount: {
      ...(onPrem
        ? {
            lockedOut: onPrem.lockedOut,
            cannotChangePassword: onPrem.cannotChangePassword,
            protectedAccount: onPrem.protectedAccount,
            mustChangePasswordAtNextLogon: onPrem.mustChangePasswordAtNextLogon,
          }
        : NO_ACCOUNT_FLAGS),
      disabled: onPrem?.disabled ?? V2_DEFAULTS.onPremisesDisabled,
      found: onPrem?.found ?? V2_DEFAULTS.onPremisesFound,
    },
    onPremMinAgeHours: writeback.onPremPolicy.minAgeHours,
    passwordAgeHours: passwordAgeMinutes === null ? null : passwordAgeMinutes / 60,
    unlockActor: p.unlockActor,
    reconfirmDays: p.reconfirmDays,
    daysSinceConfirmed: confirmedMinutes === null ? null : confirmedMinutes / 1440,
    lastConfirmedAt: snapshot.registration.lastConfirmedAt ?? null,
    requireAtSignIn: p.requireAtSignIn,
    notifyUserOnReset: p.notifyUserOnReset,
    hasHelpdeskContact: p.hasHelpdeskContact,
    federated: user?.federated ?? V2_DEFAULTS.federated,
    adminsSsprEnabled: p.adminsSsprEnabled,
    migrationState: p.migrationState,
    writebackCapabilities: { ...(writeback.capabilities ?? V2_DEFAULTS.capabilities) },
    cloudLockoutActive: cloudLeft !== null && cloudLeft > 0,
    cloudLockedUntil,
    cloudLockoutMinutesLeft: cloudLeft,
    lastDeliveryFailure: failure
      ? { method: failure.method, at: failure.at, reason: failure.reason }
      : NO_DELIVERY_FAILURE,
    deliveryFailureHoursAgo: failureMinutes === null ? null : failureMinutes / 60,
    unknownPaths: [...(snapshot.unknown ?? [])],
    // Filled in by the three-valued pass (unknowns.ts); a snapshot alone decides nothing here.
    undecidedFindings: [],
    undecidedFindingCount: 0,
    undecidedBlockerCount: 0,
    unknownDecides: [],
  };
}
