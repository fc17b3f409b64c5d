/**
 * A Graph export → the rows of one tenant (ENTRA-GRAPH.md §1–§2): tenant, policy, connector,
 * groups and their nesting, users with licence/roles/source, direct memberships, methods, and
 * the audit estimates; per fact its source and read time, and every fact no input gave listed
 * as `unknown` (tenant-wide on the policy row, per user on the user row). Pure: the store
 * writes the result in one transaction.
 */
import { METHODS, type Method } from "../../domain/catalogue";
import { auditEstimates, type AttemptEstimate, type BlockEstimate, type ThrottleEvent } from "./audit-estimates";
import type { GraphExport } from "./graph-export";
import { ImportError } from "./import-error";
import { licenceOf, type Licence } from "./licences";
import { methodsPolicyView, type MigrationState } from "./methods-policy";
import {
  mergeMethods,
  methodsFromMethodsApi,
  methodsFromProfile,
  methodsFromReport,
  type ImportedMethod,
} from "./registered-methods";
import { roleSlug } from "./roles";
import { LEGACY_METHODS } from "./settings";

export type FactSource = { source: string; readAt: string };
export type Provenance = Record<string, FactSource>;

export type ImportedUser = {
  id: string;
  upn: string;
  displayName: string;
  type: "member" | "guest";
  source: "cloud" | "synced";
  enabled: boolean;
  roles: string[];
  license: Licence;
  passwordLastSetAt: string | null;
  onPremLockedOut: boolean;
  onPremCannotChangePassword: boolean;
  onPremProtectedAccount: boolean;
  onPremMustChangePassword: boolean;
  onPremDisabled: boolean;
  onPremFound: boolean;
  federated: boolean;
  registrationConfirmedAt: string | null;
  unknown: string[];
  provenance: Provenance | null;
};

export type ImportedPolicy = {
  enablement: "none" | "selected" | "all";
  methodsAllowed: Method[];
  methodsRequired: 1 | 2;
  questionsToRegister: number;
  questionsToReset: number;
  requireRegistrationAtSignIn: boolean;
  reconfirmDays: number;
  notifyUserOnReset: boolean;
  notifyAdminsOnAdminReset: boolean;
  helpdeskUrl: string | null;
  helpdeskEmail: string | null;
  writebackEnabled: boolean;
  allowUnlockWithoutReset: boolean;
  adminsSsprEnabled: boolean;
  methodsMigrationState: MigrationState;
  unknown: string[];
  provenance: Provenance;
};

export type ImportedConnector = {
  configured: boolean;
  status: "healthy" | "unreachable" | "degraded";
  lastHeartbeatAt: string | null;
  permResetPassword: boolean;
  permChangePassword: boolean;
  permWriteLockoutTime: boolean;
  permWritePwdLastSet: boolean;
  onPremMinLength: number;
  onPremComplexity: boolean;
  onPremHistoryCount: number;
  onPremMinAgeHours: number;
  capRemoteSam: boolean;
  capPolicyHints: boolean;
};

export type TenantImport = {
  tenant: { id: string; name: string; domain: string; source: GraphExport["source"] };
  origin: string;
  capturedAt: string;
  policy: ImportedPolicy;
  scopeGroups: string[];
  connector: ImportedConnector;
  groups: { id: string; name: string }[];
  nesting: { parentId: string; childId: string }[];
  users: ImportedUser[];
  memberships: { groupId: string; userId: string }[];
  methods: {
    id: string;
    userId: string;
    type: Method;
    value: string | null;
    verified: boolean;
    registeredAt: string;
  }[];
  attempts: AttemptEstimate[];
  throttleEvents: ThrottleEvent[];
  blocks: BlockEstimate[];
  counts: Record<string, number>;
  /** How many users have each user-level unknown path (for the import record and /admin). */
  userUnknownCounts: Record<string, number>;
};

/**
 * State no Graph resource gives for any user. Not "methods[].verified": Graph has no such
 * flag, but it needs none — a method registered through Entra was verified when it was
 * registered, and SSPR accepts unverified profile numbers and addresses as they are
 * (ENTRA-GRAPH.md §1.3 [D REP]), so for a reset they are usable, which is what `verified`
 * means to the rules. Listing it would make every imported user at_risk for a question
 * Entra never asks. Event-shaped facts (cloud lockout, failed deliveries, throttles) are
 * not listed either: with the audit imported, no event in its window means none is known.
 */
