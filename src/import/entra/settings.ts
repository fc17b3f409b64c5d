/**
 * The settings file (`sspr-settings.json`, ENTRA-GRAPH.md §3): what Microsoft Graph cannot
 * tell — the SSPR blade (enablement, the selected group, methods required, the legacy method
 * checkboxes, questions, registration, notifications, helpdesk, writeback switches), the
 * on-premises side (connector, AD password policy, per-user AD flags) and a few overrides.
 * Every part is optional; a part left out becomes an `unknown` fact, not a default.
 */
import { z } from "zod";
import type { Method } from "../../domain/catalogue";
import { LICENSES } from "../../domain/licenses";
import { PolicyOverrideSchema } from "../../domain/snapshot";

const Instant = z.iso.datetime({ offset: true, message: "expected an ISO 8601 timestamp" });
const Licence = z.enum(LICENSES);

/** The legacy SSPR policy's checkbox names (§2.3). */
export const LEGACY_METHOD_NAMES = [
  "mobile_app_notification",
  "mobile_app_code",
  "email",
  "mobile_phone",
  "office_phone",
  "security_questions",
] as const;
type LegacyMethod = (typeof LEGACY_METHOD_NAMES)[number];

/** Legacy checkbox → our methods (§2.3: "Mobile phone" is both SMS and voice). */
export const LEGACY_METHODS: Readonly<Record<LegacyMethod, readonly Method[]>> = {
  mobile_app_notification: ["authenticator_notification"],
  mobile_app_code: ["authenticator_code"],
  email: ["email"],
  mobile_phone: ["mobile_sms", "mobile_voice"],
  office_phone: ["office_phone"],
  security_questions: ["security_questions"],
};

const OnPremisesUser = z.strictObject({
  lockedOut: z.boolean().optional(),
  cannotChangePassword: z.boolean().optional(),
  protectedAccount: z.boolean().optional(),
  mustChangePasswordAtNextLogon: z.boolean().optional(),
  disabled: z.boolean().optional(),
  /** false: the directory has no object for this synced user. */
  found: z.boolean().optional(),
  pwdLastSet: Instant.optional(),
});
export type OnPremisesUserSettings = z.output<typeof OnPremisesUser>;

export const SettingsSchema = z.strictObject({
  $schema: z.string().optional(),
  capturedAt: Instant.optional(),
  sspr: z
    .strictObject({
      enablement: z.enum(["none", "selected", "all"]).optional(),
      selectedGroupId: z.string().min(1).nullable().optional(),
      methodsRequired: z.literal([1, 2], { error: "expected 1 or 2" }).optional(),
      legacyMethods: z.array(z.enum(LEGACY_METHOD_NAMES)).optional(),
      securityQuestions: z
        .strictObject({ toRegister: z.number().int().min(3).max(5), toReset: z.number().int().min(3).max(5) })
        .optional(),
      // The blade's switches are the policy's own parts: checked exactly as a what-if override checks them.
      registration: PolicyOverrideSchema.shape.registration,
      notifications: PolicyOverrideSchema.shape.notifications,
      helpdesk: PolicyOverrideSchema.shape.helpdesk,
      onPremises: PolicyOverrideSchema.shape.onPremises,
    })
    .optional(),
  migrationStateOverride: z.enum(["preMigration", "migrationInProgress", "migrationComplete"]).nullable().optional(),
  /** skuId (GUID) → licence level, for SKUs without a known Entra service plan. */
  licenseSkuMap: z.record(z.string(), Licence).optional(),
  /** Role template or definition id → slug, for custom roles that should get the admin policy. */
  adminRoleSlugs: z.record(z.string(), z.string().regex(/^[a-z0-9_]+$/, "expected a snake_case slug")).optional(),
  /** Entra's "alternate mobile" is MFA-only per the Entra docs; a tenant may say otherwise. */
  alternateMobileForSspr: z.boolean().optional(),
  writeback: z
    .strictObject({
      configured: z.boolean().optional(),
      status: z.enum(["healthy", "unreachable", "degraded"]).optional(),
      lastHeartbeatAt: Instant.optional(),
      permissions: z
        .strictObject({
          resetPassword: z.boolean(),
          changePassword: z.boolean(),
          writeLockoutTime: z.boolean(),
          writePwdLastSet: z.boolean(),
        })
        .optional(),
      onPremPolicy: z
        .strictObject({
          minLength: z.number().int().min(0),
          complexity: z.boolean(),
          historyCount: z.number().int().min(0),
          minAgeHours: z.number().int().min(0),
        })
        .optional(),
      capabilities: z.strictObject({ remoteSam: z.boolean(), policyHints: z.boolean() }).optional(),
    })
    .optional(),
  /** Per-user AD facts by UPN (case-insensitive), e.g. from an AD export. */
  onPremisesUsers: z.record(z.string(), OnPremisesUser).optional(),
});
export type Settings = z.output<typeof SettingsSchema>;
