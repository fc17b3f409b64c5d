/**
 * fast-check arbitraries of snapshot inputs: every enum and boolean, optional fields both
 * present and absent (so defaults are exercised), and numbers at the edges the catalogue
 * cares about (4/5/6 codes, 9/10/11 failures, heartbeats around 5 and 10 minutes, ages
 * around the reconfirm and minimum-age limits), plus an optional tenant context.
 * `v1CaseArb` is frozen at catalogue v1 (no v2 field, v1 attempt errors) so the v1
 * equivalence test keeps generating the same snapshots; `caseArb` adds every v2 field
 * and, in about a tenth of the cases, one or two unknown paths (`unknownCaseArb`: always).
 */
import fc from "fast-check";
import { ATTEMPT_ERRORS, METHODS, type Method } from "../../../src/domain/catalogue";
import type { FactContext } from "../../../src/diagnosis/facts";
import { parseSnapshot, type Snapshot, type SnapshotInput } from "../../../src/domain/snapshot";
import { daysAgo, hoursAgo, minutesAgo, NOW } from "../../support/snapshots";

const MINUTES = [-30, 0.5, 1, 4, 5, 5.01, 9, 10, 10.01, 11, 60, 1440, 2880];
const instantMinutesAgo = fc.constantFrom(...MINUTES).map(minutesAgo);
const GROUPS = ["g1", "g2", "g3", "g4"];
const VALUES = [
  "+37126000007",
  "+37126000008",
  "26000007",
  "+1 425 555 0100",
  "janis@fabrikam.example",
  "janis.ozols@fabrikam.example",
  "JANIS.OZOLS@Fabrikam.example",
  "bad@",
  "",
];
const count = fc.constantFrom(0, 1, 4, 5, 6, 9, 10, 11);
const opt = { requiredKeys: [] as never[] };
// Frozen: the attempt errors of catalogue v1 (ATTEMPT_ERRORS grew in v2).
const ATTEMPT_ERRORS_V1 = ATTEMPT_ERRORS.slice(0, 8);

const method = fc.record(
  {
    type: fc.constantFrom(...METHODS),
    value: fc.constantFrom(...VALUES),
    verified: fc.boolean(),
    questionsAnswered: fc.integer({ min: 0, max: 5 }),
    registeredAt: instantMinutesAgo,
  },
  { requiredKeys: ["type"] },
);

const policy = fc.record(
  {
    enablement: fc.constantFrom("none", "selected", "all" as const),
    selectedGroups: fc.subarray(GROUPS),
    methodsAllowed: fc.oneof(
      fc.subarray([...METHODS]),
      fc.array(fc.constantFrom(...METHODS), { maxLength: 4 }),
      fc.constant<Method[]>(["security_questions"]),
    ),
    methodsRequired: fc.constantFrom(1, 2 as const),
    securityQuestions: fc.record(
      { toRegister: fc.integer({ min: 3, max: 5 }), toReset: fc.integer({ min: 3, max: 5 }) },
      opt,
    ),
    registration: fc.record({ requireAtSignIn: fc.boolean(), reconfirmDays: fc.constantFrom(0, 1, 30, 90, 730) }, opt),
    notifications: fc.record({ notifyUserOnReset: fc.boolean(), notifyAdminsOnAdminReset: fc.boolean() }, opt),
    helpdesk: fc.record(
      { url: fc.constantFrom("https://help.example", " "), email: fc.constantFrom("it@fabrikam.example", "") },
      opt,
    ),
    onPremises: fc.record({ writebackEnabled: fc.boolean(), allowUnlockWithoutReset: fc.boolean() }, opt),
  },
  opt,
);

