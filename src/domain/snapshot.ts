/**
 * The snapshot: everything the diagnosis engine may know about one user at one instant
 * (CONTRACT.md §1), as a strict zod schema with the contract's defaults. It is the only
 * place a snapshot is validated; past `parseSnapshot` the types are true. Defaults the
 * contract leaves open are chosen here and explained in docs/decisions/001.
 */
import { z } from "zod";
import { METHODS, isFindingCode } from "./catalogue";
import { isUnknownPath } from "./unknown-facts";
import { LICENSES } from "./licenses";

/** ISO 8601 UTC timestamp (`Z` only: the engine compares instants and reads no clock). */
const Instant = z.iso.datetime({ message: "expected an ISO 8601 UTC timestamp" });

export const MethodTypeSchema = z.enum(METHODS);
/**
 * v2: a registered method may also be a hardware OATH token (its own device; counts like
 * authenticator_code). It is not a policy method: tenants allow "authenticator_code".
 */
export const RegisteredMethodTypeSchema = z.enum([...METHODS, "hardware_oath"]);
/** The Entra authentication methods policy migration, earliest first. */
export const MIGRATION_STATES = ["preMigration", "migrationInProgress", "migrationComplete"] as const;
const MigrationState = z.enum(MIGRATION_STATES);
const Stage = z.enum(["identify", "verify", "set_password", "writeback", "unlock", "register"]);

// ---- Policy fields, shared by the full policy (with defaults) and the what-if override
// (deep-partial, no defaults) so the two can never disagree on ranges.
/** Who may reset: nobody, the selected groups' members, everyone. */
export const ENABLEMENTS = ["none", "selected", "all"] as const;
const enablement = z.enum(ENABLEMENTS);
const groupIds = z.array(z.string().min(1));
const methodsAllowed = z.array(MethodTypeSchema);
const methodsRequired = z.literal([1, 2], { error: "expected 1 or 2" });
const questionCount = z.number().int().min(3).max(5);
const reconfirmDays = z.number().int().min(0).max(730);

export const PolicySchema = z.strictObject({
  enablement: enablement.default("none"),
  selectedGroups: groupIds.default([]),
  methodsAllowed: methodsAllowed.default(["email", "mobile_sms"]),
  methodsRequired: methodsRequired.default(1),
  securityQuestions: z
    .strictObject({ toRegister: questionCount.default(3), toReset: questionCount.default(3) })
    .prefault({}),
  registration: z
    .strictObject({ requireAtSignIn: z.boolean().default(true), reconfirmDays: reconfirmDays.default(180) })
    .prefault({}),
  // Not given by the contract: on, as a new tenant ships (a reset nobody hears of is how
  // an account takeover goes unnoticed).
  notifications: z
    .strictObject({
      notifyUserOnReset: z.boolean().default(true),
      notifyAdminsOnAdminReset: z.boolean().default(true),
    })
    .prefault({}),
  helpdesk: z.strictObject({ url: z.string().optional(), email: z.string().optional() }).prefault({}),
  onPremises: z
    .strictObject({
      writebackEnabled: z.boolean().default(false),
      allowUnlockWithoutReset: z.boolean().default(false),
    })
    .prefault({}),
  // ---- Version 2 (CONTRACT §1). Optional and WITHOUT zod defaults, so a v1 snapshot parses
  // to exactly what it did before; the facts read the contract's defaults (V2_DEFAULTS).
  admins: z.strictObject({ ssprEnabled: z.boolean() }).optional(),
  methodsPolicy: z.strictObject({ migrationState: MigrationState }).optional(),
});

export const MethodSchema = z.strictObject({
  // v2: a hardware OATH token too; methods.ts allows it under authenticator_code and
  // counts it as its own device.
  type: RegisteredMethodTypeSchema,
  value: z.string().optional(),
  verified: z.boolean().default(true),
  registeredAt: Instant.optional(),
  questionsAnswered: z.number().int().min(0).optional(),
});

export const UserSchema = z.strictObject({
  id: z.string().min(1),
  upn: z.string().min(1),
  type: z.enum(["member", "guest"]).default("member"),
  source: z.enum(["cloud", "synced"]).default("cloud"),
  enabled: z.boolean().default(true),
  roles: z.array(z.string()).default([]),
  license: z.enum(LICENSES).default("p1"),
  groups: z.array(z.strictObject({ id: z.string().min(1), direct: z.boolean().default(true) })).default([]),
  passwordLastSetAt: Instant.optional(),
  // When present, each flag defaults to false: "not locked" is the absence of a lock.
  onPremises: z
    .strictObject({
      lockedOut: z.boolean().default(false),
      cannotChangePassword: z.boolean().default(false),
      protectedAccount: z.boolean().default(false),
      mustChangePasswordAtNextLogon: z.boolean().default(false),
      // v2, no zod default (see PolicySchema): absent reads as disabled=false, found=true.
      disabled: z.boolean().optional(),
      found: z.boolean().optional(),
    })
    .optional(),
  // v2: absent reads as false / no lockout.
  federated: z.boolean().optional(),
  cloudLockout: z.strictObject({ lockedUntil: Instant }).optional(),
});

