/**
 * The database schema: the one truth of what we store. Drizzle generates the
 * migrations in ./migrations from this file; they are committed and never edited.
 * Secrets (passwords, codes, answers, staff tokens) appear here only as hashes.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { METHODS } from "../domain/catalogue";
import type { BudgetName } from "../domain/throttle";
import { LICENSES } from "../domain/licenses";

const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
const bool = (name: string) => integer(name, { mode: "boolean" });
const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();

export const tenants = sqliteTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  domain: text("domain").notNull().unique(),
  createdAt: createdAt(),
  /** Where the tenant's state comes from: "local" (made here), "demo", "graph-export", "graph-live", "ldap", "ad". */
  source: text("source").notNull().default("local"),
});

/** One SSPR policy per tenant: every field of CONTRACT §1 `policy`. */
export const policies = sqliteTable("policies", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  enablement: text("enablement", { enum: ["none", "selected", "all"] })
    .notNull()
    .default("none"),
  methodsAllowed: json<string[]>("methods_allowed").notNull(),
  methodsRequired: integer("methods_required").notNull().default(1),
  questionsToRegister: integer("questions_to_register").notNull().default(3),
  questionsToReset: integer("questions_to_reset").notNull().default(3),
  requireRegistrationAtSignIn: bool("require_registration_at_sign_in").notNull().default(true),
  reconfirmDays: integer("reconfirm_days").notNull().default(180),
  notifyUserOnReset: bool("notify_user_on_reset").notNull().default(true),
  notifyAdminsOnAdminReset: bool("notify_admins_on_admin_reset").notNull().default(true),
  helpdeskUrl: text("helpdesk_url"),
  helpdeskEmail: text("helpdesk_email"),
  writebackEnabled: bool("writeback_enabled").notNull().default(false),
  allowUnlockWithoutReset: bool("allow_unlock_without_reset").notNull().default(false),
  /** The tenant's own banned password words (company name, products…). */
  bannedWords: json<string[]>("banned_words")
    .notNull()
    .default(sql`'[]'`),
  updatedAt: createdAt(),
  // ---- Version 2 (CONTRACT §1 "Version 2 fields").
  /** Graph authorizationPolicy.allowedToUseSSPR: may administrators reset at all. */
  adminsSsprEnabled: bool("admins_sspr_enabled").notNull().default(true),
  methodsMigrationState: text("methods_migration_state", {
    enum: ["preMigration", "migrationInProgress", "migrationComplete"],
  })
    .notNull()
    .default("migrationComplete"),
  /** Policy paths no source could tell (an import without a settings file): they go into every user's `unknown`. */
  unknown: json<string[]>("unknown")
    .notNull()
    .default(sql`'[]'`),
  /** Where the policy came from and when it was read (per path prefix), for the evidence. */
  provenance: json<Record<string, { source: string; readAt: string }>>("provenance"),
});

export const groups = sqliteTable("groups", {
  id: text("id").primaryKey(),
  tenantId: text("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  /** Synced groups: the directory object's DN. */
  directoryDn: text("directory_dn"),
});

/** Groups the policy is scoped to when enablement = selected. */
export const policyScopeGroups = sqliteTable(
  "policy_scope_groups",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.groupId] })],
);

