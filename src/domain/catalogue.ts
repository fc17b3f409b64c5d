/**
 * The finding catalogue (shared/design/CATALOGUE.md) as code: every finding code in
 * catalogue order with its severity, disclosure and fixes, every fix with its actor,
 * the FAQ topic keys, the administrator roles and the throttling limits. Rules,
 * articles, fixes and tests all name codes from here, so a typo is a type error.
 */
import { DOCUMENTED_ADMIN_ROLES } from "./admin-roles";

export const METHODS = [
  "email",
  "mobile_sms",
  "mobile_voice",
  "office_phone",
  "authenticator_notification",
  "authenticator_code",
  "security_questions",
] as const;
export type Method = (typeof METHODS)[number];

export type Severity = "blocker" | "warning" | "info";
export type Disclosure = "public" | "verified" | "staff";
export type Actor = "user" | "helpdesk" | "admin" | "onprem_admin" | "wait";
export type Stage = "identify" | "verify" | "set_password" | "writeback" | "unlock" | "register";

// ---- Limits: the defaults of our throttling and password policy (CATALOGUE.md "limits").

/** SMS + voice + email codes sent per account per hour; caps toll fraud and inbox flooding. */
export const MAX_CODES_PER_HOUR = 5;
/** Wrong codes or answers per 24 h; 10 guesses at a 6-digit code is a 1-in-100,000 chance. */
export const MAX_FAILED_VERIFICATIONS_24H = 10;
/** Completed resets per 24 h; more than this is an attacker cycling the account, not a person. */
export const MAX_RESETS_24H = 5;
/** How long a block lasts once a limit is hit. */
export const BLOCK_HOURS = 24;
/** Verification codes live 10 minutes: long enough to switch apps, short enough to stay secret. */
export const CODE_TTL_MINUTES = 10;
/** Email codes are longer than SMS codes because email is easier to intercept in bulk. */
export const EMAIL_CODE_DIGITS = 8;
export const PHONE_CODE_DIGITS = 6;
/** A writeback heartbeat older than this means the connector is down. */
export const WRITEBACK_STALE_MINUTES = 10;
/** A heartbeat older than this (but not stale) is worth a warning. */
export const WRITEBACK_LATE_MINUTES = 5;
/** Cloud password length bounds. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;
/** A code that could not be delivered this recently is worth a warning (CATALOGUE.md v2 code_delivery_failed). */
export const DELIVERY_FAILURE_WINDOW_HOURS = 24;
/** More users than this sharing one phone or email is suspicious (tenant sweep). */
export const MAX_USERS_PER_METHOD_VALUE = 3;

/** The v1 administrator roles (CATALOGUE.md `ADMIN_ROLES`); they stay in v2. */
export const ADMIN_ROLES_V1 = [
  "global_admin",
  "privileged_role_admin",
  "privileged_authentication_admin",
  "authentication_admin",
  "user_admin",
  "helpdesk_admin",
  "password_admin",
  "security_admin",
  "billing_admin",
  "exchange_admin",
  "sharepoint_admin",
  "teams_admin",
  "intune_admin",
  "application_admin",
  "cloud_application_admin",
  "conditional_access_admin",
] as const;

/**
 * Holders of any of these roles follow the administrator policy: the v1 slugs, then every
 * other role in Microsoft's documented list (CATALOGUE.md "ADMIN_ROLES v2", admin-roles.ts).
 */
export const ADMIN_ROLES: readonly string[] = [
  ...ADMIN_ROLES_V1,
  ...DOCUMENTED_ADMIN_ROLES.map((role) => role.slug).filter(
    (slug) => !(ADMIN_ROLES_V1 as readonly string[]).includes(slug),
  ),
];

/** Administrator policy: two methods, never security questions. */
export const ADMIN_METHODS_REQUIRED = 2;
export const ADMIN_METHODS_ALLOWED: readonly Method[] = [
  "email",
  "mobile_sms",
  "mobile_voice",
  "office_phone",
  "authenticator_notification",
  "authenticator_code",
];

// ---- Fixes

export type FixDefinition = {
  title: string;
  actor: Actor;
  /** true when this service can carry it out itself (a database change or a message it sends). */
  automatic: boolean;
};

