/**
 * The demo tenants and their personas, as data: one persona (at least) for every
 * blocker and warning of the catalogue, plus healthy users, admins and synced users.
 * Tenant-wide misconfigurations (SSPR off, an empty scope, a broken connector) cannot
 * share a tenant with healthy users, so each lives in a small tenant of its own.
 * The README table of personas is printed from this file (`npm run personas`).
 */
import type { FindingCode, Method } from "../../domain/catalogue";
import type { License } from "../../domain/licenses";

export type TenantSpec = {
  id: string;
  name: string;
  domain: string;
  problem: string;
  policy: {
    enablement: "none" | "selected" | "all";
    scopeGroups: string[];
    methodsAllowed: Method[];
    methodsRequired: 1 | 2;
    questionsToRegister?: number;
    questionsToReset?: number;
    requireRegistrationAtSignIn?: boolean;
    reconfirmDays?: number;
    notifyUserOnReset?: boolean;
    notifyAdminsOnAdminReset?: boolean;
    helpdeskUrl?: string | null;
    helpdeskEmail?: string | null;
    writebackEnabled: boolean;
    allowUnlockWithoutReset: boolean;
    bannedWords?: string[];
    /** v2: may administrators reset at all (default true). */
    adminsSsprEnabled?: boolean;
    /** v2: the methods-policy migration (default migrationComplete). */
    methodsMigrationState?: "preMigration" | "migrationInProgress" | "migrationComplete";
  };
  /** Groups by key; `nestedIn` makes this group a member of those groups. */
  groups: { key: string; name: string; nestedIn?: string[] }[];
  connector?: {
    status: "healthy" | "unreachable" | "degraded";
    heartbeatAgeMinutes: number;
    permissions?: Partial<Record<"resetPassword" | "changePassword" | "writeLockoutTime" | "writePwdLastSet", boolean>>;
    onPremPolicy?: { minLength: number; complexity: boolean; historyCount: number; minAgeHours: number };
    /** v2: what the domain controllers let the connector do (default both true). */
    capabilities?: { remoteSam: boolean; policyHints: boolean };
  };
};

export type MethodSpec = { type: Method; value?: string; verified?: boolean; questionsAnswered?: number };

export type PersonaSpec = {
  login: string;
  tenant: string;
  name: string;
  /** What is wrong with them, in a few words (README). */
  problem: string;
  /** The primary finding a diagnosis of their stored state must give; null = can reset. */
  primary: FindingCode | null;
  /** Codes that must also be among their findings. */
  includes?: FindingCode[];
  user?: {
    type?: "member" | "guest";
    source?: "cloud" | "synced";
    enabled?: boolean;
    roles?: string[];
    license?: License;
    passwordAgeHours?: number;
    confirmedDaysAgo?: number | null;
    onPrem?: {
      lockedOut?: boolean;
      cannotChangePassword?: boolean;
      protectedAccount?: boolean;
      mustChangePasswordAtNextLogon?: boolean;
      /** v2 */
      disabled?: boolean;
      /** v2: false when the directory has no object for the user. */
      found?: boolean;
    };
    /** v2: the domain signs in at another identity provider. */
    federated?: boolean;
    /** v2: cloud smart lockout for this many more hours. */
    cloudLockedForHours?: number;
    /** v2: the last code that could not be delivered, this many hours ago. */
    deliveryFailure?: { method: Method; hoursAgo: number; reason: string };
    /** v2: snapshot paths the source could not read. */
    unknown?: string[];
  };
  /** Group keys; default: the tenant's first group. */
  groups?: string[];
  methods?: MethodSpec[];
  throttle?: { codesSentLastHour?: number; failedLast24h?: number; resetsLast24h?: number; blockedForHours?: number };
  lastAttempt?: { stage: "verify" | "set_password" | "writeback"; method?: Method; error: FindingCode };
};

/** Every demo persona signs in with this password (documented in the README). */
export const DEMO_PASSWORD = "Harbour-Lantern-42";
/** Answers of demo personas who registered security questions, in question order. */
export const DEMO_ANSWERS = ["Ziedoņa skola", "Brīvības iela", "Muris", "Liepāja", "Prāta Vētra"];
/** Authenticator secret (base32) of demo personas with an authenticator method. */
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