/** A group inside a group: membership is transitive through these edges. */
export const groupNesting = sqliteTable(
  "group_nesting",
  {
    parentId: text("parent_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    childId: text("child_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.parentId, t.childId] })],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    upn: text("upn").notNull(),
    displayName: text("display_name").notNull(),
    type: text("type", { enum: ["member", "guest"] })
      .notNull()
      .default("member"),
    source: text("source", { enum: ["cloud", "synced"] })
      .notNull()
      .default("cloud"),
    enabled: bool("enabled").notNull().default(true),
    roles: json<string[]>("roles")
      .notNull()
      .default(sql`'[]'`),
    license: text("license", { enum: LICENSES }).notNull().default("p1"),
    passwordHash: text("password_hash"),
    passwordLastSetAt: text("password_last_set_at"),
    onPremLockedOut: bool("onprem_locked_out").notNull().default(false),
    onPremCannotChangePassword: bool("onprem_cannot_change_password").notNull().default(false),
    onPremProtectedAccount: bool("onprem_protected_account").notNull().default(false),
    onPremMustChangePassword: bool("onprem_must_change_password").notNull().default(false),
    registrationConfirmedAt: text("registration_confirmed_at"),
    createdAt: createdAt(),
    // ---- Version 2 (CONTRACT §1 "Version 2 fields").
    /** The user's domain signs in at another identity provider (passwords are reset there). */
    federated: bool("federated").notNull().default(false),
    /** Cloud smart lockout end, if active. */
    cloudLockedUntil: text("cloud_locked_until"),
    onPremDisabled: bool("onprem_disabled").notNull().default(false),
    /** False: the directory has no object for this synced user. */
    onPremFound: bool("onprem_found").notNull().default(true),
    /** The last code that could not be delivered: { method, at, reason }. */
    deliveryFailure: json<{ method: string; at: string; reason: string }>("delivery_failure"),
    /** Snapshot paths the source could not read for this user (e.g. "methods[].verified"). */
    unknown: json<string[]>("unknown")
      .notNull()
      .default(sql`'[]'`),
    /** Where this user's facts came from and when they were read (per path prefix). */
    provenance: json<Record<string, { source: string; readAt: string }>>("provenance"),
    /** Synced users: the directory object's DN, found by sync (the anchor for reads and writes). */
    directoryDn: text("directory_dn"),
    /** Set by a helpdesk temporary password: the next sign-in must choose a new one (issue 16). */
    mustChangePassword: bool("must_change_password").notNull().default(false),
  },
  // Sign-in names are matched case-insensitively (lower(upn) = lower(?)); the expression
  // index keeps that a lookup rather than a scan of 100,000 users. A tenant's users are
  // read in upn order, and a split sweep reads upn ranges of one tenant (ADR 016): the
  // (tenant, upn) index serves both without a sort or a walk of the whole tenant.
  (t) => [
    uniqueIndex("users_upn").on(t.upn),
    uniqueIndex("users_upn_lower").on(sql`lower(${t.upn})`),
    index("users_tenant_upn").on(t.tenantId, t.upn),
  ],
);

export const groupMemberships = sqliteTable(
  "group_memberships",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_memberships_user").on(t.userId)],
);

/** Old password hashes, newest first by created_at, for the no-reuse rule. */
export const passwordHistory = sqliteTable(
  "password_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    hash: text("hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("password_history_user").on(t.userId)],
);

/** Registered authentication methods (security info). */
export const methods = sqliteTable(
  "methods",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type", { enum: METHODS }).notNull(),
    /** Email address or E.164 phone; null for app and questions. */
    value: text("value"),
    /** Authenticator shared secret (base32). It must stay readable to verify TOTP codes. */
    totpSecret: text("totp_secret"),
    /** The last TOTP time step accepted, so a code cannot be replayed within its window. */
    totpLastStep: integer("totp_last_step"),
    verified: bool("verified").notNull().default(false),
    registeredAt: createdAt(),
  },
  (t) => [index("methods_user").on(t.userId), index("methods_value").on(t.value)],
);

