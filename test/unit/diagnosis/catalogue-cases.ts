/**
 * Every catalogue row as a pair of cases: a snapshot where the finding must fire and a
 * near miss where it must not (one step short of the limit, the other branch of the
 * condition, the "usable < required" interplay). Shared by the row tests and the
 * differential test.
 */
import type { FindingCode } from "../../../src/domain/catalogue";
import type { FactContext } from "../../../src/diagnosis/facts";
import { daysAgo, hoursAgo, minutesAgo, snapshot, type SnapshotOverrides } from "../../support/snapshots";
import type { Snapshot } from "../../../src/domain/snapshot";

export type Case = { name: string; snapshot: Snapshot; context?: FactContext };
export type Row = { code: FindingCode; fires: Case[]; nearMiss: Case[] };

const c = (name: string, overrides: SnapshotOverrides, context?: FactContext): Case => ({
  name,
  snapshot: snapshot(overrides),
  context,
});

const ADMIN = { roles: ["password_admin"] };
const SYNCED = { source: "synced" } as const;
const APP = { type: "authenticator_code", verified: true } as const;
const SMS = { type: "mobile_sms", value: "+37126000007", verified: true } as const;
const PUSH = { type: "authenticator_notification", verified: true } as const;
const TOKEN = { type: "hardware_oath", verified: true } as const;
const QUESTIONS_ALLOWED: SnapshotOverrides["policy"] = {
  methodsAllowed: ["email", "mobile_sms", "authenticator_code", "security_questions"],
};
const lockFlags = (
  flags: Partial<
    Record<"lockedOut" | "cannotChangePassword" | "protectedAccount" | "mustChangePasswordAtNextLogon", boolean>
  >,
) => ({ onPremises: flags });

