/**
 * The shapes of the Microsoft Graph v1.0 answers we import, as zod schemas: one per
 * resource, exactly as Graph returns it (ENTRA-GRAPH.md §10). Records are strict — a field we
 * do not know is refused by name, so a changed Graph shape or a hand-edited file cannot pass
 * silently — except OData annotations (`@odata.*`), which are dropped before the check, and
 * the method-configuration objects of the methods policy, whose many per-type settings we do
 * not read. Fields that Graph returns only on `$select` are optional: their absence becomes
 * an `unknown` fact, never a default.
 */
import { z } from "zod";

/**
 * A Graph record: the fields we know, checked by zod, and any other field refused by name —
 * except `@odata.*` annotations, which Graph adds as it likes. (A loose object plus one key
 * scan: zod's strict objects behind a preprocess were the import's slowest step.)
 */
function graphRecord<S extends z.ZodRawShape>(shape: S) {
  const known = new Set(Object.keys(shape));
  return z.looseObject(shape).check((ctx) => {
    const keys = Object.keys(ctx.value).filter((k) => !known.has(k) && !k.startsWith("@"));
    if (keys.length) ctx.issues.push({ code: "unrecognized_keys", keys, input: ctx.value });
  });
}

const Instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: "expected an ISO 8601 timestamp" });
const str = z.string();
const optStr = z.string().nullable().optional();

// ---- organization

export const OrganizationSchema = graphRecord({
  id: str,
  displayName: optStr,
  verifiedDomains: z
    .array(
      z.strictObject({
        name: str,
        isDefault: z.boolean().nullable().optional(),
        isInitial: z.boolean().nullable().optional(),
        /** "Managed" or "Federated": a federated domain signs in (and resets) elsewhere. */
        type: optStr,
        capabilities: optStr,
      }),
    )
    .optional(),
  onPremisesSyncEnabled: z.boolean().nullable().optional(),
  onPremisesLastSyncDateTime: Instant.nullable().optional(),
  tenantType: optStr,
  createdDateTime: Instant.nullable().optional(),
  countryLetterCode: optStr,
  city: optStr,
  country: optStr,
  street: optStr,
  postalCode: optStr,
  state: optStr,
  preferredLanguage: optStr,
  technicalNotificationMails: z.array(str).optional(),
  businessPhones: z.array(str).optional(),
  assignedPlans: z.array(z.looseObject({})).optional(),
  provisionedPlans: z.array(z.looseObject({})).optional(),
});
export type GraphOrganization = z.output<typeof OrganizationSchema>;

// ---- users

const AssignedPlan = z.strictObject({
  servicePlanId: str,
  capabilityStatus: str,
  service: optStr,
  assignedDateTime: Instant.nullable().optional(),
});

export const UserSchema = graphRecord({
  id: str.min(1),
  userPrincipalName: str.min(1),
  displayName: optStr,
  givenName: optStr,
  surname: optStr,
  jobTitle: optStr,
  mail: optStr,
  officeLocation: optStr,
  preferredLanguage: optStr,
  userType: z.enum(["Member", "Guest", "member", "guest"]).nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
  onPremisesSyncEnabled: z.boolean().nullable().optional(),
  onPremisesLastSyncDateTime: Instant.nullable().optional(),
  onPremisesSamAccountName: optStr,
  onPremisesDistinguishedName: optStr,
  onPremisesImmutableId: optStr,
  creationType: optStr,
  externalUserState: optStr,
  lastPasswordChangeDateTime: Instant.nullable().optional(),
  mobilePhone: optStr,
  businessPhones: z.array(str).optional(),
  otherMails: z.array(str).optional(),
  assignedLicenses: z.array(z.strictObject({ skuId: str, disabledPlans: z.array(str).optional() })).optional(),
  assignedPlans: z.array(AssignedPlan).optional(),
});
export type GraphUser = z.output<typeof UserSchema>;

// ---- groups and their transitive members

export const GroupSchema = graphRecord({
  id: str.min(1),
  displayName: optStr,
  description: optStr,
  mailEnabled: z.boolean().nullable().optional(),
  mailNickname: optStr,
  securityEnabled: z.boolean().nullable().optional(),
  groupTypes: z.array(str).optional(),
  isAssignableToRole: z.boolean().nullable().optional(),
  onPremisesSyncEnabled: z.boolean().nullable().optional(),
  membershipRule: optStr,
});
export type GraphGroup = z.output<typeof GroupSchema>;

/** A directory object in transitiveMembers: `@odata.type` says user, group, device or service principal. */
export const MemberSchema = graphRecord({
  "@odata.type": str,
  id: str.min(1),
  displayName: optStr,
  userPrincipalName: optStr,
});
export type GraphMember = z.output<typeof MemberSchema>;

// ---- roles

export const RoleAssignmentSchema = graphRecord({
  id: str,
  principalId: str,
  roleDefinitionId: str,
  directoryScopeId: optStr,
  resourceScope: optStr,
  appScopeId: optStr,
  condition: optStr,
});
export type GraphRoleAssignment = z.output<typeof RoleAssignmentSchema>;