/** Security-question answers, normalized then hashed; never stored in the clear. */
export const securityAnswers = sqliteTable(
  "security_answers",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    answerHash: text("answer_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.questionId] })],
);

/**
 * Counted events behind the throttle budgets (domain/throttle.ts): `kind` is the budget,
 * `subject` its key (a login hash, an IP, a flow…). `user_id` is set when the event is
 * a known account's, so staff views and clear_throttle find it; rows from before the
 * registry (and the demo seed) have an empty subject and count for their account.
 */
export const throttleEvents = sqliteTable(
  "throttle_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    flowId: text("flow_id"),
    kind: text("kind").$type<BudgetName>().notNull(),
    at: text("at").notNull(),
    subject: text("subject").notNull().default(""),
  },
  (t) => [
    index("throttle_events_user_kind_at").on(t.userId, t.kind, t.at),
    index("throttle_events_flow").on(t.flowId),
    index("throttle_events_subject_kind_at").on(t.subject, t.kind, t.at),
  ],
);

/** A block keyed by subject (a login hash): the same for a real and an unknown login. */
export const throttleSubjectBlocks = sqliteTable("throttle_subject_blocks", {
  subject: text("subject").primaryKey(),
  blockedUntil: text("blocked_until").notNull(),
  reason: text("reason").notNull(),
});

/** An active block after a limit was hit. */
export const throttleBlocks = sqliteTable("throttle_blocks", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  blockedUntil: text("blocked_until").notNull(),
  reason: text("reason").notNull(),
});

/** Reset / unlock flows: a persisted state machine. user_id is null for an unknown login. */
export const resetFlows = sqliteTable(
  "reset_flows",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    state: text("state", { enum: ["started", "verified", "completing", "completed"] }).notNull(),
    verifiedMethods: json<string[]>("verified_methods")
      .notNull()
      .default(sql`'[]'`),
    /** Question ids put to this flow; the same ones must be answered (unknown logins get stable decoys). */
    questionIds: json<string[]>("question_ids"),
    /** The login, trimmed and lower-cased (flows per login are limited; the audit keeps it as typed). */
    login: text("login").notNull().default(""),
    ip: text("ip"),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    completedAt: text("completed_at"),
    /** The last failed step of this flow (stage, method, error): the snapshot's `attempt`. */
    attempt: json<{ stage: string; method?: string; error?: string }>("attempt"),
    attemptAt: text("attempt_at"),
  },
  (t) => [
    index("reset_flows_login_at").on(t.login, t.createdAt),
    index("reset_flows_ip_at").on(t.ip, t.createdAt),
    // A user's attempts (their page's timeline, the user list's last attempt) without a table scan.
    index("reset_flows_user").on(t.userId),
  ],
);

/** One-time verification codes, hashed; a newer code for the same flow and method supersedes older ones. */
export const verificationCodes = sqliteTable(
  "verification_codes",
  {
    id: text("id").primaryKey(),
    flowId: text("flow_id").notNull(),
    method: text("method").notNull(),
    codeHash: text("code_hash").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    supersededAt: text("superseded_at"),
  },
  (t) => [index("verification_codes_flow").on(t.flowId, t.method)],
);

/** The tenant's on-premises writeback connector and what it reported last. */
export const writebackConnectors = sqliteTable("writeback_connectors", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  configured: bool("configured").notNull().default(false),
  status: text("status", { enum: ["healthy", "unreachable", "degraded"] })
    .notNull()
    .default("healthy"),
  lastHeartbeatAt: text("last_heartbeat_at"),
  permResetPassword: bool("perm_reset_password").notNull().default(true),
  permChangePassword: bool("perm_change_password").notNull().default(true),
  permWriteLockoutTime: bool("perm_write_lockout_time").notNull().default(true),
  permWritePwdLastSet: bool("perm_write_pwd_last_set").notNull().default(true),
  onPremMinLength: integer("onprem_min_length").notNull().default(7),
  onPremComplexity: bool("onprem_complexity").notNull().default(true),
  onPremHistoryCount: integer("onprem_history_count").notNull().default(24),
  onPremMinAgeHours: integer("onprem_min_age_hours").notNull().default(0),
  /** Simulation only: how late the simulated connector's heartbeats run (demo tenants with a late connector). */
  heartbeatLagSeconds: integer("heartbeat_lag_seconds").notNull().default(0),
  // ---- Version 2: what the domain controllers let the connector do (events 33004/6329).
  capRemoteSam: bool("cap_remote_sam").notNull().default(true),
  capPolicyHints: bool("cap_policy_hints").notNull().default(true),
});