export const FIXES = {
  check_login_name: { title: "Check the sign-in name and try again", actor: "user", automatic: false },
  enable_account: { title: "Enable the account", actor: "admin", automatic: true },
  reset_in_home_organization: {
    title: "Reset the password in your home organization",
    actor: "user",
    automatic: false,
  },
  enable_sspr_for_all: { title: "Turn on self-service password reset for all users", actor: "admin", automatic: true },
  enable_sspr_for_group: { title: "Turn on self-service password reset for a group", actor: "admin", automatic: true },
  add_group_to_sspr_scope: {
    title: "Add a group to the self-service password reset scope",
    actor: "admin",
    automatic: true,
  },
  add_user_to_sspr_group: { title: "Add the user to a group in the SSPR scope", actor: "admin", automatic: true },
  assign_license: {
    title: "Assign a licence that includes password reset and writeback",
    actor: "admin",
    automatic: true,
  },
  allow_more_methods: { title: "Allow more authentication methods", actor: "admin", automatic: true },
  require_one_method: { title: "Require one method instead of two", actor: "admin", automatic: true },
  allow_method: { title: "Allow a method the user has registered", actor: "admin", automatic: true },
  register_methods: { title: "Register or update your security info", actor: "user", automatic: false },
  send_registration_reminder: { title: "Send the user a registration reminder", actor: "helpdesk", automatic: true },
  wait_until_unblocked: { title: "Wait until the block ends", actor: "wait", automatic: false },
  clear_throttle: { title: "Clear the throttle and the block", actor: "helpdesk", automatic: true },
  retry_verification: { title: "Try again, carefully", actor: "user", automatic: false },
  request_new_code: { title: "Ask for a new code", actor: "user", automatic: false },
  choose_another_password: { title: "Choose a different password", actor: "user", automatic: false },
  enable_writeback: { title: "Turn on password writeback", actor: "admin", automatic: true },
  reconnect_writeback: { title: "Bring the writeback connector back online", actor: "onprem_admin", automatic: false },
  grant_connector_permissions: {
    title: "Grant the connector's service account its permissions",
    actor: "onprem_admin",
    automatic: false,
  },
  clear_cannot_change_password: {
    title: "Clear the 'user cannot change password' flag",
    actor: "onprem_admin",
    automatic: false,
  },
  reset_by_onprem_admin: {
    title: "Have an on-premises administrator reset the password",
    actor: "onprem_admin",
    automatic: false,
  },
  set_min_age_zero: { title: "Set the on-premises minimum password age to 0", actor: "onprem_admin", automatic: false },
  unlock_account: { title: "Unlock the account", actor: "helpdesk", automatic: true },
  confirm_methods: { title: "Confirm your security info is still right", actor: "user", automatic: false },
  review_shared_methods: { title: "Review methods shared by many users", actor: "admin", automatic: false },
  turn_on_notifications: { title: "Notify users when their password is reset", actor: "admin", automatic: true },
  require_registration: { title: "Require users to register at sign-in", actor: "admin", automatic: true },
  set_helpdesk_contact: { title: "Set a helpdesk link or email", actor: "admin", automatic: true },
  set_reconfirm_days: { title: "Ask users to reconfirm their info periodically", actor: "admin", automatic: true },
  // ---- Version 2
  reset_at_identity_provider: {
    title: "Reset the password at your organization's sign-in provider",
    actor: "user",
    automatic: false,
  },
  enable_sspr_for_admins: {
    title: "Turn self-service password reset back on for administrators",
    actor: "admin",
    automatic: true,
  },
  allow_remote_sam_for_connector: {
    title: "Allow the connector's account through the domain controllers' remote SAM restriction",
    actor: "onprem_admin",
    automatic: false,
  },
  upgrade_domain_controllers: {
    title: "Upgrade the domain controllers so they accept password policy hints",
    actor: "onprem_admin",
    automatic: false,
  },
  check_sync_scope: {
    title: "Check the user is in the sync scope and still exists on-premises",
    actor: "onprem_admin",
    automatic: false,
  },
  fix_duplicate_anchor: {
    title: "Remove the duplicate directory object that matches this user",
    actor: "onprem_admin",
    automatic: false,
  },
  enable_onprem_account: { title: "Enable the on-premises account", actor: "onprem_admin", automatic: false },
  inspect_connector_log: {
    title: "Read the connector's event log for the failed writeback",
    actor: "onprem_admin",
    automatic: false,
  },
  retry_cloud_write: {
    title: "Wait for the cloud write to be retried, then sign in with the new password",
    actor: "wait",
    automatic: false,
  },
  check_mail_filtering: {
    title: "Check mail filtering and the SMS provider for blocked codes",
    actor: "admin",
    automatic: false,
  },
  remove_methods: { title: "Remove the leaver's registered security info", actor: "helpdesk", automatic: true },
  supply_missing_facts: { title: "Supply the facts the import could not read", actor: "admin", automatic: false },
  complete_methods_migration: {
    title: "Complete the migration to the authentication methods policy",
    actor: "admin",
    automatic: false,
  },
} as const satisfies Record<string, FixDefinition>;
export type FixId = keyof typeof FIXES;