const Count = z.number().int().min(0);

export const WritebackSchema = z.strictObject({
  configured: z.boolean().default(false),
  status: z.enum(["healthy", "unreachable", "degraded"]).default("healthy"),
  lastHeartbeatAt: Instant.optional(),
  // A connector is assumed provisioned as documented unless the loader says otherwise:
  // defaults that invent a missing permission would invent blockers.
  permissions: z
    .strictObject({
      resetPassword: z.boolean().default(true),
      changePassword: z.boolean().default(true),
      writeLockoutTime: z.boolean().default(true),
      writePwdLastSet: z.boolean().default(true),
    })
    .prefault({}),
  // Unknown on-premises policy: Windows defaults for length/complexity/history, but a
  // minimum age of 0 so a missing value never raises onprem_min_password_age.
  onPremPolicy: z
    .strictObject({
      minLength: Count.default(7),
      complexity: z.boolean().default(true),
      historyCount: Count.default(24),
      minAgeHours: Count.default(0),
    })
    .prefault({}),
  // v2: absent reads as both capabilities present.
  capabilities: z.strictObject({ remoteSam: z.boolean(), policyHints: z.boolean() }).optional(),
});

/** Where a fact came from and when it was read (an import, a directory, the database). */
const FactSource = z.strictObject({ source: z.string().min(1), readAt: Instant });

export const SnapshotSchema = z.strictObject({
  now: Instant,
  policy: PolicySchema.prefault({}),
  user: UserSchema.nullable(),
  methods: z.array(MethodSchema).default([]),
  registration: z.strictObject({ lastConfirmedAt: Instant.optional() }).prefault({}),
  throttle: z
    .strictObject({
      failedVerificationsLast24h: Count.default(0),
      codesSentLastHour: Count.default(0),
      resetsLast24h: Count.default(0),
      blockedUntil: Instant.optional(),
    })
    .prefault({}),
  writeback: WritebackSchema.prefault({}),
  attempt: z
    .strictObject({
      stage: Stage,
      method: MethodTypeSchema.optional(),
      error: z.string().refine(isFindingCode, { message: "expected a finding code" }).optional(),
    })
    .optional(),
  // ---- Version 2 top-level fields (optional, no zod defaults; see PolicySchema).
  delivery: z
    .strictObject({
      lastFailure: z.strictObject({ method: MethodTypeSchema, at: Instant, reason: z.string() }).optional(),
    })
    .optional(),
  /**
   * Paths the source could not read, e.g. "methods[].verified", "user.onPremises.lockedOut";
   * only paths the diagnosis can vary (unknown-facts.ts), so none is silently guessed.
   */
  unknown: z
    .array(
      z
        .string()
        .refine(isUnknownPath, { message: "not a path the diagnosis can treat as unknown (see UNKNOWN_PATHS)" }),
    )
    .optional(),
  /**
   * Our addition (CONTRACT allows optional fields): where the facts came from. `source` and
   * `readAt` describe the snapshot as a whole ("graph-export", "ldap", "database"); `facts`
   * names a source per path prefix ("user.onPremises" → "ldap, 09:00"). The diagnosis
   * carries it so staff see how fresh the evidence is.
   */
  provenance: z
    .strictObject({
      source: z.string().min(1).optional(),
      readAt: Instant.optional(),
      facts: z.record(z.string(), FactSource).optional(),
    })
    .optional(),
});

/**
 * The contract's defaults for the v2 fields, read by the facts rather than filled in by the
 * schema, so a v1 snapshot keeps its exact parsed shape (and its diagnosis).
 */
export const V2_DEFAULTS = {
  adminsSsprEnabled: true,
  migrationState: "migrationComplete",
  federated: false,
  onPremisesDisabled: false,
  onPremisesFound: true,
  capabilities: { remoteSam: true, policyHints: true },
} as const;

/** A validated snapshot, every default applied. */
export type Snapshot = z.output<typeof SnapshotSchema>;
/** What a caller may send: every optional field may be left out. */
export type SnapshotInput = z.input<typeof SnapshotSchema>;
export type Policy = Snapshot["policy"];
export type User = NonNullable<Snapshot["user"]>;
export type RegisteredMethod = Snapshot["methods"][number];
export type RegisteredMethodType = RegisteredMethod["type"];
export type MigrationState = z.output<typeof MigrationState>;