/** Append-only: triggers in a migration refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    tenantId: text("tenant_id"),
    actorType: text("actor_type", { enum: ["user", "staff", "system", "anonymous"] }).notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetUserId: text("target_user_id"),
    outcome: text("outcome", { enum: ["success", "failure"] }).notNull(),
    code: text("code"),
    ip: text("ip"),
    detail: json<Record<string, unknown>>("detail"),
  },
  (t) => [index("audit_log_target_at").on(t.targetUserId, t.at), index("audit_log_at").on(t.at)],
);

/**
 * Reset and registration audit rows counted per tenant, UTC day, action, outcome and code,
 * kept by a trigger on audit_log (migration 0012) as rows arrive. Insights read these
 * few hundred rows per year instead of grouping millions of audit rows (a year of a
 * 100k-user tenant took 4.6 s that way; bench/insights.ts). `code` is '' for none, since
 * a key column cannot usefully be null.
 */
export const auditDaily = sqliteTable(
  "audit_daily",
  {
    tenantId: text("tenant_id").notNull(),
    day: text("day").notNull(),
    action: text("action").notNull(),
    outcome: text("outcome", { enum: ["success", "failure"] }).notNull(),
    code: text("code").notNull().default(""),
    rows: integer("rows").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.action, t.outcome, t.code] })],
);

/**
 * Changes of a writeback connector's status as the heartbeats saw them (simulated or
 * directory): one row when the status differs from the last one recorded, not one per
 * beat, so the connector page shows when a connector went down and came back.
 */
export const connectorStatusHistory = sqliteTable(
  "connector_status_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    at: text("at").notNull(),
    status: text("status", { enum: ["healthy", "unreachable", "degraded"] }).notNull(),
    source: text("source", { enum: ["simulated", "directory"] }).notNull(),
  },
  (t) => [index("connector_status_history_tenant").on(t.tenantId, t.id)],
);

/** Staff bearer tokens, stored as SHA-256 of the token (the token itself is 256 random bits). */
export const staffTokens = sqliteTable("staff_tokens", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  role: text("role", { enum: ["support", "helpdesk", "admin"] }).notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
  revokedAt: text("revoked_at"),
});

/**
 * Console sessions of the /admin pages. The cookie holds a random session token, this
 * table its SHA-256 (never the staff token itself), with the SHA-256 of the staff token
 * it was opened with: revoking that token (or changing SSPR_ADMIN_TOKEN) ends it too.
 */
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    credentialHash: text("credential_hash").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("staff_sessions_credential").on(t.credentialHash)],
);

/** Wrong staff tokens presented, by client address, for the per-address throttle (domain/staff.ts). */
export const staffTokenFailures = sqliteTable(
  "staff_token_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ip: text("ip").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("staff_token_failures_ip_at").on(t.ip, t.at)],
);

/** Every diagnosis handed out, by its reference id, so support can open it later. */
export const diagnoses = sqliteTable(
  "diagnoses",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id"),
    userId: text("user_id"),
    createdAt: text("created_at").notNull(),
    verdict: text("verdict").notNull(),
    primaryCode: text("primary_code"),
    body: json<unknown>("body").notNull(),
  },
  (t) => [index("diagnoses_user").on(t.userId)],
);

/** Signed-in user sessions (registration pages); the cookie holds a token, the table its SHA-256. */
/**
 * Temporary access passes issued by the helpdesk (issue 16): one sign-in to register
 * security info, stored only as the SHA-256 of the pass, expiring, used once.
 */