// ---- Findings, in catalogue order: blockers, then warnings, then info.

export type FindingDefinition = {
  severity: Severity;
  stage: Stage;
  disclosure: Disclosure;
  fixes: readonly FixId[];
};

const WAIT_OR_CLEAR = ["wait_until_unblocked", "clear_throttle"] as const;

export const FINDINGS = {
  // Blockers, rows 1..36 with the v2 rows at their places (CATALOGUE.md "Version 2")
  account_not_found: { severity: "blocker", stage: "identify", disclosure: "public", fixes: ["check_login_name"] },
  account_disabled: { severity: "blocker", stage: "identify", disclosure: "verified", fixes: ["enable_account"] },
  guest_account: {
    severity: "blocker",
    stage: "identify",
    disclosure: "verified",
    fixes: ["reset_in_home_organization"],
  },
  federated_elsewhere: {
    severity: "blocker",
    stage: "identify",
    disclosure: "public",
    fixes: ["reset_at_identity_provider"],
  },
  sspr_disabled: {
    severity: "blocker",
    stage: "identify",
    disclosure: "public",
    fixes: ["enable_sspr_for_all", "enable_sspr_for_group"],
  },
  admin_sspr_off: { severity: "blocker", stage: "identify", disclosure: "verified", fixes: ["enable_sspr_for_admins"] },
  sspr_scope_empty: {
    severity: "blocker",
    stage: "identify",
    disclosure: "public",
    fixes: ["add_group_to_sspr_scope"],
  },
  user_not_in_sspr_scope: {
    severity: "blocker",
    stage: "identify",
    disclosure: "verified",
    fixes: ["add_user_to_sspr_group"],
  },
  no_license: { severity: "blocker", stage: "identify", disclosure: "staff", fixes: ["assign_license"] },
  license_lacks_writeback: { severity: "blocker", stage: "identify", disclosure: "staff", fixes: ["assign_license"] },
  policy_requires_more_methods_than_allowed: {
    severity: "blocker",
    stage: "verify",
    disclosure: "staff",
    fixes: ["allow_more_methods", "require_one_method"],
  },
  not_registered: {
    severity: "blocker",
    stage: "verify",
    disclosure: "verified",
    fixes: ["register_methods", "send_registration_reminder"],
  },
  admin_security_questions_only: {
    severity: "blocker",
    stage: "verify",
    disclosure: "verified",
    fixes: ["register_methods"],
  },
  registered_methods_not_allowed: {
    severity: "blocker",
    stage: "verify",
    disclosure: "verified",
    fixes: ["register_methods", "allow_method"],
  },
  security_questions_incomplete: {
    severity: "blocker",
    stage: "verify",
    disclosure: "verified",
    fixes: ["register_methods"],
  },
  method_value_invalid: { severity: "blocker", stage: "verify", disclosure: "verified", fixes: ["register_methods"] },
  method_unverified: { severity: "blocker", stage: "verify", disclosure: "verified", fixes: ["register_methods"] },
  admin_needs_two_methods: {
    severity: "blocker",
    stage: "verify",
    disclosure: "verified",
    fixes: ["register_methods"],
  },
  not_enough_methods: {
    severity: "blocker",
    stage: "verify",
    disclosure: "verified",
    fixes: ["register_methods", "require_one_method"],
  },
  reset_blocked_temporarily: { severity: "blocker", stage: "verify", disclosure: "public", fixes: WAIT_OR_CLEAR },
  too_many_codes_sent: { severity: "blocker", stage: "verify", disclosure: "public", fixes: WAIT_OR_CLEAR },
  too_many_failed_verifications: { severity: "blocker", stage: "verify", disclosure: "public", fixes: WAIT_OR_CLEAR },
  too_many_resets: { severity: "blocker", stage: "set_password", disclosure: "verified", fixes: WAIT_OR_CLEAR },
  verification_code_wrong: {
    severity: "blocker",
    stage: "verify",
    disclosure: "public",
    fixes: ["retry_verification"],
  },
  verification_code_expired: {
    severity: "blocker",
    stage: "verify",
    disclosure: "public",
    fixes: ["request_new_code"],
  },
  security_answers_wrong: { severity: "blocker", stage: "verify", disclosure: "public", fixes: ["retry_verification"] },
  phone_number_mismatch: { severity: "blocker", stage: "verify", disclosure: "public", fixes: ["retry_verification"] },
  password_too_short: {
    severity: "blocker",
    stage: "set_password",
    disclosure: "verified",
    fixes: ["choose_another_password"],
  },
  password_banned: {
    severity: "blocker",
    stage: "set_password",
    disclosure: "verified",
    fixes: ["choose_another_password"],
  },
  password_recently_used: {
    severity: "blocker",
    stage: "set_password",
    disclosure: "verified",
    fixes: ["choose_another_password"],
  },
  writeback_disabled: { severity: "blocker", stage: "writeback", disclosure: "verified", fixes: ["enable_writeback"] },
  writeback_connector_unreachable: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "verified",
    fixes: ["reconnect_writeback"],
  },
  writeback_missing_reset_permission: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "staff",
    fixes: ["grant_connector_permissions"],
  },
  writeback_missing_pwdlastset_permission: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "staff",
    fixes: ["grant_connector_permissions"],
  },
  writeback_remote_sam_restricted: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "staff",
    fixes: ["allow_remote_sam_for_connector"],
  },
  writeback_policy_hints_unsupported: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "staff",
    fixes: ["upgrade_domain_controllers"],
  },
  onprem_account_not_found: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "staff",
    fixes: ["check_sync_scope"],
  },
  onprem_account_ambiguous: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "staff",
    fixes: ["fix_duplicate_anchor"],
  },
  onprem_account_disabled: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "verified",
    fixes: ["enable_onprem_account"],
  },
  onprem_cannot_change_password: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "verified",
    fixes: ["clear_cannot_change_password"],
  },
  onprem_protected_account: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "staff",
    fixes: ["reset_by_onprem_admin"],
  },
  onprem_min_password_age: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "verified",
    fixes: ["wait_until_unblocked", "set_min_age_zero"],
  },
  onprem_password_policy_rejected: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "verified",
    fixes: ["choose_another_password"],
  },
  writeback_degraded: { severity: "blocker", stage: "writeback", disclosure: "staff", fixes: ["reconnect_writeback"] },
  writeback_unknown_error: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "staff",
    fixes: ["inspect_connector_log"],
  },
  onprem_success_cloud_failure: {
    severity: "blocker",
    stage: "writeback",
    disclosure: "verified",
    fixes: ["retry_cloud_write"],
  },
  // Warnings
  onprem_account_locked: { severity: "warning", stage: "unlock", disclosure: "verified", fixes: ["unlock_account"] },
  writeback_missing_unlock_permission: {
    severity: "warning",
    stage: "unlock",
    disclosure: "staff",
    fixes: ["grant_connector_permissions"],
  },
  registration_reconfirm_due: {
    severity: "warning",
    stage: "register",
    disclosure: "verified",
    fixes: ["confirm_methods"],
  },
  single_point_of_failure: {
    severity: "warning",
    stage: "register",
    disclosure: "verified",
    fixes: ["register_methods"],
  },
  email_method_is_own_mailbox: {
    severity: "warning",
    stage: "register",
    disclosure: "verified",
    fixes: ["register_methods"],
  },
  method_in_use_by_many: {
    severity: "warning",
    stage: "register",
    disclosure: "staff",
    fixes: ["review_shared_methods"],
  },
  onprem_must_change_at_next_logon: { severity: "warning", stage: "writeback", disclosure: "verified", fixes: [] },
  writeback_heartbeat_late: {
    severity: "warning",
    stage: "writeback",
    disclosure: "staff",
    fixes: ["reconnect_writeback"],
  },
  cloud_smart_lockout: {
    severity: "warning",
    stage: "unlock",
    disclosure: "verified",
    fixes: ["wait_until_unblocked"],
  },
  code_delivery_failed: {
    severity: "warning",
    stage: "verify",
    disclosure: "verified",
    fixes: ["register_methods", "check_mail_filtering"],
  },
  methods_kept_after_leave: { severity: "warning", stage: "register", disclosure: "staff", fixes: ["remove_methods"] },
  insufficient_evidence: {
    severity: "warning",
    stage: "identify",
    disclosure: "staff",
    fixes: ["supply_missing_facts"],
  },
  // Info: tenant hygiene, shown to admins
  notifications_off: { severity: "info", stage: "register", disclosure: "staff", fixes: ["turn_on_notifications"] },
  registration_not_enforced: {
    severity: "info",
    stage: "register",
    disclosure: "staff",
    fixes: ["require_registration"],
  },
  security_questions_only_policy: {
    severity: "info",
    stage: "verify",
    disclosure: "staff",
    fixes: ["allow_more_methods"],
  },
  helpdesk_contact_missing: {
    severity: "info",
    stage: "identify",
    disclosure: "staff",
    fixes: ["set_helpdesk_contact"],
  },
  reconfirm_never: { severity: "info", stage: "register", disclosure: "staff", fixes: ["set_reconfirm_days"] },
  legacy_methods_policy: {
    severity: "info",
    stage: "verify",
    disclosure: "staff",
    fixes: ["complete_methods_migration"],
  },
} as const satisfies Record<string, FindingDefinition>;
export type FindingCode = keyof typeof FINDINGS;