const user = fc.record(
  {
    id: fc.constant("usr-1"),
    upn: fc.constant("janis.ozols@fabrikam.example"),
    type: fc.constantFrom("member", "guest" as const),
    source: fc.constantFrom("cloud", "synced" as const),
    enabled: fc.boolean(),
    roles: fc.subarray(["global_admin", "user_admin", "helpdesk_admin", "reader", "teams_admin"]),
    license: fc.constantFrom("none", "free", "basic", "p1", "p2" as const),
    groups: fc.array(fc.record({ id: fc.constantFrom(...GROUPS), direct: fc.boolean() }), { maxLength: 3 }),
    passwordLastSetAt: fc.constantFrom(0.5, 1, 23, 24, 25, 47, 49, 1000).map(hoursAgo),
    onPremises: fc.record(
      {
        lockedOut: fc.boolean(),
        cannotChangePassword: fc.boolean(),
        protectedAccount: fc.boolean(),
        mustChangePasswordAtNextLogon: fc.boolean(),
      },
      opt,
    ),
  },
  { requiredKeys: ["id", "upn"] },
);

export const snapshotInputArb: fc.Arbitrary<SnapshotInput> = fc.record(
  {
    now: fc.constant(NOW),
    policy,
    user: fc.option(user, { nil: null, freq: 8 }),
    methods: fc.array(method, { maxLength: 5 }),
    registration: fc.record(
      { lastConfirmedAt: fc.constantFrom(0, 1, 29, 31, 89, 91, 729, 731, 800).map(daysAgo) },
      opt,
    ),
    throttle: fc.record(
      {
        failedVerificationsLast24h: count,
        codesSentLastHour: count,
        resetsLast24h: count,
        blockedUntil: fc.constantFrom(-60, -1, 1, 60).map(minutesAgo),
      },
      opt,
    ),
    writeback: fc.record(
      {
        configured: fc.boolean(),
        status: fc.constantFrom("healthy", "unreachable", "degraded" as const),
        lastHeartbeatAt: instantMinutesAgo,
        permissions: fc.record(
          {
            resetPassword: fc.boolean(),
            changePassword: fc.boolean(),
            writeLockoutTime: fc.boolean(),
            writePwdLastSet: fc.boolean(),
          },
          opt,
        ),
        onPremPolicy: fc.record(
          {
            minLength: fc.constantFrom(7, 14),
            complexity: fc.boolean(),
            historyCount: fc.constantFrom(0, 24),
            minAgeHours: fc.constantFrom(0, 1, 24, 48),
          },
          opt,
        ),
      },
      opt,
    ),
    attempt: fc.record(
      {
        stage: fc.constantFrom("identify", "verify", "set_password", "writeback", "unlock", "register" as const),
        method: fc.constantFrom(...METHODS),
        error: fc.constantFrom(...ATTEMPT_ERRORS_V1, "too_many_codes_sent"),
      },
      { requiredKeys: ["stage"] },
    ),
  },
  { requiredKeys: ["now", "user"] },
);

const contextArb: fc.Arbitrary<FactContext> = fc.oneof(
  fc.constant({}),
  fc
    .array(
      fc.tuple(
        fc.constantFrom("phone:+37126000007", "phone:+37126000008", "email:janis@fabrikam.example", "phone:26000007"),
        fc.integer({ min: 1, max: 6 }),
      ),
      { maxLength: 4 },
    )
    .map((entries) => ({ sharedMethodValues: new Map(entries) })),
);

// ---- Version 2: the same snapshots with the v2 fields laid over them.
const UNKNOWN = [
  "methods[].verified",
  "methods.security_questions.questionsAnswered",
  "user.onPremises.lockedOut",
  "user.onPremises.found",
  "user.enabled",
  "user.license",
  "user.federated",
  "user.cloudLockout.lockedUntil",
  "policy.admins.ssprEnabled",
  "policy.methodsPolicy.migrationState",
  "writeback.capabilities.remoteSam",
  "writeback.status",
  "delivery.lastFailure",
  "user.roles",
  "methods",
  "methods[].value",
  "policy.methodsAllowed",
  "policy.methodsRequired",
  "registration.lastConfirmedAt",
];