export const registrationPasses = sqliteTable(
  "registration_passes",
  {
    id: text("id").primaryKey(),
    passHash: text("pass_hash").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("registration_passes_user").on(t.userId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    /** Until when the session proved an existing method again (step-up): changes to security info need it. */
    elevatedUntil: text("elevated_until"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Per-installation values generated at first start, e.g. the key for decoy derivations. */
export const instanceSettings = sqliteTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * A tenant's real directory (OpenLDAP or Active Directory): where it is, how we bind,
 * where people are. The bind secret is stored only encrypted (AES-256-GCM, key from the
 * environment: src/directory/secret-box.ts) and no API ever returns it.
 */
export const directoryConfigs = sqliteTable("directory_configs", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  kind: text("kind", { enum: ["openldap", "ad"] }).notNull(),
  /** Tried in this order; the next one only when a server does not answer (failover). */
  urls: json<string[]>("urls").notNull(),
  startTls: bool("start_tls").notNull().default(false),
  bindDn: text("bind_dn").notNull(),
  /** "v1:" + base64(iv | tag | ciphertext). */
  bindSecretEnc: text("bind_secret_enc").notNull(),
  baseDn: text("base_dn").notNull(),
  groupBaseDn: text("group_base_dn"),
  userFilter: text("user_filter").notNull(),
  loginAttribute: text("login_attribute").notNull(),
  /** PEM of the CA that signs the directory's certificate (null: the system's CAs). */
  tlsCa: text("tls_ca"),
  /** The name the certificate is issued to, when the URL uses an address. */
  tlsServername: text("tls_servername"),
  /** OpenLDAP: the ppolicy_default entry (slapd.conf is not readable over LDAP). */
  defaultPolicyDn: text("default_policy_dn"),
  /**
   * OpenLDAP: a documented canary entry the service account may reset like any person
   * (same ACLs, a permissive policy). OpenLDAP has no "effective rights" read, so the
   * permission check exercises the rights on the canary instead of on a real person.
   */
  canaryDn: text("canary_dn"),
  timeoutMs: integer("timeout_ms").notNull().default(3000),
  updatedAt: text("updated_at").notNull(),
});

/** Each self-watch sweep of a tenant, summarised: the baseline the next sweep is compared with. */
export const tenantSweeps = sqliteTable(
  "tenant_sweeps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    at: text("at").notNull(),
    users: integer("users").notNull(),
    blocked: integer("blocked").notNull(),
    atRisk: integer("at_risk").notNull(),
    counts: json<Record<string, number>>("counts").notNull(),
  },
  (t) => [index("tenant_sweeps_tenant_at").on(t.tenantId, t.at)],
);

/** Tenant incidents raised by the self-watch: open until resolved, alerted once each way. */
export const incidents = sqliteTable(
  "incidents",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    openedAt: text("opened_at").notNull(),
    resolvedAt: text("resolved_at"),
    detail: json<Record<string, unknown>>("detail").notNull(),
  },
  (t) => [index("incidents_tenant_open").on(t.tenantId, t.resolvedAt), index("incidents_opened").on(t.openedAt)],
);

// ---- Imports of real tenants (Microsoft Graph exports or live reads; docs/decisions/010).

/** One row per import run: when, from what, what it counted, what it could not tell, what changed. */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** "graph-export" (a folder) or "graph-live" (read from Graph now). */
    source: text("source").notNull(),
    /** The folder read, or the Graph base URL. */
    origin: text("origin").notNull(),
    /** When the data was captured (the export's time), which is what the snapshot's `now` defaults to. */
    capturedAt: text("captured_at").notNull(),
    importedAt: text("imported_at").notNull(),
    counts: json<Record<string, number>>("counts").notNull(),
    /** Tenant-wide unknown paths, and how many users have each user-level unknown path. */
    unknown: json<{ tenant: string[]; users: Record<string, number> }>("unknown").notNull(),
    /** What the import changed against the previous state of the tenant. */
    changes: json<Record<string, unknown>>("changes").notNull(),
  },
  (t) => [index("imports_tenant").on(t.tenantId, t.id)],
);

