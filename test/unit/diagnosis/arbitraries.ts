/**
 * fast-check arbitraries of snapshot inputs: every enum and boolean, optional fields both
 * present and absent (so defaults are exercised), and numbers at the edges the catalogue
 * cares about (4/5/6 codes, 9/10/11 failures, heartbeats around 5 and 10 minutes, ages
 * around the reconfirm and minimum-age limits), plus an optional tenant context.
 */
import fc from "fast-check";
import { ATTEMPT_ERRORS, METHODS, type Method } from "../../../src/domain/catalogue";
import type { FactContext } from "../../../src/diagnosis/facts";
import { parseSnapshot, type Snapshot, type SnapshotInput } from "../../../src/domain/snapshot";
import { daysAgo, hoursAgo, minutesAgo, NOW } from "../../support/snapshots";

const MINUTES = [-30, 0.5, 1, 4, 5, 5.01, 9, 10, 10.01, 11, 60, 1440, 2880];
const instantMinutesAgo = fc.constantFrom(...MINUTES).map(minutesAgo);
const GROUPS = ["g1", "g2", "g3", "g4"];
const VALUES = ["+37126000007", "+37126000008", "26000007", "+1 425 555 0100", "janis@fabrikam.example", "janis.ozols@fabrikam.example", "JANIS.OZOLS@Fabrikam.example", "bad@", ""];
const count = fc.constantFrom(0, 1, 4, 5, 6, 9, 10, 11);
const opt = { requiredKeys: [] as never[] };

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
    methodsAllowed: fc.oneof(fc.subarray([...METHODS]), fc.array(fc.constantFrom(...METHODS), { maxLength: 4 }), fc.constant<Method[]>(["security_questions"])),
    methodsRequired: fc.constantFrom(1, 2 as const),
    securityQuestions: fc.record({ toRegister: fc.integer({ min: 3, max: 5 }), toReset: fc.integer({ min: 3, max: 5 }) }, opt),
    registration: fc.record({ requireAtSignIn: fc.boolean(), reconfirmDays: fc.constantFrom(0, 1, 30, 90, 730) }, opt),
    notifications: fc.record({ notifyUserOnReset: fc.boolean(), notifyAdminsOnAdminReset: fc.boolean() }, opt),
    helpdesk: fc.record({ url: fc.constantFrom("https://help.example", " "), email: fc.constantFrom("it@fabrikam.example", "") }, opt),
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
    onPremises: fc.record({ lockedOut: fc.boolean(), cannotChangePassword: fc.boolean(), protectedAccount: fc.boolean(), mustChangePasswordAtNextLogon: fc.boolean() }, opt),
  },
  { requiredKeys: ["id", "upn"] },
);

export const snapshotInputArb: fc.Arbitrary<SnapshotInput> = fc.record(
  {
    now: fc.constant(NOW),
    policy,
    user: fc.option(user, { nil: null, freq: 8 }),
    methods: fc.array(method, { maxLength: 5 }),
    registration: fc.record({ lastConfirmedAt: fc.constantFrom(0, 1, 29, 31, 89, 91, 729, 731, 800).map(daysAgo) }, opt),
    throttle: fc.record(
      { failedVerificationsLast24h: count, codesSentLastHour: count, resetsLast24h: count, blockedUntil: fc.constantFrom(-60, -1, 1, 60).map(minutesAgo) },
      opt,
    ),
    writeback: fc.record(
      {
        configured: fc.boolean(),
        status: fc.constantFrom("healthy", "unreachable", "degraded" as const),
        lastHeartbeatAt: instantMinutesAgo,
        permissions: fc.record({ resetPassword: fc.boolean(), changePassword: fc.boolean(), writeLockoutTime: fc.boolean(), writePwdLastSet: fc.boolean() }, opt),
        onPremPolicy: fc.record({ minLength: fc.constantFrom(7, 14), complexity: fc.boolean(), historyCount: fc.constantFrom(0, 24), minAgeHours: fc.constantFrom(0, 1, 24, 48) }, opt),
      },
      opt,
    ),
    attempt: fc.record(
      {
        stage: fc.constantFrom("identify", "verify", "set_password", "writeback", "unlock", "register" as const),
        method: fc.constantFrom(...METHODS),
        error: fc.constantFrom(...ATTEMPT_ERRORS, "too_many_codes_sent"),
      },
      { requiredKeys: ["stage"] },
    ),
  },
  { requiredKeys: ["now", "user"] },
);

const contextArb: fc.Arbitrary<FactContext> = fc.oneof(
  fc.constant({}),
  fc
    .array(fc.tuple(fc.constantFrom("phone:+37126000007", "phone:+37126000008", "email:janis@fabrikam.example", "phone:26000007"), fc.integer({ min: 1, max: 6 })), { maxLength: 4 })
    .map((entries) => ({ sharedMethodValues: new Map(entries) })),
);

/** A parsed snapshot and an optional tenant context. */
export const caseArb: fc.Arbitrary<{ snapshot: Snapshot; context: FactContext }> = fc.tuple(snapshotInputArb, contextArb).map(([input, context]) => {
  const parsed = parseSnapshot(input);
  if (!parsed.ok) throw new Error(`generator produced an invalid snapshot: ${JSON.stringify(parsed.issues)}`);
  return { snapshot: parsed.snapshot, context };
});