/** Every finding code in catalogue order; the index is the sort key for findings and `primary`. */
export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];
const ORDER = new Map(FINDING_CODES.map((code, i) => [code, i]));

/** Position of a code in catalogue order (blockers first). */
export function catalogueIndex(code: FindingCode): number {
  return ORDER.get(code)!;
}

export function isFindingCode(value: string): value is FindingCode {
  return ORDER.has(value as FindingCode);
}

export function isFixId(value: string): value is FixId {
  return Object.hasOwn(FIXES, value);
}

/** Finding codes a flow can raise itself in `attempt.error`. */
export const ATTEMPT_ERRORS = [
  "verification_code_wrong",
  "verification_code_expired",
  "security_answers_wrong",
  "password_too_short",
  "password_banned",
  "password_recently_used",
  "onprem_min_password_age",
  "onprem_password_policy_rejected",
  // v2 (CONTRACT §1: attempt.error may also be these)
  "phone_number_mismatch",
  "onprem_account_not_found",
  "onprem_account_ambiguous",
  "writeback_unknown_error",
  "onprem_success_cloud_failure",
] as const satisfies readonly FindingCode[];

// ---- FAQ topic keys: each is answered by at least one English article.

export const FAQ_KEYS = [
  "faq_what_is_sspr",
  "faq_how_to_register",
  "faq_which_methods",
  "faq_how_many_methods",
  "faq_register_without_signin",
  "faq_change_vs_reset",
  "faq_code_lifetime",
  "faq_no_code_received",
  "faq_phone_format",
  "faq_security_questions_rules",
  "faq_admin_policy",
  "faq_guest_users",
  "faq_writeback_how",
  "faq_writeback_latency",
  "faq_unlock_without_reset",
  "faq_password_rules",
  "faq_notifications",
  "faq_reconfirm",
  "faq_reports",
  "faq_data_stored",
  "faq_privacy_enumeration",
  "faq_helpdesk_reference",
  "faq_windows_signin_screen",
  "faq_enable_for_group",
  "faq_test_policy",
  // Version 2
  "faq_error_codes",
  "faq_leavers",
  "faq_cloud_lockout",
  "faq_federated_domains",
  "faq_methods_policy_migration",
  "faq_import_tenant",
] as const;
export type FaqKey = (typeof FAQ_KEYS)[number];

/** Every key an article must answer: finding codes and FAQ topics. */
export const ANSWER_KEYS: readonly string[] = [...FINDING_CODES, ...FAQ_KEYS];