/**
 * The newest failed SSPR step per imported user, estimated from the Graph audit: kept apart
 * from the service's own reset-flow records because it is an estimate from another system.
 */
export const importedAttempts = sqliteTable("imported_attempts", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  at: text("at").notNull(),
  stage: text("stage", { enum: ["identify", "verify", "set_password", "writeback", "unlock", "register"] }).notNull(),
  method: text("method"),
  /** A finding code, only when the audit reason maps to exactly one. */
  error: text("error"),
  activity: text("activity").notNull(),
  reason: text("reason"),
});

/** Throttle-relevant events counted from the Graph audit (estimates; windows applied at load time). */
export const importedThrottleEvents = sqliteTable(
  "imported_throttle_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["code_sent", "verification_failed", "reset_completed"] }).notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("imported_throttle_events_user").on(t.userId, t.kind, t.at)],
);

/** "Blocked from self-service password reset" in the Graph audit: blocked for 24 h from then. */
export const importedBlocks = sqliteTable("imported_blocks", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  blockedUntil: text("blocked_until").notNull(),
  reason: text("reason").notNull(),
});

/**
 * Every applied policy, numbered per tenant (1, 2, …): the whole policy as JSON, who
 * applied it, when and why. Reverting writes a new version (`revertOf` says which), so
 * the history only grows and any row can be gone back to.
 */
export const policyVersions = sqliteTable(
  "policy_versions",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    policy: json<Record<string, unknown>>("policy").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    at: text("at").notNull(),
    reason: text("reason").notNull(),
    revertOf: integer("revert_of"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.version] })],
);

// ---- Bulk fixes from the user list (docs/decisions/017): a run outlives the process that started it.

/**
 * One row per bulk run: who started it, what and for whom, its counts, and a heartbeat the
 * loop bumps after every user — a 'running' row whose heartbeat has gone quiet was left by
 * a process that stopped, and reads as 'interrupted'.
 */
export const bulkJobs = sqliteTable(
  "bulk_jobs",
  {
    id: text("id").primaryKey(),
    /** The staff token the run was started with; only its holder reads the job. */
    operatorId: text("operator_id").notNull(),
    operatorName: text("operator_name").notNull(),
    fix: text("fix").notNull(),
    /** The user-list filter the run selected its users with, so a re-run can pick the same ones. */
    filter: json<Record<string, unknown>>("filter").notNull(),
    reason: text("reason").notNull(),
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    applied: integer("applied").notNull().default(0),
    notApplicable: integer("not_applicable").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** running | finished | interrupted */
    status: text("status").notNull(),
    startedAt: text("started_at").notNull(),
    heartbeatAt: text("heartbeat_at").notNull(),
    finishedAt: text("finished_at"),
  },
  (t) => [index("bulk_jobs_operator").on(t.operatorId, t.startedAt), index("bulk_jobs_status").on(t.status)],
);

/** Each user a bulk run reached, in order, with what happened to them. */
export const bulkJobUsers = sqliteTable(
  "bulk_job_users",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => bulkJobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    userId: text("user_id").notNull(),
    upn: text("upn").notNull(),
    /** applied | skipped | failed */
    outcome: text("outcome").notNull(),
    code: text("code"),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);

/**
 * A counter per tenant that triggers (migration 0019) bump on every change to what a
 * user's standing verdict is computed from: users, groups and nesting, memberships,
 * methods, answers, policy and scope, write-back and directory settings, throttles,
 * reset flows and imported attempts. The user list keeps a tenant's verdicts until it
 * moves (docs/decisions/017), so a change made by anyone — this process, another one, a
 * CLI — shows on the next page view.
 */
export const tenantStateVersions = sqliteTable("tenant_state_versions", {
  tenantId: text("tenant_id").primaryKey(),
  version: integer("version").notNull().default(0),
});