const ALL_METHODS: Method[] = [
  "email",
  "mobile_sms",
  "mobile_voice",
  "authenticator_notification",
  "authenticator_code",
  "security_questions",
];
const HEALTHY_CONNECTOR = {
  status: "healthy" as const,
  heartbeatAgeMinutes: 1,
  onPremPolicy: { minLength: 8, complexity: true, historyCount: 24, minAgeHours: 24 },
};
const baseGroups = [{ key: "sspr-users", name: "SSPR users" }];

export const DEMO_TENANTS: TenantSpec[] = [
  {
    id: "tnt-contoso",
    name: "Contoso",
    domain: "contoso.example",
    problem: "The main demo tenant: SSPR for a group (with nested groups), writeback on, a healthy connector.",
    policy: {
      enablement: "selected",
      scopeGroups: ["sspr-users"],
      methodsAllowed: ALL_METHODS,
      methodsRequired: 1,
      reconfirmDays: 180,
      helpdeskEmail: "helpdesk@contoso.example",
      helpdeskUrl: "https://help.contoso.example",
      writebackEnabled: true,
      allowUnlockWithoutReset: true,
      bannedWords: ["contoso", "nimbus"],
    },
    groups: [
      { key: "sspr-users", name: "SSPR users" },
      { key: "sales", name: "Sales", nestedIn: ["sspr-users"] },
      { key: "sales-emea", name: "Sales EMEA", nestedIn: ["sales"] },
      { key: "finance", name: "Finance" },
    ],
    connector: HEALTHY_CONNECTOR,
  },
  {
    id: "tnt-fabrikam",
    name: "Fabrikam",
    domain: "fabrikam.example",
    problem:
      "Two methods required; notifications, registration enforcement, reconfirmation and helpdesk contact all off; no writeback.",
    policy: {
      enablement: "all",
      scopeGroups: [],
      methodsAllowed: ["email", "mobile_sms", "authenticator_code"],
      methodsRequired: 2,
      requireRegistrationAtSignIn: false,
      reconfirmDays: 0,
      notifyUserOnReset: false,
      helpdeskEmail: null,
      helpdeskUrl: null,
      writebackEnabled: false,
      allowUnlockWithoutReset: false,
    },
    groups: baseGroups,
  },
  {
    id: "tnt-tailspin",
    name: "Tailspin Toys",
    domain: "tailspin.example",
    problem: "SSPR is turned off for everyone.",
    policy: {
      enablement: "none",
      scopeGroups: [],
      methodsAllowed: ["email", "mobile_sms"],
      methodsRequired: 1,
      helpdeskEmail: "it@tailspin.example",
      writebackEnabled: false,
      allowUnlockWithoutReset: false,
    },
    groups: baseGroups,
  },
  {
    id: "tnt-northwind",
    name: "Northwind Traders",
    domain: "northwind.example",
    problem: "SSPR is on for selected groups, but no group is selected.",
    policy: {
      enablement: "selected",
      scopeGroups: [],
      methodsAllowed: ["email", "mobile_sms"],
      methodsRequired: 1,
      helpdeskEmail: "it@northwind.example",
      writebackEnabled: false,
      allowUnlockWithoutReset: false,
    },
    groups: baseGroups,
  },
  {
    id: "tnt-wingtip",
    name: "Wingtip Toys",
    domain: "wingtip.example",
    problem: "Two methods required but only email allowed: nobody can reset.",
    policy: {
      enablement: "all",
      scopeGroups: [],
      methodsAllowed: ["email"],
      methodsRequired: 2,
      helpdeskEmail: "it@wingtip.example",
      writebackEnabled: false,
      allowUnlockWithoutReset: false,
    },
    groups: baseGroups,
  },
  {
    id: "tnt-woodgrove",
    name: "Woodgrove Bank",
    domain: "woodgrove.example",
    problem: "Security questions are the only allowed method.",
    policy: {
      enablement: "all",
      scopeGroups: [],
      methodsAllowed: ["security_questions"],
      methodsRequired: 1,
      helpdeskEmail: "it@woodgrove.example",
      writebackEnabled: false,
      allowUnlockWithoutReset: false,
    },
    groups: baseGroups,
  },
  {
    id: "tnt-litware",
    name: "Litware",
    domain: "litware.example",
    problem: "The writeback connector is unreachable (no heartbeat for 3 hours).",
    policy: {
      enablement: "all",
      scopeGroups: [],
      methodsAllowed: ALL_METHODS,
      methodsRequired: 1,
      helpdeskEmail: "it@litware.example",
      writebackEnabled: true,
      allowUnlockWithoutReset: false,
    },
    groups: baseGroups,
    connector: { ...HEALTHY_CONNECTOR, status: "unreachable", heartbeatAgeMinutes: 180 },
  },
  {
    id: "tnt-adatum",
    name: "A. Datum",
    domain: "adatum.example",
    problem: "The connector's service account may not reset passwords or write lockoutTime.",
    policy: {
      enablement: "all",
      scopeGroups: [],
      methodsAllowed: ALL_METHODS,
      methodsRequired: 1,
      helpdeskEmail: "it@adatum.example",
      writebackEnabled: true,
      allowUnlockWithoutReset: false,
    },
    groups: baseGroups,
    connector: { ...HEALTHY_CONNECTOR, permissions: { resetPassword: false, writeLockoutTime: false } },
  },
  {
    id: "tnt-proseware",
    name: "Proseware",
    domain: "proseware.example",
    problem: "The connector may not write pwdLastSet, and its heartbeat is 7 minutes late.",
    policy: {
      enablement: "all",
      scopeGroups: [],
      methodsAllowed: ALL_METHODS,
      methodsRequired: 1,
      helpdeskEmail: "it@proseware.example",
      writebackEnabled: true,
      allowUnlockWithoutReset: false,
    },
    groups: baseGroups,
    connector: { ...HEALTHY_CONNECTOR, heartbeatAgeMinutes: 7, permissions: { writePwdLastSet: false } },
  },
  {
    id: "tnt-relecloud",
    name: "Relecloud",
    domain: "relecloud.example",
    problem: "The connector reports itself degraded.",
    policy: {
      enablement: "all",
      scopeGroups: [],
      methodsAllowed: ALL_METHODS,
      methodsRequired: 1,
      helpdeskEmail: "it@relecloud.example",
      writebackEnabled: true,
      allowUnlockWithoutReset: false,
    },
    groups: baseGroups,
    connector: { ...HEALTHY_CONNECTOR, status: "degraded" },
  },
  // ---- Version 2: tenant-wide states of catalogue v2.
  {
    id: "tnt-margie",
    name: "Margie's Travel",
    domain: "margie.example",
    problem: "Self-service reset is turned off for administrators, and the methods-policy migration was never started.",
    policy: {
      enablement: "all",
      scopeGroups: [],
      methodsAllowed: ALL_METHODS,
      methodsRequired: 1,
      helpdeskEmail: "it@margie.example",
      writebackEnabled: false,
      allowUnlockWithoutReset: false,
      adminsSsprEnabled: false,
      methodsMigrationState: "preMigration",
    },
    groups: baseGroups,
  },
  {
    id: "tnt-consolidated",
    name: "Consolidated Messenger",
    domain: "consolidated.example",
    problem: "The domain controllers refuse the connector's remote SAM calls and do not accept password policy hints.",
    policy: {
      enablement: "all",
      scopeGroups: [],
      methodsAllowed: ALL_METHODS,
      methodsRequired: 1,
      helpdeskEmail: "it@consolidated.example",
      writebackEnabled: true,
      allowUnlockWithoutReset: false,
    },
    groups: baseGroups,
    connector: { ...HEALTHY_CONNECTOR, capabilities: { remoteSam: false, policyHints: false } },
  },
];