export type SnapshotIssue = { path: string; message: string };
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: SnapshotIssue[] };

/** `["methods", 0, "type"]` → `methods[0].type`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function issuesOf(error: z.ZodError): SnapshotIssue[] {
  return error.issues.flatMap((issue) =>
    // An unknown key is reported on its parent; name the key itself so the caller sees
    // `policy.colour`, not `policy`.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: "unknown key" }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
}

/**
 * Validates untrusted input against CONTRACT §1 and applies every default.
 *
 * @example
 * const r = parseSnapshot({ now: "2026-11-24T09:30:00Z", user: null });
 * if (r.ok) r.snapshot.policy.methodsRequired; // 1
 * else r.issues; // [{ path: "policy.methodsRequired", message: "…" }]
 */
export function parseSnapshot(
  input: unknown,
): { ok: true; snapshot: Snapshot } | { ok: false; issues: SnapshotIssue[] } {
  const result = SnapshotSchema.safeParse(input);
  return result.success ? { ok: true, snapshot: result.data } : { ok: false, issues: issuesOf(result.error) };
}

// ---- What-if: a deep-partial policy, strict, without defaults (absent = keep as is).

export const PolicyOverrideSchema = z.strictObject({
  enablement: enablement.optional(),
  selectedGroups: groupIds.optional(),
  methodsAllowed: methodsAllowed.optional(),
  methodsRequired: methodsRequired.optional(),
  securityQuestions: z
    .strictObject({ toRegister: questionCount.optional(), toReset: questionCount.optional() })
    .optional(),
  registration: z
    .strictObject({ requireAtSignIn: z.boolean().optional(), reconfirmDays: reconfirmDays.optional() })
    .optional(),
  notifications: z
    .strictObject({ notifyUserOnReset: z.boolean().optional(), notifyAdminsOnAdminReset: z.boolean().optional() })
    .optional(),
  helpdesk: z.strictObject({ url: z.string().optional(), email: z.string().optional() }).optional(),
  onPremises: z
    .strictObject({ writebackEnabled: z.boolean().optional(), allowUnlockWithoutReset: z.boolean().optional() })
    .optional(),
  admins: z.strictObject({ ssprEnabled: z.boolean() }).optional(),
  methodsPolicy: z.strictObject({ migrationState: MigrationState }).optional(),
});
export type PolicyOverride = z.output<typeof PolicyOverrideSchema>;

/**
 * Validates a what-if policy override (unknown keys rejected, paths named like `parseSnapshot`).
 *
 * @example
 * parsePolicyOverride({ methodsAllowed: ["email"] }); // { ok: true, value: { methodsAllowed: ["email"] } }
 */
export function parsePolicyOverride(input: unknown): ParseResult<PolicyOverride> {
  const result = PolicyOverrideSchema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: issuesOf(result.error) };
}

/**
 * The policy with an override laid over it: top-level fields replace, nested objects merge
 * field by field, arrays replace whole. Neither argument is changed.
 *
 * @example
 * applyPolicyOverride(policy, { securityQuestions: { toReset: 4 } }).securityQuestions;
 * // { toRegister: policy.securityQuestions.toRegister, toReset: 4 }
 */
export function applyPolicyOverride(policy: Policy, override: PolicyOverride): Policy {
  const pick = <T>(over: T | undefined, base: T): T => (over === undefined ? base : over);
  const merge = <T extends object>(base: T, over: Partial<T> | undefined): T => {
    if (over === undefined) return base;
    const out = { ...base };
    for (const [key, value] of Object.entries(over))
      if (value !== undefined) (out as Record<string, unknown>)[key] = value;
    return out;
  };
  return {
    enablement: pick(override.enablement, policy.enablement),
    selectedGroups: pick(override.selectedGroups, policy.selectedGroups),
    methodsAllowed: pick(override.methodsAllowed, policy.methodsAllowed),
    methodsRequired: pick(override.methodsRequired, policy.methodsRequired),
    securityQuestions: merge(policy.securityQuestions, override.securityQuestions),
    registration: merge(policy.registration, override.registration),
    notifications: merge(policy.notifications, override.notifications),
    helpdesk: merge(policy.helpdesk, override.helpdesk),
    onPremises: merge(policy.onPremises, override.onPremises),
    ...((override.admins ?? policy.admins) ? { admins: override.admins ?? policy.admins } : {}),
    ...((override.methodsPolicy ?? policy.methodsPolicy)
      ? { methodsPolicy: override.methodsPolicy ?? policy.methodsPolicy }
      : {}),
  };
}