export const ROWS: Row[] = [
  { code: "account_not_found", fires: [c("user is null", { user: null })], nearMiss: [c("the user exists", {})] },
  {
    code: "account_disabled",
    fires: [c("user.enabled false", { user: { enabled: false } })],
    nearMiss: [c("user.enabled true", { user: { enabled: true } })],
  },
  {
    code: "guest_account",
    fires: [c("user.type guest", { user: { type: "guest" } })],
    nearMiss: [c("user.type member", {})],
  },
  {
    code: "sspr_disabled",
    fires: [c("enablement none", { policy: { enablement: "none" } })],
    nearMiss: [c("enablement none but the user is an admin", { policy: { enablement: "none" }, user: ADMIN })],
  },
  {
    code: "sspr_scope_empty",
    fires: [c("selected with no group", { policy: { selectedGroups: [] } })],
    nearMiss: [
      c("enablement all with no group", { policy: { enablement: "all", selectedGroups: [] } }),
      c("no group, admin", { policy: { selectedGroups: [] }, user: ADMIN }),
    ],
  },
  {
    code: "user_not_in_sspr_scope",
    fires: [c("in none of the selected groups", { user: { groups: [{ id: "grp-other", direct: true }] } })],
    nearMiss: [
      c("in a selected group through a nested group", {
        user: {
          groups: [
            { id: "grp-parent", direct: true },
            { id: "grp-sspr", direct: false },
          ],
        },
      }),
      c("out of the groups but an admin", { user: { groups: [], ...ADMIN } }),
    ],
  },
  {
    code: "no_license",
    fires: [
      c("license none", { user: { license: "none" } }),
      c("license free (v2: Entra ID Free has no user reset)", { user: { license: "free" } }),
    ],
    nearMiss: [c("license basic", { user: { license: "basic" } })],
  },
  {
    code: "license_lacks_writeback",
    fires: [c("synced with basic", { user: { ...SYNCED, license: "basic" } })],
    nearMiss: [
      c("synced with p2", { user: { ...SYNCED, license: "p2" } }),
      c("cloud with basic", { user: { license: "basic" } }),
    ],
  },
  {
    code: "policy_requires_more_methods_than_allowed",
    fires: [c("2 required, 1 allowed", { policy: { methodsRequired: 2, methodsAllowed: ["mobile_sms"] } })],
    nearMiss: [
      c("2 required, 2 allowed", {
        policy: { methodsRequired: 2, methodsAllowed: ["mobile_sms", "authenticator_code"] },
      }),
    ],
  },
  {
    code: "not_registered",
    fires: [c("no methods", { methods: [] })],
    nearMiss: [c("one method", { methods: [APP] })],
  },
  {
    code: "admin_security_questions_only",
    fires: [
      c("admin with only questions", { user: ADMIN, methods: [{ type: "security_questions", questionsAnswered: 5 }] }),
    ],
    nearMiss: [
      c("admin with questions and an app", {
        user: ADMIN,
        methods: [{ type: "security_questions", questionsAnswered: 5 }, APP],
      }),
    ],
  },
  {
    code: "registered_methods_not_allowed",
    fires: [c("only an office phone, not allowed", { methods: [{ type: "office_phone", value: "+37167000001" }] })],
    nearMiss: [c("a mobile voice phone, allowed", { methods: [{ type: "mobile_voice", value: "+37126000001" }] })],
  },
  {
    code: "security_questions_incomplete",
    fires: [
      c("2 of 3 answered, nothing else", {
        policy: QUESTIONS_ALLOWED,
        methods: [{ type: "security_questions", questionsAnswered: 2 }],
      }),
    ],
    nearMiss: [
      c("3 of 3 answered", {
        policy: QUESTIONS_ALLOWED,
        methods: [{ type: "security_questions", questionsAnswered: 3 }],
      }),
      c("2 of 3 answered but an app is usable", {
        policy: QUESTIONS_ALLOWED,
        methods: [{ type: "security_questions", questionsAnswered: 2 }, APP],
      }),
    ],
  },
  {
    code: "method_value_invalid",
    fires: [
      c("phone without country code", { methods: [{ type: "mobile_sms", value: "26000007" }] }),
      c("email without domain", { methods: [{ type: "email", value: "janis@" }] }),
    ],
    nearMiss: [
      c("bad phone but an app is usable", { methods: [{ type: "mobile_sms", value: "26000007" }, APP] }),
      c("E.164 phone", { methods: [SMS] }),
    ],
  },
  {
    code: "method_unverified",
    fires: [
      c("the only method unverified", { methods: [{ type: "email", value: "home@mail.example", verified: false }] }),
    ],
    nearMiss: [
      c("unverified but an app is usable", {
        methods: [{ type: "email", value: "home@mail.example", verified: false }, APP],
      }),
    ],
  },
  {
    code: "admin_needs_two_methods",
    fires: [
      c("admin with one usable method", { user: ADMIN, methods: [SMS] }),
      c("admin with only the authenticator app, both flavours (one app is one method)", {
        user: ADMIN,
        methods: [APP, PUSH],
      }),
    ],
    nearMiss: [
      c("admin with two usable methods", { user: ADMIN, methods: [SMS, APP] }),
      c("admin with app notifications and a phone", { user: ADMIN, methods: [PUSH, SMS] }),
      c("admin with the app and a hardware token (two devices)", { user: ADMIN, methods: [APP, TOKEN] }),
    ],
  },
  {
    code: "not_enough_methods",
    fires: [
      c("two required, one usable", { policy: { methodsRequired: 2 }, methods: [APP] }),
      c("two required, only the app in both flavours", { policy: { methodsRequired: 2 }, methods: [APP, PUSH] }),
      c("one required, only app notifications (a notification alone cannot reset)", { methods: [PUSH] }),
    ],
    nearMiss: [
      c("two required, two usable", { policy: { methodsRequired: 2 }, methods: [APP, SMS] }),
      c("one required, the app's code", { methods: [APP] }),
      c("one required, a hardware token", { methods: [TOKEN] }),
      c("two required, app notifications and a phone", { policy: { methodsRequired: 2 }, methods: [PUSH, SMS] }),
    ],
  },
  {
    code: "reset_blocked_temporarily",
    fires: [c("blocked for 30 more minutes", { throttle: { blockedUntil: minutesAgo(-30) } })],
    nearMiss: [c("block ended a minute ago", { throttle: { blockedUntil: minutesAgo(1) } })],
  },
  {
    code: "too_many_codes_sent",
    fires: [c("5 codes sent", { throttle: { codesSentLastHour: 5 } })],
    nearMiss: [c("4 codes sent", { throttle: { codesSentLastHour: 4 } })],
  },
  {
    code: "too_many_failed_verifications",
    fires: [c("10 failures", { throttle: { failedVerificationsLast24h: 10 } })],
    nearMiss: [c("9 failures", { throttle: { failedVerificationsLast24h: 9 } })],
  },
  {
    code: "too_many_resets",
    fires: [c("5 resets", { throttle: { resetsLast24h: 5 } })],
    nearMiss: [c("4 resets", { throttle: { resetsLast24h: 4 } })],
  },
  ...(
    [
      ["verification_code_wrong", "verify"],
      ["verification_code_expired", "verify"],
      ["security_answers_wrong", "verify"],
      ["password_too_short", "set_password"],
      ["password_banned", "set_password"],
      ["password_recently_used", "set_password"],
    ] as const
  ).map(([code, stage]): Row => ({
    code,
    fires: [c(`attempt.error ${code}`, { attempt: { stage, error: code } })],
    nearMiss: [c("an attempt without an error", { attempt: { stage } })],
  })),
  {
    code: "writeback_disabled",
    fires: [
      c("synced, writeback off in policy", { user: SYNCED, policy: { onPremises: { writebackEnabled: false } } }),
      c("synced, no connector", { user: SYNCED, writeback: { configured: false } }),
    ],
    nearMiss: [
      c("cloud user, writeback off", { policy: { onPremises: { writebackEnabled: false } } }),
      c("synced, writeback on", { user: SYNCED }),
    ],
  },
  {
    code: "writeback_connector_unreachable",
    fires: [
      c("synced, heartbeat 11 min old", { user: SYNCED, writeback: { lastHeartbeatAt: minutesAgo(11) } }),
      c("synced, status unreachable", { user: SYNCED, writeback: { status: "unreachable" } }),
    ],
    nearMiss: [
      c("synced, heartbeat 9 min old", { user: SYNCED, writeback: { lastHeartbeatAt: minutesAgo(9) } }),
      c("cloud, unreachable", { writeback: { status: "unreachable" } }),
    ],
  },
  {
    code: "writeback_missing_reset_permission",
    fires: [c("synced, no reset permission", { user: SYNCED, writeback: { permissions: { resetPassword: false } } })],
    nearMiss: [c("cloud, no reset permission", { writeback: { permissions: { resetPassword: false } } })],
  },
  {
    code: "writeback_missing_pwdlastset_permission",
    fires: [
      c("synced, no pwdLastSet permission", { user: SYNCED, writeback: { permissions: { writePwdLastSet: false } } }),
    ],
    nearMiss: [
      c("synced, writeback off entirely", {
        user: SYNCED,
        policy: { onPremises: { writebackEnabled: false } },
        writeback: { permissions: { writePwdLastSet: false } },
      }),
    ],
  },
  {
    code: "onprem_cannot_change_password",
    fires: [c("synced with the flag", { user: { ...SYNCED, ...lockFlags({ cannotChangePassword: true }) } })],
    nearMiss: [c("cloud with the flag", { user: lockFlags({ cannotChangePassword: true }) })],
  },
  {
    code: "onprem_protected_account",
    fires: [c("synced, protected", { user: { ...SYNCED, ...lockFlags({ protectedAccount: true }) } })],
    nearMiss: [c("synced, not protected", { user: { ...SYNCED, ...lockFlags({ protectedAccount: false }) } })],
  },
  {
    code: "onprem_min_password_age",
    fires: [
      c("synced, set 2 h ago, min age 24 h", {
        user: { ...SYNCED, passwordLastSetAt: hoursAgo(2) },
        writeback: { onPremPolicy: { minAgeHours: 24 } },
      }),
      c("attempt.error onprem_min_password_age", { attempt: { stage: "writeback", error: "onprem_min_password_age" } }),
    ],
    nearMiss: [
      c("synced, set 25 h ago, min age 24 h", {
        user: { ...SYNCED, passwordLastSetAt: hoursAgo(25) },
        writeback: { onPremPolicy: { minAgeHours: 24 } },
      }),
      c("synced, set 2 h ago, min age 0", { user: { ...SYNCED, passwordLastSetAt: hoursAgo(2) } }),
    ],
  },
  {
    code: "onprem_password_policy_rejected",
    fires: [
      c("attempt.error onprem_password_policy_rejected", {
        attempt: { stage: "writeback", error: "onprem_password_policy_rejected" },
      }),
    ],
    nearMiss: [
      c("attempt.error password_too_short", { attempt: { stage: "set_password", error: "password_too_short" } }),
    ],
  },
  {
    code: "writeback_degraded",
    fires: [c("synced, degraded", { user: SYNCED, writeback: { status: "degraded" } })],
    nearMiss: [c("cloud, degraded", { writeback: { status: "degraded" } })],
  },
  {
    code: "onprem_account_locked",
    fires: [c("synced, locked out", { user: { ...SYNCED, ...lockFlags({ lockedOut: true }) } })],
    nearMiss: [c("synced, not locked", { user: { ...SYNCED, ...lockFlags({ lockedOut: false }) } })],
  },
  {
    code: "writeback_missing_unlock_permission",
    fires: [
      c("synced, no lockoutTime permission", { user: SYNCED, writeback: { permissions: { writeLockoutTime: false } } }),
    ],
    nearMiss: [c("cloud, no lockoutTime permission", { writeback: { permissions: { writeLockoutTime: false } } })],
  },
  {
    code: "registration_reconfirm_due",
    fires: [c("confirmed 91 days ago, every 90", { registration: { lastConfirmedAt: daysAgo(91) } })],
    nearMiss: [
      c("confirmed 89 days ago, every 90", { registration: { lastConfirmedAt: daysAgo(89) } }),
      c("reconfirm never", {
        policy: { registration: { reconfirmDays: 0 } },
        registration: { lastConfirmedAt: daysAgo(800) },
      }),
    ],
  },
  {
    code: "single_point_of_failure",
    fires: [
      c("one usable of one required", { methods: [APP] }),
      c("admin with exactly two", { user: ADMIN, methods: [APP, SMS] }),
      c("one required, the app in both flavours: still one method", { methods: [APP, PUSH] }),
      c("one required, a phone and app notifications (only the phone can serve alone)", { methods: [SMS, PUSH] }),
    ],
    nearMiss: [
      c("two usable of one required", { methods: [APP, SMS] }),
      c("one required, the app's code and a hardware token", { methods: [APP, TOKEN] }),
    ],
  },
  {
    code: "email_method_is_own_mailbox",
    fires: [
      c("email = UPN (case aside)", { methods: [APP, SMS, { type: "email", value: "Janis.Ozols@fabrikam.example" }] }),
    ],
    nearMiss: [c("email elsewhere", { methods: [APP, SMS, { type: "email", value: "janis@mail.example" }] })],
  },
  {
    code: "method_in_use_by_many",
    fires: [c("phone shared by 4 users", {}, { sharedMethodValues: new Map([["phone:+37126000007", 4]]) })],
    nearMiss: [
      c("phone shared by 3 users", {}, { sharedMethodValues: new Map([["phone:+37126000007", 3]]) }),
      c("no tenant context", {}),
    ],
  },
  {
    code: "onprem_must_change_at_next_logon",
    fires: [c("synced with the flag", { user: { ...SYNCED, ...lockFlags({ mustChangePasswordAtNextLogon: true }) } })],
    nearMiss: [c("cloud with the flag", { user: lockFlags({ mustChangePasswordAtNextLogon: true }) })],
  },
  {
    code: "writeback_heartbeat_late",
    fires: [
      c("heartbeat 9 min old", { writeback: { lastHeartbeatAt: minutesAgo(9) } }),
      c("heartbeat exactly 10 min old", { writeback: { lastHeartbeatAt: minutesAgo(10) } }),
    ],
    nearMiss: [
      c("heartbeat 4 min old", { writeback: { lastHeartbeatAt: minutesAgo(4) } }),
      c("heartbeat 11 min old: stale, not late", { writeback: { lastHeartbeatAt: minutesAgo(11) } }),
    ],
  },
  {
    code: "notifications_off",
    fires: [c("notifyUserOnReset false", { policy: { notifications: { notifyUserOnReset: false } } })],
    nearMiss: [c("only admin notices off", { policy: { notifications: { notifyAdminsOnAdminReset: false } } })],
  },
  {
    code: "registration_not_enforced",
    fires: [c("requireAtSignIn false", { policy: { registration: { requireAtSignIn: false } } })],
    nearMiss: [c("requireAtSignIn true", {})],
  },
  {
    code: "security_questions_only_policy",
    fires: [c("only questions allowed", { policy: { methodsAllowed: ["security_questions"] } })],
    nearMiss: [c("questions and email allowed", { policy: { methodsAllowed: ["security_questions", "email"] } })],
  },
  {
    code: "helpdesk_contact_missing",
    fires: [
      c("no helpdesk contact", { policy: { helpdesk: { email: undefined } } }),
      c("a blank email", { policy: { helpdesk: { email: "  " } } }),
    ],
    nearMiss: [
      c("a helpdesk url only", { policy: { helpdesk: { email: undefined, url: "https://help.fabrikam.example" } } }),
    ],
  },
  // ---- Version 2
  {
    code: "federated_elsewhere",
    fires: [c("user.federated true", { user: { federated: true } })],
    nearMiss: [
      c("user.federated false", { user: { federated: false } }),
      c("user.federated absent (default false)", {}),
    ],
  },
  {
    code: "admin_sspr_off",
    fires: [c("admin, admins' SSPR off", { user: ADMIN, policy: { admins: { ssprEnabled: false } } })],
    nearMiss: [
      c("non-admin, admins' SSPR off", { policy: { admins: { ssprEnabled: false } } }),
      c("admin, admins' SSPR absent (default on)", { user: ADMIN, methods: [APP, SMS] }),
      c("a License Administrator (ADMIN_ROLES v2), admins' SSPR on", {
        user: { roles: ["license_admin"] },
        policy: { admins: { ssprEnabled: true } },
      }),
    ],
  },
  ...(
    [
      ["phone_number_mismatch", "verify"],
      ["onprem_account_ambiguous", "writeback"],
      ["writeback_unknown_error", "writeback"],
      ["onprem_success_cloud_failure", "writeback"],
    ] as const
  ).map(([code, stage]): Row => ({
    code,
    fires: [c(`attempt.error ${code}`, { attempt: { stage, error: code } })],
    nearMiss: [
      c("an attempt without an error", { attempt: { stage } }),
      c("another attempt error", { attempt: { stage, error: "verification_code_wrong" } }),
    ],
  })),
  {
    code: "writeback_remote_sam_restricted",
    fires: [
      c("synced, writeback on, remoteSam false", {
        user: SYNCED,
        writeback: { capabilities: { remoteSam: false, policyHints: true } },
      }),
    ],
    nearMiss: [
      c("cloud, remoteSam false", { writeback: { capabilities: { remoteSam: false, policyHints: true } } }),
      c("synced, capabilities absent (default true)", { user: SYNCED }),
      c("synced, writeback off", {
        user: SYNCED,
        policy: { onPremises: { writebackEnabled: false } },
        writeback: { capabilities: { remoteSam: false, policyHints: true } },
      }),
    ],
  },
  {
    code: "writeback_policy_hints_unsupported",
    fires: [
      c("synced, writeback on, policyHints false", {
        user: SYNCED,
        writeback: { capabilities: { remoteSam: true, policyHints: false } },
      }),
    ],
    nearMiss: [
      c("cloud, policyHints false", { writeback: { capabilities: { remoteSam: true, policyHints: false } } }),
      c("synced, policyHints true", {
        user: SYNCED,
        writeback: { capabilities: { remoteSam: true, policyHints: true } },
      }),
    ],
  },
  {
    code: "onprem_account_not_found",
    fires: [
      c("synced, onPremises.found false", { user: { ...SYNCED, onPremises: { found: false } } }),
      c("attempt.error onprem_account_not_found (33002)", {
        attempt: { stage: "writeback", error: "onprem_account_not_found" },
      }),
    ],
    nearMiss: [
      c("cloud, onPremises.found false", { user: { onPremises: { found: false } } }),
      c("synced, found absent (default true)", { user: { ...SYNCED, onPremises: {} } }),
    ],
  },
  {
    code: "onprem_account_disabled",
    fires: [c("synced, onPremises.disabled true", { user: { ...SYNCED, onPremises: { disabled: true } } })],
    nearMiss: [
      c("cloud, onPremises.disabled true", { user: { onPremises: { disabled: true } } }),
      c("synced, disabled false", { user: { ...SYNCED, onPremises: { disabled: false } } }),
    ],
  },
  {
    code: "cloud_smart_lockout",
    fires: [c("locked for 30 more minutes", { user: { cloudLockout: { lockedUntil: minutesAgo(-30) } } })],
    nearMiss: [
      c("lockout ended a minute ago", { user: { cloudLockout: { lockedUntil: minutesAgo(1) } } }),
      c("no cloud lockout", {}),
    ],
  },
  {
    code: "code_delivery_failed",
    fires: [
      c("an SMS failed 2 hours ago", {
        delivery: {
          lastFailure: { method: "mobile_sms", at: hoursAgo(2), reason: "carrier rejected: unknown subscriber" },
        },
      }),
      c("an email failed exactly 24 hours ago", {
        delivery: { lastFailure: { method: "email", at: hoursAgo(24), reason: "550 5.7.1 rejected by policy" } },
      }),
    ],
    nearMiss: [
      c("an SMS failed 25 hours ago", {
        delivery: { lastFailure: { method: "mobile_sms", at: hoursAgo(25), reason: "timeout" } },
      }),
      c("no failure", { delivery: {} }),
    ],
  },
  {
    code: "methods_kept_after_leave",
    fires: [c("disabled with methods registered", { user: { enabled: false } })],
    nearMiss: [c("disabled with no methods", { user: { enabled: false }, methods: [] }), c("enabled with methods", {})],
  },
  {
    code: "insufficient_evidence",
    fires: [c("the only method's verification unknown", { methods: [APP], unknown: ["methods[].verified"] })],
    nearMiss: [
      c("nothing unknown", {}),
      c("unknown lockout of a cloud user decides nothing", { unknown: ["user.onPremises.lockedOut"] }),
    ],
  },
  {
    code: "legacy_methods_policy",
    fires: [
      c("preMigration", { policy: { methodsPolicy: { migrationState: "preMigration" } } }),
      c("migrationInProgress", { policy: { methodsPolicy: { migrationState: "migrationInProgress" } } }),
    ],
    nearMiss: [
      c("migrationComplete", { policy: { methodsPolicy: { migrationState: "migrationComplete" } } }),
      c("absent (default migrationComplete)", {}),
    ],
  },
  {
    code: "reconfirm_never",
    fires: [c("reconfirmDays 0", { policy: { registration: { reconfirmDays: 0 } } })],
    nearMiss: [c("reconfirmDays 1", { policy: { registration: { reconfirmDays: 1 } } })],
  },
];