const v2Parts = fc.record(
  {
    admins: fc.record({ ssprEnabled: fc.boolean() }),
    methodsPolicy: fc.record({
      migrationState: fc.constantFrom("preMigration", "migrationInProgress", "migrationComplete" as const),
    }),
    federated: fc.boolean(),
    cloudLockout: fc.record({ lockedUntil: fc.constantFrom(-60, -1, 1, 60).map(minutesAgo) }),
    onPremV2: fc.record({ disabled: fc.boolean(), found: fc.boolean() }, opt),
    roles: fc.subarray(["global_admin", "license_admin", "groups_admin", "reader"]),
    tokens: fc.array(
      fc.record({
        type: fc.constantFrom("hardware_oath", "authenticator_notification" as const),
        verified: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
    delivery: fc.record(
      {
        lastFailure: fc.record({
          method: fc.constantFrom(...METHODS),
          at: fc.constantFrom(-1, 1, 23, 24, 25, 48).map(hoursAgo),
          reason: fc.constantFrom("550 rejected", "timeout"),
        }),
      },
      opt,
    ),
    capabilities: fc.record({ remoteSam: fc.boolean(), policyHints: fc.boolean() }),
    attemptError: fc.constantFrom(...ATTEMPT_ERRORS.slice(8)),
    unknown: fc.oneof(
      { weight: 9, arbitrary: fc.constant<string[] | undefined>(undefined) },
      { weight: 1, arbitrary: fc.subarray(UNKNOWN, { minLength: 1, maxLength: 2 }) },
    ),
  },
  opt,
);

function withV2(
  input: SnapshotInput,
  v2: Partial<typeof v2Parts extends fc.Arbitrary<infer T> ? T : never>,
): SnapshotInput {
  const out: SnapshotInput = structuredClone(input);
  out.policy = {
    ...out.policy,
    ...(v2.admins ? { admins: v2.admins } : {}),
    ...(v2.methodsPolicy ? { methodsPolicy: v2.methodsPolicy } : {}),
  };
  if (out.user) {
    const user = { ...out.user };
    if (v2.federated !== undefined) user.federated = v2.federated;
    if (v2.cloudLockout) user.cloudLockout = v2.cloudLockout;
    if (v2.onPremV2) user.onPremises = { ...user.onPremises, ...v2.onPremV2 };
    if (v2.roles) user.roles = v2.roles;
    out.user = user;
  }
  if (v2.tokens) out.methods = [...(out.methods ?? []), ...v2.tokens];
  if (v2.delivery) out.delivery = v2.delivery;
  if (v2.capabilities) out.writeback = { ...out.writeback, capabilities: v2.capabilities };
  if (v2.attemptError && out.attempt) out.attempt = { ...out.attempt, error: v2.attemptError };
  if (v2.unknown) out.unknown = v2.unknown;
  return out;
}

export const v2SnapshotInputArb: fc.Arbitrary<SnapshotInput> = fc
  .tuple(snapshotInputArb, v2Parts)
  .map(([input, v2]) => withV2(input, v2));

function parsed(input: SnapshotInput): Snapshot {
  const result = parseSnapshot(input);
  if (!result.ok) throw new Error(`generator produced an invalid snapshot: ${JSON.stringify(result.issues)}`);
  return result.snapshot;
}

/** A parsed v1 snapshot (no v2 field) and an optional tenant context. */
export const v1CaseArb: fc.Arbitrary<{ snapshot: Snapshot; context: FactContext }> = fc
  .tuple(snapshotInputArb, contextArb)
  .map(([input, context]) => ({ snapshot: parsed(input), context }));

/** A parsed snapshot with any v2 field (unknown paths in about a tenth) and an optional tenant context. */
export const caseArb: fc.Arbitrary<{ snapshot: Snapshot; context: FactContext }> = fc
  .tuple(v2SnapshotInputArb, contextArb)
  .map(([input, context]) => ({ snapshot: parsed(input), context }));

/** Like `caseArb`, but every snapshot lists one to three unknown paths. */
export const unknownCaseArb: fc.Arbitrary<{ snapshot: Snapshot; context: FactContext }> = fc
  .tuple(snapshotInputArb, v2Parts, fc.subarray(UNKNOWN, { minLength: 1, maxLength: 3 }), contextArb)
  .map(([input, v2, unknown, context]) => ({ snapshot: parsed(withV2(input, { ...v2, unknown })), context }));