const ALWAYS_UNKNOWN: string[] = [];
const ON_PREM_FLAGS = [
  "lockedOut",
  "cannotChangePassword",
  "protectedAccount",
  "mustChangePasswordAtNextLogon",
  "disabled",
  "found",
] as const;

const graph = (what: string, readAt: string): FactSource => ({ source: `Graph ${what}`, readAt });

export type TenantImportOptions = { tenantName?: string; importedAt: string };

/**
 * @example tenantImport(readExport("./export"), { importedAt: new Date().toISOString() }).users.length
 */
export function tenantImport(x: GraphExport, opts: TenantImportOptions): TenantImport {
  const settings = x.settings?.value ?? {};
  const settingsSource: FactSource | undefined = x.settings
    ? { source: `settings ${x.settings.file}`, readAt: x.settings.readAt }
    : undefined;
  const tenantUnknown = new Set<string>(ALWAYS_UNKNOWN);
  const provenance: Provenance = {};

  // ---- Organization → the tenant.
  const org = x.organization.items[0];
  if (!org)
    throw new ImportError(
      { file: x.organization.files[0] ?? "organization.json", field: "value" },
      "empty: the organization record is required",
    );
  const domains = org.verifiedDomains ?? [];
  const defaultDomain = (
    domains.find((d) => d.isDefault) ??
    domains.find((d) => d.isInitial) ??
    domains[0]
  )?.name?.toLowerCase();
  if (!defaultDomain) {
    const where = x.organization.locate(0);
    throw new ImportError(
      { ...where, field: "verifiedDomains" },
      "no verified domain: the tenant is named by its default domain (or pass --tenant)",
    );
  }
  const key = (opts.tenantName ?? defaultDomain).trim().toLowerCase();
  const tenant = {
    id: `tnt-${key}`,
    name: opts.tenantName ?? org.displayName ?? defaultDomain,
    domain: defaultDomain,
    source: x.source,
  };
  const domainType = new Map(domains.map((d) => [d.name.toLowerCase(), (d.type ?? "").toLowerCase()]));

  // ---- Groups, transitive members → direct memberships and nesting.
  const groupIds = new Set((x.groups?.items ?? []).map((g) => g.id));
  const userIds = new Set<string>();
  x.users.items.forEach((u, i) => {
    if (userIds.has(u.id)) throw new ImportError({ ...x.users.locate(i), field: "id" }, `duplicate user id ${u.id}`);
    userIds.add(u.id);
  });
  const memberUsers = new Map<string, Set<string>>();
  const memberGroups = new Map<string, Set<string>>();
  for (const [groupId, members] of x.groupMembers) {
    if (!groupIds.has(groupId)) {
      throw new ImportError(
        { file: members.files[0]! },
        `group ${groupId} is not in groups.json (a membership file for a group that does not exist)`,
      );
    }
    const us = new Set<string>();
    const gs = new Set<string>();
    members.items.forEach((m, i) => {
      const type = m["@odata.type"].replace(/^#?microsoft\.graph\./, "");
      if (type === "user") {
        if (!userIds.has(m.id))
          throw new ImportError({ ...members.locate(i), field: "id" }, `user ${m.id} is not in users.json`);
        us.add(m.id);
      } else if (type === "group") {
        if (!groupIds.has(m.id))
          throw new ImportError({ ...members.locate(i), field: "id" }, `group ${m.id} is not in groups.json`);
        if (m.id !== groupId) gs.add(m.id);
      }
      // Devices, service principals, contacts: not people who reset passwords.
    });
    memberUsers.set(groupId, us);
    memberGroups.set(groupId, gs);
  }
  // Direct children = transitive members not reached through another transitive member
  // (the transitive reduction); a group without its own members file counts as a leaf.
  const nesting: { parentId: string; childId: string }[] = [];
  const memberships: { groupId: string; userId: string }[] = [];
  const userGroups = new Map<string, Set<string>>();
  for (const [groupId, gs] of memberGroups) {
    const direct = [...gs].filter((h) => ![...gs].some((k) => k !== h && memberGroups.get(k)?.has(h)));
    for (const child of direct) nesting.push({ parentId: groupId, childId: child });
    const viaChildren = new Set<string>();
    for (const child of direct) for (const u of memberUsers.get(child) ?? []) viaChildren.add(u);
    for (const u of memberUsers.get(groupId)!) {
      if (!viaChildren.has(u)) memberships.push({ groupId, userId: u });
      let set = userGroups.get(u);
      if (!set) userGroups.set(u, (set = new Set()));
      set.add(groupId);
    }
  }
  if (x.groups)
    provenance["user.groups"] = graph(
      "groups/{id}/transitiveMembers",
      latest([x.groups.readAt, ...[...x.groupMembers.values()].map((c) => c.readAt)]),
    );
  else tenantUnknown.add("user.groups");

  // ---- Roles: direct assignments, group principals expanded to their members.
  const roles = new Map<string, Set<string>>();
  const rolesUnknown = new Set<string>();
  if (x.roleAssignments) {
    const templateOf = new Map((x.roleDefinitions?.items ?? []).map((d) => [d.id, d.templateId ?? d.id]));
    const extra = Object.fromEntries(
      Object.entries(settings.adminRoleSlugs ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    for (const a of x.roleAssignments.items) {
      const slug = roleSlug(templateOf.get(a.roleDefinitionId) ?? a.roleDefinitionId, extra);
      if (!slug) continue;
      // A role given to a group whose members the export lacks: its holders cannot be told.
      if (groupIds.has(a.principalId) && !memberUsers.has(a.principalId)) tenantUnknown.add("user.roles");
      const holders = userIds.has(a.principalId)
        ? [a.principalId]
        : groupIds.has(a.principalId)
          ? [...(memberUsers.get(a.principalId) ?? [])]
          : [];
      const tenantScoped = (a.directoryScopeId ?? "/") === "/";
      for (const u of holders) {
        // An administrative-unit-scoped role: whether the admin policy applies is undocumented.
        if (!tenantScoped) rolesUnknown.add(u);
        else {
          let set = roles.get(u);
          if (!set) roles.set(u, (set = new Set()));
          set.add(slug);
        }
      }
    }
    provenance["user.roles"] = graph("roleManagement/directory/roleAssignments", x.roleAssignments.readAt);
  } else tenantUnknown.add("user.roles");

  // ---- Policy: settings for what Graph cannot tell, Graph for the rest.
  const sspr = settings.sspr ?? {};
  const known = <T>(path: string, value: T | undefined, fallback: T): T => {
    if (value === undefined) tenantUnknown.add(path);
    else if (settingsSource) provenance[path] = settingsSource;
    return value ?? fallback;
  };
  let migrationState: MigrationState;
  const ampState = x.methodsPolicy?.value.policyMigrationState;
  if (settings.migrationStateOverride) {
    migrationState = settings.migrationStateOverride;
    if (settingsSource) provenance["policy.methodsPolicy"] = settingsSource;
  } else if (ampState && ampState !== "unknownFutureValue") {
    migrationState = ampState;
    provenance["policy.methodsPolicy"] = graph(
      "authenticationMethodsPolicy.policyMigrationState",
      x.methodsPolicy!.readAt,
    );
  } else {
    // null (seen live) or absent: treated as in progress, and said to be unknown.
    migrationState = "migrationInProgress";
    tenantUnknown.add("policy.methodsPolicy.migrationState");
  }
  const legacy = sspr.legacyMethods ? [...new Set(sspr.legacyMethods.flatMap((m) => LEGACY_METHODS[m]))] : undefined;
  if (!legacy) tenantUnknown.add("policy.methodsAllowed");
  if (!x.methodsPolicy && migrationState !== "preMigration") tenantUnknown.add("policy.methodsAllowed");
  const view = methodsPolicyView(x.methodsPolicy?.value, migrationState, METHODS);
  const tenantMethods = view.tenantWide(legacy ?? []);
  provenance["policy.methodsAllowed"] = x.methodsPolicy
    ? graph("authenticationMethodsPolicy" + (legacy ? " + settings legacyMethods" : ""), x.methodsPolicy.readAt)
    : (settingsSource ?? { source: "default", readAt: opts.importedAt });

  const enablement = known("policy.enablement", sspr.enablement, "none" as const);
  let scopeGroups: string[] = [];
  if (sspr.selectedGroupId) {
    if (!groupIds.has(sspr.selectedGroupId)) {
      throw new ImportError(
        { file: x.settings!.file, field: "sspr.selectedGroupId" },
        `group ${sspr.selectedGroupId} is not in groups.json`,
      );
    }
    scopeGroups = [sspr.selectedGroupId];
    if (settingsSource) provenance["policy.selectedGroups"] = settingsSource;
  } else if (enablement === "selected" || sspr.enablement === undefined) tenantUnknown.add("policy.selectedGroups");

  let reconfirmDays = sspr.registration?.reconfirmDays;
  if (reconfirmDays === undefined && typeof x.methodsPolicy?.value.reconfirmationInDays === "number") {
    // A beta-only, undescribed property: a hint, still listed as unknown (§1.1).
    reconfirmDays = Math.max(0, Math.min(730, x.methodsPolicy.value.reconfirmationInDays));
    tenantUnknown.add("policy.registration.reconfirmDays");
  }
  const authz = x.authorizationPolicy;
  if (authz) provenance["policy.admins"] = graph("authorizationPolicy.allowedToUseSSPR", authz.readAt);
  else tenantUnknown.add("policy.admins.ssprEnabled");

  const policy: ImportedPolicy = {
    enablement,
    methodsAllowed: tenantMethods,
    methodsRequired: known("policy.methodsRequired", sspr.methodsRequired, 1 as const),
    questionsToRegister: known("policy.securityQuestions", sspr.securityQuestions?.toRegister, 3),
    questionsToReset: sspr.securityQuestions?.toReset ?? 3,
    requireRegistrationAtSignIn: known("policy.registration.requireAtSignIn", sspr.registration?.requireAtSignIn, true),
    reconfirmDays: reconfirmDays ?? known("policy.registration.reconfirmDays", undefined, 180),
    notifyUserOnReset: known("policy.notifications.notifyUserOnReset", sspr.notifications?.notifyUserOnReset, true),
    notifyAdminsOnAdminReset: known(
      "policy.notifications.notifyAdminsOnAdminReset",
      sspr.notifications?.notifyAdminsOnAdminReset,
      true,
    ),
    helpdeskUrl: sspr.helpdesk?.url ?? null,
    helpdeskEmail: sspr.helpdesk?.email ?? null,
    writebackEnabled: known("policy.onPremises.writebackEnabled", sspr.onPremises?.writebackEnabled, false),
    allowUnlockWithoutReset: known(
      "policy.onPremises.allowUnlockWithoutReset",
      sspr.onPremises?.allowUnlockWithoutReset,
      false,
    ),
    adminsSsprEnabled: authz ? authz.value.allowedToUseSSPR : true,
    methodsMigrationState: migrationState,
    unknown: [],
    provenance,
  };
  if (!sspr.helpdesk) tenantUnknown.add("policy.helpdesk");
  else if (settingsSource) provenance["policy.helpdesk"] = settingsSource;
  if (policy.reconfirmDays !== 180 && sspr.registration?.reconfirmDays !== undefined && settingsSource)
    provenance["policy.registration.reconfirmDays"] = settingsSource;

  // ---- The on-premises connector (settings only: none of it is in Graph).
  const wb = settings.writeback ?? {};
  const wbKnown = <T>(path: string, value: T | undefined, fallback: T): T => {
    if (value === undefined) tenantUnknown.add(path);
    return value ?? fallback;
  };
  const perms = wbKnown("writeback.permissions", wb.permissions, {
    resetPassword: true,
    changePassword: true,
    writeLockoutTime: true,
    writePwdLastSet: true,
  });
  const onPremPolicy = wbKnown("writeback.onPremPolicy", wb.onPremPolicy, {
    minLength: 7,
    complexity: true,
    historyCount: 24,
    minAgeHours: 0,
  });
  const caps = wbKnown("writeback.capabilities", wb.capabilities, { remoteSam: true, policyHints: true });
  const connector: ImportedConnector = {
    configured: wbKnown("writeback.configured", wb.configured, false),
    status: wbKnown("writeback.status", wb.status, "healthy" as const),
    lastHeartbeatAt: wb.lastHeartbeatAt ? new Date(wb.lastHeartbeatAt).toISOString() : null,
    permResetPassword: perms.resetPassword,
    permChangePassword: perms.changePassword,
    permWriteLockoutTime: perms.writeLockoutTime,
    permWritePwdLastSet: perms.writePwdLastSet,
    onPremMinLength: onPremPolicy.minLength,
    onPremComplexity: onPremPolicy.complexity,
    onPremHistoryCount: onPremPolicy.historyCount,
    onPremMinAgeHours: onPremPolicy.minAgeHours,
    capRemoteSam: caps.remoteSam,
    capPolicyHints: caps.policyHints,
  };
  if (settings.writeback && settingsSource) provenance.writeback = settingsSource;

  // ---- Audit → attempts, throttle and confirmations (estimates).
  const audit = x.audits ? auditEstimates(x.audits.items, userIds) : undefined;
  if (x.audits) {
    const src = { source: "estimate from Graph auditLogs/directoryAudits", readAt: x.audits.readAt };
    provenance.throttle = src;
    provenance.attempt = src;
    provenance.registration = graph("auditLogs/directoryAudits (Authentication Methods)", x.audits.readAt);
  } else {
    tenantUnknown.add("throttle");
    tenantUnknown.add("attempt");
  }

  // ---- Users.
  const report = new Map((x.registrationDetails?.items ?? []).map((r) => [r.id, r]));
  if (x.registrationDetails)
    provenance.methods = graph("userRegistrationDetails + user profile", x.registrationDetails.readAt);
  provenance.user = graph("users", x.users.readAt);
  if (x.settings?.value.onPremisesUsers && settingsSource) provenance["user.onPremises"] = settingsSource;
  const onPremUsers = new Map(Object.entries(settings.onPremisesUsers ?? {}).map(([upn, v]) => [upn.toLowerCase(), v]));
  const alternateMobile = settings.alternateMobileForSspr ?? false;
  const skuMap = Object.fromEntries(Object.entries(settings.licenseSkuMap ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const fallbackRegisteredAt = x.registrationDetails?.readAt ?? x.users.readAt;
  const users: ImportedUser[] = [];
  const methods: TenantImport["methods"] = [];
  const userUnknownCounts: Record<string, number> = {};

  for (const u of x.users.items) {
    const unknown = new Set<string>();
    const userProvenance: Provenance = {};
    const type = u.userType ? (u.userType.toLowerCase() as "member" | "guest") : (unknown.add("user.type"), "member");
    if (u.accountEnabled === undefined) unknown.add("user.enabled");
    if (u.onPremisesSyncEnabled === undefined) unknown.add("user.source");
    const source: "cloud" | "synced" = u.onPremisesSyncEnabled === true ? "synced" : "cloud";
    let license: Licence = "p1";
    if (u.assignedPlans === undefined && u.assignedLicenses === undefined) unknown.add("user.license");
    else
      license = licenceOf(
        u.assignedPlans ?? [],
        (u.assignedLicenses ?? []).map((l) => l.skuId),
        skuMap,
      );
    const domain = u.userPrincipalName.split("@").pop()!.toLowerCase();
    const dType = domainType.get(domain);
    if (dType === undefined) unknown.add("user.federated");
    if (rolesUnknown.has(u.id)) unknown.add("user.roles");

    // Methods: the per-user list if exported, else the registration report; plus profile values.
    const profile = methodsFromProfile(u);
    const fromApi = x.userMethods.get(u.id);
    const row = report.get(u.id);
    let registered: ImportedMethod[] = [];
    if (fromApi) {
      registered = methodsFromMethodsApi(fromApi.items, alternateMobile);
      userProvenance.methods = graph(`users/${u.id}/authentication/methods`, fromApi.readAt);
    } else if (row) registered = methodsFromReport(row.methodsRegistered, alternateMobile);
    else unknown.add("methods");
    const merged = mergeMethods(registered, profile);
    if (merged.some((m) => m.type === "security_questions"))
      unknown.add("methods.security_questions.questionsAnswered");
    if (
      merged.some(
        (m) => m.value === undefined && m.type !== "security_questions" && !m.type.startsWith("authenticator"),
      )
    )
      unknown.add("methods[].value");
    if (merged.some((m) => m.registeredAt === undefined)) unknown.add("methods[].registeredAt");
    merged.forEach((m, i) => {
      methods.push({
        id: `ent-${u.id}-${i}`,
        userId: u.id,
        type: m.type,
        value: m.value ?? null,
        verified: true,
        registeredAt: m.registeredAt ?? fallbackRegisteredAt,
      });
    });

    // Methods allowed differ for this user when the AMP targets groups: the tenant-wide list cannot say.
    if (x.methodsPolicy && migrationState !== "preMigration") {
      const mine = view.forUser(legacy ?? [], u.id, userGroups.get(u.id) ?? new Set());
      if (mine.join() !== tenantMethods.join()) unknown.add("policy.methodsAllowed");
    }

    // On-premises facts for synced users: the settings' AD export, else unknown.
    const ad = source === "synced" ? onPremUsers.get(u.userPrincipalName.toLowerCase()) : undefined;
    if (source === "synced")
      for (const flag of ON_PREM_FLAGS) if (ad?.[flag] === undefined) unknown.add(`user.onPremises.${flag}`);
    let passwordLastSetAt = u.lastPasswordChangeDateTime ? new Date(u.lastPasswordChangeDateTime).toISOString() : null;
    if (ad?.pwdLastSet) {
      passwordLastSetAt = new Date(ad.pwdLastSet).toISOString();
      if (settingsSource) userProvenance["user.passwordLastSetAt"] = settingsSource;
    } else if (u.lastPasswordChangeDateTime === undefined) unknown.add("user.passwordLastSetAt");

    const confirmedAt = audit?.confirmations.get(u.id) ?? null;
    if (!confirmedAt && merged.length > 0) unknown.add("registration.lastConfirmedAt");

    const unknownList = [...unknown].sort();
    for (const p of unknownList) userUnknownCounts[p] = (userUnknownCounts[p] ?? 0) + 1;
    users.push({
      id: u.id,
      upn: u.userPrincipalName,
      displayName: u.displayName ?? u.userPrincipalName,
      type,
      source,
      enabled: u.accountEnabled ?? true,
      roles: [...(roles.get(u.id) ?? [])].sort(),
      license,
      passwordLastSetAt,
      onPremLockedOut: ad?.lockedOut ?? false,
      onPremCannotChangePassword: ad?.cannotChangePassword ?? false,
      onPremProtectedAccount: ad?.protectedAccount ?? false,
      onPremMustChangePassword: ad?.mustChangePasswordAtNextLogon ?? false,
      onPremDisabled: ad?.disabled ?? false,
      onPremFound: ad?.found ?? true,
      federated: dType === "federated",
      registrationConfirmedAt: confirmedAt,
      unknown: unknownList,
      provenance: Object.keys(userProvenance).length ? userProvenance : null,
    });
  }
  provenance["user.federated"] = graph("organization.verifiedDomains", x.organization.readAt);
  provenance["user.license"] = graph("users.assignedPlans", x.users.readAt);

  policy.unknown = [...tenantUnknown].sort();
  const capturedAt = settings.capturedAt
    ? new Date(settings.capturedAt).toISOString()
    : latest([x.users.readAt, x.organization.readAt, x.registrationDetails?.readAt ?? "", x.audits?.readAt ?? ""]);
  const groups = (x.groups?.items ?? []).map((g) => ({ id: g.id, name: g.displayName ?? g.id }));
  return {
    tenant,
    origin: x.origin,
    capturedAt,
    policy,
    scopeGroups,
    connector,
    groups,
    nesting,
    users,
    memberships,
    methods,
    attempts: [...(audit?.attempts.values() ?? [])],
    throttleEvents: audit?.events ?? [],
    blocks: [...(audit?.blocks.values() ?? [])],
    counts: {
      users: users.length,
      groups: groups.length,
      memberships: memberships.length,
      nesting: nesting.length,
      methods: methods.length,
      admins: users.filter((u) => u.roles.length > 0).length,
      synced: users.filter((u) => u.source === "synced").length,
      auditEvents: x.audits?.items.length ?? 0,
      attempts: audit?.attempts.size ?? 0,
      blocks: audit?.blocks.size ?? 0,
    },
    userUnknownCounts,
  };
}

function latest(times: readonly string[]): string {
  return times.reduce((a, b) => (b > a ? b : a), "");
}