const email = (v: string): MethodSpec => ({ type: "email", value: v });
const sms = (v: string): MethodSpec => ({ type: "mobile_sms", value: v });
const app: MethodSpec = { type: "authenticator_code" };
const questions = (n: number): MethodSpec => ({ type: "security_questions", questionsAnswered: n });
let phone = 0;
/** A distinct Latvian mobile number per call, E.164. */
const nextPhone = () => `+3712600${String(++phone).padStart(4, "0")}`;
const twoMethods = (local: string): MethodSpec[] => [email(`${local}@home.example`), sms(nextPhone())];

const SHARED_PHONE = "+37120009999";

export const DEMO_PERSONAS: PersonaSpec[] = [
  // Healthy people first: what "working" looks like.
  {
    login: "alex.healthy@contoso.example",
    tenant: "tnt-contoso",
    name: "Alex Healthy",
    problem: "Nothing: in scope, two verified methods.",
    primary: null,
    methods: twoMethods("alex"),
  },
  {
    login: "nick.nested@contoso.example",
    tenant: "tnt-contoso",
    name: "Nick Nested",
    problem: "Nothing: in scope through Sales EMEA → Sales → SSPR users.",
    primary: null,
    groups: ["sales-emea"],
    methods: twoMethods("nick"),
  },
  {
    login: "ada.admin@contoso.example",
    tenant: "tnt-contoso",
    name: "Ada Admin",
    problem: "Nothing: a global admin with two methods (administrator policy).",
    primary: null,
    groups: [],
    user: { roles: ["global_admin"] },
    methods: [email("ada@home.example"), app],
  },
  {
    login: "sam.synced@contoso.example",
    tenant: "tnt-contoso",
    name: "Sam Synced",
    problem: "Nothing: synced from on-premises, writeback healthy.",
    primary: null,
    user: { source: "synced", passwordAgeHours: 24 * 30 },
    methods: twoMethods("sam"),
  },
  {
    login: "quinn.questions@contoso.example",
    tenant: "tnt-contoso",
    name: "Quinn Questions",
    problem: "Nothing: security questions (3 of 3) plus SMS.",
    primary: null,
    methods: [questions(3), sms(nextPhone())],
  },
  {
    login: "felix.fine@fabrikam.example",
    tenant: "tnt-fabrikam",
    name: "Felix Fine",
    problem: "Nothing: three methods where two are required (tenant hygiene findings only).",
    primary: null,
    includes: ["notifications_off", "registration_not_enforced", "reconfirm_never", "helpdesk_contact_missing"],
    methods: [email("felix@home.example"), sms(nextPhone()), app],
  },
  {
    login: "wes.woodgrove@woodgrove.example",
    tenant: "tnt-woodgrove",
    name: "Wes Woodgrove",
    problem: "Can reset, but only with security questions (weak policy).",
    primary: null,
    includes: ["security_questions_only_policy", "single_point_of_failure"],
    methods: [questions(3)],
  },

  // Blockers, in catalogue order.
  {
    login: "dana.disabled@contoso.example",
    tenant: "tnt-contoso",
    name: "Dana Disabled",
    problem: "Account disabled; her methods are still registered.",
    primary: "account_disabled",
    includes: ["methods_kept_after_leave"],
    user: { enabled: false },
    methods: twoMethods("dana"),
  },
  {
    login: "gina_fabrikam.example#EXT#@contoso.example",
    tenant: "tnt-contoso",
    name: "Gina Guest",
    problem: "A guest from another organization.",
    primary: "guest_account",
    user: { type: "guest" },
    methods: twoMethods("gina"),
  },
  {
    login: "tom.tailspin@tailspin.example",
    tenant: "tnt-tailspin",
    name: "Tom Tailspin",
    problem: "Tenant has SSPR turned off.",
    primary: "sspr_disabled",
    methods: twoMethods("tom"),
  },
  {
    login: "nora.northwind@northwind.example",
    tenant: "tnt-northwind",
    name: "Nora Northwind",
    problem: "Tenant scoped SSPR to selected groups but selected none.",
    primary: "sspr_scope_empty",
    methods: twoMethods("nora"),
  },
  {
    login: "oscar.outside@contoso.example",
    tenant: "tnt-contoso",
    name: "Oscar Outside",
    problem: "Only in Finance, which is not in the SSPR scope.",
    primary: "user_not_in_sspr_scope",
    groups: ["finance"],
    methods: twoMethods("oscar"),
  },
  {
    login: "liam.nolicense@contoso.example",
    tenant: "tnt-contoso",
    name: "Liam Nolicense",
    problem: "No licence assigned.",
    primary: "no_license",
    user: { license: "none" },
    methods: twoMethods("liam"),
  },
  {
    login: "basil.basic@contoso.example",
    tenant: "tnt-contoso",
    name: "Basil Basic",
    problem: "Synced user with a Basic licence (no writeback).",
    primary: "license_lacks_writeback",
    user: { source: "synced", license: "basic", passwordAgeHours: 24 * 30 },
    methods: twoMethods("basil"),
  },
  {
    login: "will.wingtip@wingtip.example",
    tenant: "tnt-wingtip",
    name: "Will Wingtip",
    problem: "Policy needs 2 methods but allows only 1 kind.",
    primary: "policy_requires_more_methods_than_allowed",
    methods: [email("will@home.example")],
  },
  {
    login: "nina.noreg@contoso.example",
    tenant: "tnt-contoso",
    name: "Nina Noreg",
    problem: "Never registered any method.",
    primary: "not_registered",
    methods: [],
  },
  {
    login: "hugo.helpdesk@contoso.example",
    tenant: "tnt-contoso",
    name: "Hugo Helpdesk",
    problem: "Helpdesk admin with only security questions (admins may not use them).",
    primary: "admin_security_questions_only",
    groups: [],
    user: { roles: ["helpdesk_admin"] },
    methods: [questions(3)],
  },
  {
    login: "olga.office@contoso.example",
    tenant: "tnt-contoso",
    name: "Olga Office",
    problem: "Only an office phone, which the policy does not allow.",
    primary: "registered_methods_not_allowed",
    methods: [{ type: "office_phone", value: "+37167000001" }],
  },
  {
    login: "sara.short@contoso.example",
    tenant: "tnt-contoso",
    name: "Sara Short",
    problem: "Answered 2 of the 3 security questions needed.",
    primary: "security_questions_incomplete",
    methods: [questions(2)],
  },
  {
    login: "pete.phone@contoso.example",
    tenant: "tnt-contoso",
    name: "Pete Phone",
    problem: "Phone registered without a country code.",
    primary: "method_value_invalid",
    methods: [sms("26000007")],
  },
  {
    login: "uma.unverified@contoso.example",
    tenant: "tnt-contoso",
    name: "Uma Unverified",
    problem: "Her only email was never verified.",
    primary: "method_unverified",
    methods: [{ type: "email", value: "uma@home.example", verified: false }],
  },
  {
    login: "adam.onemethod@contoso.example",
    tenant: "tnt-contoso",
    name: "Adam Onemethod",
    problem: "User admin with one method (admins need two).",
    primary: "admin_needs_two_methods",
    groups: [],
    user: { roles: ["user_admin"] },
    methods: [sms(nextPhone())],
  },
  {
    login: "fiona.onemethod@fabrikam.example",
    tenant: "tnt-fabrikam",
    name: "Fiona Onemethod",
    problem: "One method where the tenant requires two.",
    primary: "not_enough_methods",
    methods: [email("fiona@home.example")],
  },
  {
    login: "bob.blocked@contoso.example",
    tenant: "tnt-contoso",
    name: "Bob Blocked",
    problem: "Blocked for 20 more hours after hitting a limit.",
    primary: "reset_blocked_temporarily",
    methods: twoMethods("bob"),
    throttle: { blockedForHours: 20 },
  },
  {
    login: "carl.codes@contoso.example",
    tenant: "tnt-contoso",
    name: "Carl Codes",
    problem: "Asked for 5 codes in the last hour.",
    primary: "too_many_codes_sent",
    methods: twoMethods("carl"),
    throttle: { codesSentLastHour: 5 },
  },
  {
    login: "fay.failed@contoso.example",
    tenant: "tnt-contoso",
    name: "Fay Failed",
    problem: "10 wrong codes in the last 24 hours.",
    primary: "too_many_failed_verifications",
    methods: twoMethods("fay"),
    throttle: { failedLast24h: 10 },
  },
  {
    login: "rita.resets@contoso.example",
    tenant: "tnt-contoso",
    name: "Rita Resets",
    problem: "Reset her password 5 times today.",
    primary: "too_many_resets",
    methods: twoMethods("rita"),
    throttle: { resetsLast24h: 5 },
  },
  {
    login: "vera.wrongcode@contoso.example",
    tenant: "tnt-contoso",
    name: "Vera Wrongcode",
    problem: "Last attempt: typed a wrong code.",
    primary: "verification_code_wrong",
    methods: twoMethods("vera"),
    throttle: { failedLast24h: 1 },
    lastAttempt: { stage: "verify", method: "mobile_sms", error: "verification_code_wrong" },
  },
  {
    login: "eli.expired@contoso.example",
    tenant: "tnt-contoso",
    name: "Eli Expired",
    problem: "Last attempt: the code had expired.",
    primary: "verification_code_expired",
    methods: twoMethods("eli"),
    lastAttempt: { stage: "verify", method: "email", error: "verification_code_expired" },
  },
  {
    login: "ivan.answers@contoso.example",
    tenant: "tnt-contoso",
    name: "Ivan Answers",
    problem: "Last attempt: wrong security answers.",
    primary: "security_answers_wrong",
    methods: [questions(3), sms(nextPhone())],
    throttle: { failedLast24h: 1 },
    lastAttempt: { stage: "verify", method: "security_questions", error: "security_answers_wrong" },
  },
  {
    login: "pat.tooshort@contoso.example",
    tenant: "tnt-contoso",
    name: "Pat Tooshort",
    problem: "Last attempt: new password too short.",
    primary: "password_too_short",
    methods: twoMethods("pat"),
    lastAttempt: { stage: "set_password", error: "password_too_short" },
  },
  {
    login: "ben.banned@contoso.example",
    tenant: "tnt-contoso",
    name: "Ben Banned",
    problem: "Last attempt: a banned password.",
    primary: "password_banned",
    methods: twoMethods("ben"),
    lastAttempt: { stage: "set_password", error: "password_banned" },
  },
  {
    login: "rob.reused@contoso.example",
    tenant: "tnt-contoso",
    name: "Rob Reused",
    problem: "Last attempt: reused an old password.",
    primary: "password_recently_used",
    methods: twoMethods("rob"),
    lastAttempt: { stage: "set_password", error: "password_recently_used" },
  },
  {
    login: "walt.nowriteback@fabrikam.example",
    tenant: "tnt-fabrikam",
    name: "Walt Nowriteback",
    problem: "Synced user in a tenant without writeback.",
    primary: "writeback_disabled",
    user: { source: "synced", passwordAgeHours: 24 * 30 },
    methods: [email("walt@home.example"), sms(nextPhone())],
  },
  {
    login: "lily.litware@litware.example",
    tenant: "tnt-litware",
    name: "Lily Litware",
    problem: "Synced; the connector is unreachable.",
    primary: "writeback_connector_unreachable",
    user: { source: "synced", passwordAgeHours: 24 * 30 },
    methods: twoMethods("lily"),
  },
  {
    login: "ari.adatum@adatum.example",
    tenant: "tnt-adatum",
    name: "Ari Adatum",
    problem: "Synced; the connector may not reset passwords (nor unlock).",
    primary: "writeback_missing_reset_permission",
    includes: ["writeback_missing_unlock_permission"],
    user: { source: "synced", passwordAgeHours: 24 * 30 },
    methods: twoMethods("ari"),
  },
  {
    login: "paul.proseware@proseware.example",
    tenant: "tnt-proseware",
    name: "Paul Proseware",
    problem: "Synced; the connector may not write pwdLastSet; heartbeat late.",
    primary: "writeback_missing_pwdlastset_permission",
    includes: ["writeback_heartbeat_late"],
    user: { source: "synced", passwordAgeHours: 24 * 30 },
    methods: twoMethods("paul"),
  },
  {
    login: "carol.cannotchange@contoso.example",
    tenant: "tnt-contoso",
    name: "Carol Cannotchange",
    problem: "On-premises flag: user cannot change password.",
    primary: "onprem_cannot_change_password",
    user: { source: "synced", passwordAgeHours: 24 * 30, onPrem: { cannotChangePassword: true } },
    methods: twoMethods("carol"),
  },
  {
    login: "pam.protected@contoso.example",
    tenant: "tnt-contoso",
    name: "Pam Protected",
    problem: "Protected (privileged) on-premises account.",
    primary: "onprem_protected_account",
    user: { source: "synced", passwordAgeHours: 24 * 30, onPrem: { protectedAccount: true } },
    methods: twoMethods("pam"),
  },
  {
    login: "mia.minage@contoso.example",
    tenant: "tnt-contoso",
    name: "Mia Minage",
    problem: "Changed her password 2 hours ago; on-premises minimum age is 24 h.",
    primary: "onprem_min_password_age",
    user: { source: "synced", passwordAgeHours: 2 },
    methods: twoMethods("mia"),
  },
  {
    login: "otto.onprem@contoso.example",
    tenant: "tnt-contoso",
    name: "Otto Onprem",
    problem: "Last attempt: the on-premises policy rejected the password.",
    primary: "onprem_password_policy_rejected",
    user: { source: "synced", passwordAgeHours: 24 * 30 },
    methods: twoMethods("otto"),
    lastAttempt: { stage: "writeback", error: "onprem_password_policy_rejected" },
  },
  {
    login: "rene.relecloud@relecloud.example",
    tenant: "tnt-relecloud",
    name: "Rene Relecloud",
    problem: "Synced; the connector is degraded.",
    primary: "writeback_degraded",
    user: { source: "synced", passwordAgeHours: 24 * 30 },
    methods: twoMethods("rene"),
  },

  // Version 2 blockers (catalogue order within each tenant).
  {
    login: "fred.federated@contoso.example",
    tenant: "tnt-contoso",
    name: "Fred Federated",
    problem: "His domain signs in at another identity provider.",
    primary: "federated_elsewhere",
    user: { federated: true },
    methods: twoMethods("fred"),
  },
  {
    login: "max.margie@margie.example",
    tenant: "tnt-margie",
    name: "Max Margie",
    problem: "A global admin where SSPR is off for administrators.",
    primary: "admin_sspr_off",
    includes: ["legacy_methods_policy"],
    user: { roles: ["global_admin"] },
    methods: [email("max@home.example"), app],
  },
  {
    login: "lena.license@margie.example",
    tenant: "tnt-margie",
    name: "Lena License",
    problem: "A License Administrator (an admin role since ADMIN_ROLES v2) where SSPR is off for administrators.",
    primary: "admin_sspr_off",
    user: { roles: ["license_admin"] },
    methods: [email("lena@home.example"), app],
  },
  {
    login: "pia.pushonly@contoso.example",
    tenant: "tnt-contoso",
    name: "Pia Pushonly",
    problem: "Only authenticator notifications: a notification alone cannot reset.",
    primary: "not_enough_methods",
    methods: [{ type: "authenticator_notification" }],
  },
  {
    login: "phil.mismatch@contoso.example",
    tenant: "tnt-contoso",
    name: "Phil Mismatch",
    problem: "Last attempt: typed a phone number that is not the one on file.",
    primary: "phone_number_mismatch",
    methods: twoMethods("phil"),
    lastAttempt: { stage: "verify", method: "mobile_sms", error: "phone_number_mismatch" },
  },
  {
    login: "cora.consolidated@consolidated.example",
    tenant: "tnt-consolidated",
    name: "Cora Consolidated",
    problem: "Synced; the domain controllers refuse remote SAM and policy hints.",
    primary: "writeback_remote_sam_restricted",
    includes: ["writeback_policy_hints_unsupported"],
    user: { source: "synced", passwordAgeHours: 24 * 30 },
    methods: twoMethods("cora"),
  },
  {
    login: "nils.notfound@contoso.example",
    tenant: "tnt-contoso",
    name: "Nils Notfound",
    problem: "Synced, but the on-premises directory has no object for him.",
    primary: "onprem_account_not_found",
    user: { source: "synced", passwordAgeHours: 24 * 30, onPrem: { found: false } },
    methods: twoMethods("nils"),
  },
  {
    login: "amos.ambiguous@contoso.example",
    tenant: "tnt-contoso",
    name: "Amos Ambiguous",
    problem: "Last attempt: several on-premises objects matched him.",
    primary: "onprem_account_ambiguous",
    user: { source: "synced", passwordAgeHours: 24 * 30 },
    methods: twoMethods("amos"),
    lastAttempt: { stage: "writeback", error: "onprem_account_ambiguous" },
  },
  {
    login: "dora.onpremdisabled@contoso.example",
    tenant: "tnt-contoso",
    name: "Dora Onpremdisabled",
    problem: "Synced; her on-premises account is disabled.",
    primary: "onprem_account_disabled",
    user: { source: "synced", passwordAgeHours: 24 * 30, onPrem: { disabled: true } },
    methods: twoMethods("dora"),
  },
  {
    login: "uri.unknownerror@contoso.example",
    tenant: "tnt-contoso",
    name: "Uri Unknownerror",
    problem: "Last attempt: the connector failed with an unclassified error.",
    primary: "writeback_unknown_error",
    user: { source: "synced", passwordAgeHours: 24 * 30 },
    methods: twoMethods("uri"),
    lastAttempt: { stage: "writeback", error: "writeback_unknown_error" },
  },
  {
    login: "cleo.cloudfail@contoso.example",
    tenant: "tnt-contoso",
    name: "Cleo Cloudfail",
    problem: "Last attempt: set on-premises, but the cloud write failed.",
    primary: "onprem_success_cloud_failure",
    user: { source: "synced", passwordAgeHours: 24 * 30 },
    methods: twoMethods("cleo"),
    lastAttempt: { stage: "writeback", error: "onprem_success_cloud_failure" },
  },

  // Warnings: a reset would work, but something is off.
  {
    login: "larry.locked@contoso.example",
    tenant: "tnt-contoso",
    name: "Larry Locked",
    problem: "Locked out on-premises (may unlock without reset).",
    primary: null,
    includes: ["onprem_account_locked"],
    user: { source: "synced", passwordAgeHours: 24 * 30, onPrem: { lockedOut: true } },
    methods: twoMethods("larry"),
  },
  {
    login: "reggie.reconfirm@contoso.example",
    tenant: "tnt-contoso",
    name: "Reggie Reconfirm",
    problem: "Last confirmed his info 200 days ago (policy: 180).",
    primary: null,
    includes: ["registration_reconfirm_due"],
    user: { confirmedDaysAgo: 200 },
    methods: twoMethods("reggie"),
  },
  {
    login: "simon.single@contoso.example",
    tenant: "tnt-contoso",
    name: "Simon Single",
    problem: "Exactly one usable method: losing his phone blocks him.",
    primary: null,
    includes: ["single_point_of_failure"],
    methods: [sms(nextPhone())],
  },
  {
    login: "emma.ownmail@contoso.example",
    tenant: "tnt-contoso",
    name: "Emma Ownmail",
    problem: "Registered her own work mailbox as the email method.",
    primary: null,
    includes: ["email_method_is_own_mailbox"],
    methods: [email("emma.ownmail@contoso.example"), sms(nextPhone())],
  },
  {
    login: "mike.mustchange@contoso.example",
    tenant: "tnt-contoso",
    name: "Mike Mustchange",
    problem: "On-premises: must change password at next logon.",
    primary: null,
    includes: ["onprem_must_change_at_next_logon"],
    user: { source: "synced", passwordAgeHours: 24 * 30, onPrem: { mustChangePasswordAtNextLogon: true } },
    methods: twoMethods("mike"),
  },
  {
    login: "sid.smartlocked@contoso.example",
    tenant: "tnt-contoso",
    name: "Sid Smartlocked",
    problem: "Cloud smart lockout for 2 more hours.",
    primary: null,
    includes: ["cloud_smart_lockout"],
    user: { cloudLockedForHours: 2 },
    methods: twoMethods("sid"),
  },
  {
    login: "della.delivery@contoso.example",
    tenant: "tnt-contoso",
    name: "Della Delivery",
    problem: "Her last SMS code could not be delivered 2 hours ago.",
    primary: null,
    includes: ["code_delivery_failed"],
    user: { deliveryFailure: { method: "mobile_sms", hoursAgo: 2, reason: "carrier rejected: unknown subscriber" } },
    methods: twoMethods("della"),
  },
  {
    login: "ines.imported@contoso.example",
    tenant: "tnt-contoso",
    name: "Ines Imported",
    problem: "Imported without her methods' verification: it decides whether she can reset.",
    primary: null,
    includes: ["insufficient_evidence"],
    user: { unknown: ["methods[].verified"] },
    methods: [sms(nextPhone())],
  },
  ...[1, 2, 3, 4].map((n): PersonaSpec => ({
    login: `hana.shared${n}@contoso.example`,
    tenant: "tnt-contoso",
    name: `Hana Shared ${n}`,
    problem: "One of four users with the same phone number (seen in the tenant sweep).",
    primary: null,
    methods: [email(`hana${n}@home.example`), sms(SHARED_PHONE)],
  })),
];

/**
 * Staff tokens of the demo, documented so anyone trying the demo can sign in to /admin.
 * They exist only where the demo was seeded (SSPR_DEMO); a real deployment sets
 * SSPR_DEMO=0 and creates its own with `npm run token`.
 */
export const DEMO_STAFF_TOKENS = {
  admin: "sspr_demo_admin_token",
  helpdesk: "sspr_demo_helpdesk_token",
  support: "sspr_demo_support_token",
} as const;

/** Logins that do not exist, for trying `account_not_found` and enumeration resistance. */
export const DEMO_UNKNOWN_LOGIN = "nobody@contoso.example";