export const RoleDefinitionSchema = graphRecord({
  id: str,
  displayName: optStr,
  description: optStr,
  templateId: optStr,
  isBuiltIn: z.boolean().nullable().optional(),
  isEnabled: z.boolean().nullable().optional(),
  version: optStr,
  resourceScopes: z.array(str).optional(),
  rolePermissions: z.array(z.looseObject({})).optional(),
  inheritsPermissionsFrom: z.array(z.looseObject({})).optional(),
});
export type GraphRoleDefinition = z.output<typeof RoleDefinitionSchema>;

// ---- registration report and per-user methods

export const RegistrationDetailsSchema = graphRecord({
  id: str.min(1),
  userPrincipalName: optStr,
  userDisplayName: optStr,
  userType: optStr,
  isAdmin: z.boolean().nullable().optional(),
  isSsprRegistered: z.boolean().nullable().optional(),
  isSsprEnabled: z.boolean().nullable().optional(),
  isSsprCapable: z.boolean().nullable().optional(),
  isMfaRegistered: z.boolean().nullable().optional(),
  isMfaCapable: z.boolean().nullable().optional(),
  isPasswordlessCapable: z.boolean().nullable().optional(),
  isSystemPreferredAuthenticationMethodEnabled: z.boolean().nullable().optional(),
  systemPreferredAuthenticationMethods: z.array(str).nullable().optional(),
  userPreferredMethodForSecondaryAuthentication: optStr,
  lastUpdatedDateTime: Instant.nullable().optional(),
  methodsRegistered: z.array(str),
});
export type GraphRegistrationDetails = z.output<typeof RegistrationDetailsSchema>;

export const AuthenticationMethodSchema = graphRecord({
  "@odata.type": str,
  id: str,
  emailAddress: optStr,
  phoneNumber: optStr,
  phoneType: optStr,
  smsSignInState: optStr,
  displayName: optStr,
  deviceTag: optStr,
  phoneAppVersion: optStr,
  model: optStr,
  aaGuid: optStr,
  attestationCertificates: z.array(str).optional(),
  attestationLevel: optStr,
  secretKey: optStr,
  password: optStr,
  keyStrength: optStr,
  createdDateTime: Instant.nullable().optional(),
  lastUsedDateTime: Instant.nullable().optional(),
});
export type GraphAuthenticationMethod = z.output<typeof AuthenticationMethodSchema>;

// ---- policies (single entities, not pages)

const Target = z.looseObject({ id: str, targetType: optStr });
/** Per-type settings vary a lot; we read only these and let the rest pass. */
const MethodConfiguration = z.looseObject({
  "@odata.type": optStr,
  id: str,
  state: z.enum(["enabled", "disabled"]),
  includeTargets: z.array(Target).optional(),
  excludeTargets: z.array(Target).optional(),
  isOfficePhoneAllowed: z.boolean().nullable().optional(),
  isSoftwareOathEnabled: z.boolean().nullable().optional(),
});

export const AuthenticationMethodsPolicySchema = graphRecord({
  "@odata.context": str,
  id: str,
  displayName: optStr,
  description: optStr,
  lastModifiedDateTime: Instant.nullable().optional(),
  policyVersion: optStr,
  reconfirmationInDays: z.number().int().nullable().optional(),
  policyMigrationState: z
    .enum(["preMigration", "migrationInProgress", "migrationComplete", "unknownFutureValue"])
    .nullable()
    .optional(),
  registrationEnforcement: z.looseObject({}).nullable().optional(),
  reportSuspiciousActivitySettings: z.looseObject({}).nullable().optional(),
  systemCredentialPreferences: z.looseObject({}).nullable().optional(),
  authenticationMethodConfigurations: z.array(MethodConfiguration),
});
export type GraphAuthenticationMethodsPolicy = z.output<typeof AuthenticationMethodsPolicySchema>;

export const AuthorizationPolicySchema = graphRecord({
  "@odata.context": str,
  id: str,
  displayName: optStr,
  description: optStr,
  allowedToUseSSPR: z.boolean(),
  allowedToSignUpEmailBasedSubscriptions: z.boolean().nullable().optional(),
  allowEmailVerifiedUsersToJoinOrganization: z.boolean().nullable().optional(),
  allowInvitesFrom: optStr,
  allowUserConsentForRiskyApps: z.boolean().nullable().optional(),
  blockMsolPowerShell: z.boolean().nullable().optional(),
  guestUserRoleId: optStr,
  defaultUserRolePermissions: z.looseObject({}).nullable().optional(),
});
export type GraphAuthorizationPolicy = z.output<typeof AuthorizationPolicySchema>;

// ---- audit

const AuditUser = z.looseObject({ id: optStr, userPrincipalName: optStr, displayName: optStr, ipAddress: optStr });
export const DirectoryAuditSchema = graphRecord({
  id: str,
  category: str,
  correlationId: optStr,
  result: z.enum(["success", "failure", "timeout", "unknownFutureValue"]),
  resultReason: optStr,
  activityDisplayName: str,
  activityDateTime: Instant,
  loggedByService: optStr,
  operationType: optStr,
  initiatedBy: z
    .looseObject({ user: AuditUser.nullable().optional(), app: z.looseObject({}).nullable().optional() })
    .nullable()
    .optional(),
  targetResources: z
    .array(z.looseObject({ id: optStr, type: optStr, userPrincipalName: optStr, displayName: optStr }))
    .optional(),
  additionalDetails: z.array(z.looseObject({ key: optStr, value: optStr })).optional(),
});
export type GraphDirectoryAudit = z.output<typeof DirectoryAuditSchema>;
