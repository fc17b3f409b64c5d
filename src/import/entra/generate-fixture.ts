/**
 * A synthetic, realistic Entra tenant export, generated deterministically from a seed (the
 * 2,000-user test fixture and the 100,000-user benchmark): divisions → departments nested
 * groups under the SSPR group, contractors outside it, admins in v1 roles and outside them
 * (License, Groups, Hybrid Identity administrators; a Global Reader who is none), synced and
 * cloud users, guests, leavers, unregistered users, malformed phone numbers, a federated
 * domain, a migration-in-progress methods policy, and SSPR audit events with blocks, banned
 * passwords and writeback failures. Files are written in the export layout, paged like Graph.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { EXPORT_PATHS } from "./graph-export";
import { USER_SELECT } from "./live/fetch-export";

const GRAPH = "https://graph.microsoft.com/v1.0";
const CONTEXT = `${GRAPH}/$metadata#`;
/** Graph's maximum page size for directory objects. */
const PAGE = 999;

export type GeneratedExport = {
  folder: string;
  users: number;
  groups: number;
  files: number;
  capturedAt: string;
  selectedGroupId: string;
};
export type GenerateOptions = { users: number; seed?: number; capturedAt?: string; domain?: string };

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0").slice(-width);
/** A GUID-shaped id, unique per (kind, n). */
const guid = (kind: number, n: number) => `${hex(n, 8)}-${hex(kind, 4)}-4000-8000-${hex(kind * 7919 + n, 12)}`;

const PLANS = {
  p2: "eec0eb4f-6444-4f95-aba0-50c24d67f998",
  p1: "41781fb2-bc02-4b7c-bd55-b576c07bb09d",
  basic: "c4da7f8a-5ee2-4c99-a7e1-87d2df57f6fe",
} as const;
const SKUS = {
  p2: "06ebc4ee-1bb5-47dd-8120-11324bc54e06",
  p1: "05e9a617-0261-4cee-bb44-138d3ef5d965",
  basic: "2b9c8e7c-319c-43a2-a2a0-48c5c6161de7",
  free: "4b9405b0-7788-4568-add1-99614e613b69",
} as const;
/** [template id, name, share of admins]; Global Reader is no admin role for SSPR. */
const ROLES: [string, string][] = [
  ["62e90394-69f5-4237-9190-012177145e10", "Global Administrator"],
  ["fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"],
  ["729827e3-9c14-49f7-bb1b-9608f156bbb8", "Helpdesk Administrator"],
  ["966707d0-3269-4727-9be2-8c3a10f19b9d", "Password Administrator"],
  ["4d6ac14f-3453-41d0-bef9-a3e0c569773a", "License Administrator"],
  ["fdd7a751-b60b-444a-984c-02652fe8fa1c", "Groups Administrator"],
  ["8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "Hybrid Identity Administrator"],
  ["f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader"],
];
const SSPR = "Self-service Password Management";
const PROGRESS = "Self-service password reset flow activity progress";

/**
 * @example generateExport("/tmp/export", { users: 2000, seed: 15 }).users // 2000
 */
export function generateExport(folder: string, opts: GenerateOptions): GeneratedExport {
  const rand = prng(opts.seed ?? 15);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const capturedAt = opts.capturedAt ?? "2026-11-24T09:00:00Z";
  const captured = Date.parse(capturedAt);
  const iso = (msBefore: number) => new Date(captured - msBefore).toISOString().replace(/\.\d{3}Z$/, "Z");
  const domain = opts.domain ?? "contoso-sim.example";
  const fedDomain = `partners.${domain}`;
  const initialDomain = `${domain.split(".")[0]}.onmicrosoft.com`;
  let files = 0;

  const write = (file: string, body: unknown) => {
    const path = join(folder, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(body));
    files++;
  };
  /** A collection in pages of PAGE, each with its context and the nextLink Graph would give. */
  const writePages = (path: string, context: string, items: unknown[], query = "") => {
    const pages = Math.max(1, Math.ceil(items.length / PAGE));
    for (let p = 0; p < pages; p++) {
      const body: Record<string, unknown> = {
        "@odata.context": `${CONTEXT}${context}`,
        value: items.slice(p * PAGE, (p + 1) * PAGE),
      };
      if (p + 1 < pages) body["@odata.nextLink"] = `${GRAPH}/${path}?${query}$skiptoken=${hex(p + 1, 8)}`;
      write(`${path}${p === 0 ? "" : `.${p + 1}`}.json`, body);
    }
  };

  // ---- Groups: SSPR Users ⊃ divisions ⊃ departments; contractors, all staff and a role group apart.
  type Group = { id: string; name: string; children: Group[]; users: string[] };
  let gn = 0;
  const group = (name: string): Group => ({ id: guid(2, ++gn), name, children: [], users: [] });
  const sspr = group("SSPR Users");
  const divisions = ["Sales", "Engineering", "Operations", "Finance", "People", "Support"].map((d) =>
    group(`Division ${d}`),
  );
  sspr.children.push(...divisions);
  const departments: Group[] = [];
  for (const d of divisions) {
    for (let k = 1; k <= 6; k++) {
      const dept = group(`${d.name.replace("Division ", "")} team ${k}`);
      d.children.push(dept);
      departments.push(dept);
    }
  }
  const contractors = group("Contractors");
  const allStaff = group("All Staff");
  const helpdeskTeam = group("Helpdesk Team (role-assignable)");
  const groups = [sspr, ...divisions, ...departments, contractors, allStaff, helpdeskTeam];

  // ---- Users.
  const users: Record<string, unknown>[] = [];
  const report: Record<string, unknown>[] = [];
  const assignments: Record<string, unknown>[] = [];
  const audits: Record<string, unknown>[] = [];
  const onPremisesUsers: Record<string, Record<string, boolean>> = {};
  let auditN = 0;
  const audit = (
    userId: string,
    upn: string,
    activity: string,
    result: "success" | "failure",
    reason: string,
    minutesBefore: number,
    service = SSPR,
  ) => {
    audits.push({
      id: `SSPR_${hex(++auditN, 10)}`,
      category: "UserManagement",
      correlationId: guid(9, auditN),
      result,
      resultReason: reason,
      activityDisplayName: activity,
      activityDateTime: iso(minutesBefore * 60_000),
      loggedByService: service,
      initiatedBy: { user: { id: userId, userPrincipalName: upn, ipAddress: "203.0.113.7" }, app: null },
      targetResources: [{ id: userId, type: "User", userPrincipalName: upn, modifiedProperties: [] }],
      additionalDetails: [],
    });
  };

  for (let i = 1; i <= opts.users; i++) {
    const id = guid(1, i);
    const guest = chance(0.03);
    const synced = !guest && chance(0.15);
    const federated = !guest && chance(0.02);
    const name = `user${String(i).padStart(6, "0")}`;
    const upn = guest ? `${name}_partner.example#EXT#@${initialDomain}` : `${name}@${federated ? fedDomain : domain}`;
    const licence = guest
      ? "none"
      : pick(["p1", "p1", "p1", "p1", "p1", "p1", "p2", "p2", "basic", "free", "none"] as const);
    const mobile = chance(0.7)
      ? chance(0.03)
        ? `555${String(i).padStart(7, "0")}`
        : `+1 425${String(i).padStart(7, "0")}`
      : null;
    const registered = chance(0.08)
      ? []
      : [
          ...(mobile ? ["mobilePhone"] : []),
          ...(chance(0.5) ? ["email"] : []),
          ...(chance(0.4) ? ["microsoftAuthenticatorPush", ...(chance(0.7) ? ["softwareOneTimePasscode"] : [])] : []),
          ...(chance(0.1) ? ["securityQuestion"] : []),
          ...(chance(0.05) ? ["officePhone"] : []),
          ...(chance(0.1) ? ["fido2SecurityKey"] : []),
        ];
    users.push({
      id,
      userPrincipalName: upn,
      displayName: `User ${i}`,
      userType: guest ? "Guest" : "Member",
      accountEnabled: !chance(0.02),
      onPremisesSyncEnabled: synced ? true : null,
      lastPasswordChangeDateTime: iso(Math.floor(rand() * 200) * 86_400_000),
      mobilePhone: mobile,
      businessPhones: chance(0.1) ? [`+1 206${String(i).padStart(7, "0")}`] : [],
      otherMails: chance(0.2) ? [`${name}@home.example`] : [],
      assignedLicenses: licence === "none" ? [] : [{ skuId: SKUS[licence], disabledPlans: [] }],
      assignedPlans:
        licence === "none" || licence === "free"
          ? []
          : [
              {
                assignedDateTime: "2026-01-10T00:00:00Z",
                capabilityStatus: chance(0.02) ? "Suspended" : "Enabled",
                service: "AADPremiumService",
                servicePlanId: PLANS[licence],
              },
            ],
    });
    report.push({
      id,
      userPrincipalName: upn,
      userDisplayName: `User ${i}`,
      isAdmin: false,
      isSsprRegistered: registered.length > 0,
      isSsprEnabled: true,
      isSsprCapable: registered.length > 0,
      isMfaRegistered: registered.length > 0,
      isMfaCapable: registered.length > 0,
      isPasswordlessCapable: false,
      lastUpdatedDateTime: iso(3 * 3_600_000),
      methodsRegistered: registered,
      userType: guest ? "guest" : "member",
    });
    // Memberships: most people in one department; some contractors; everyone in All Staff.
    if (!guest) allStaff.users.push(id);
    if (guest || chance(0.05)) contractors.users.push(id);
    else pick(departments).users.push(id);
    if (synced && chance(0.5))
      onPremisesUsers[upn.toLowerCase()] = {
        lockedOut: chance(0.03),
        cannotChangePassword: chance(0.01),
        protectedAccount: chance(0.01),
        mustChangePasswordAtNextLogon: chance(0.02),
        disabled: false,
        found: true,
      };
    // Admins: about one in two hundred, over v1 roles and roles outside the v1 list.
    if (!guest && chance(0.005))
      assignments.push({
        id: `ra-${i}`,
        principalId: id,
        roleDefinitionId: pick(ROLES)[0],
        directoryScopeId: "/",
        resourceScope: "/",
      });
    if (!guest && chance(0.002)) helpdeskTeam.users.push(id);
    // Audit: a few percent of users tried SSPR in the last day.
    if (chance(0.04)) {
      const at = 30 + Math.floor(rand() * 1300);
      const kind = rand();
      audit(id, upn, PROGRESS, "success", "User started the mobile SMS verification option", at + 5);
      if (kind < 0.2) {
        audit(
          id,
          upn,
          PROGRESS,
          "failure",
          "User entered too many invalid SMS verification codes and is blocked for 24 hours",
          at + 1,
        );
        audit(
          id,
          upn,
          "Blocked from self-service password reset",
          "success",
          "User entered too many invalid SMS verification codes and is blocked for 24 hours",
          at,
        );
      } else if (kind < 0.35)
        audit(id, upn, "Reset password (self-service)", "failure", "FuzzyPolicyViolationInvalidPassword", at);
      else if (kind < 0.5)
        audit(
          id,
          upn,
          PROGRESS,
          "failure",
          "We could not reach your on-premises password reset service. Check your sync machine's event log",
          at,
        );
      else if (kind < 0.6)
        audit(
          id,
          upn,
          PROGRESS,
          "failure",
          "We encountered a problem while resetting the user's on-premises password. Check your sync machine's event log",
          at,
        );
      else if (kind < 0.7)
        audit(
          id,
          upn,
          PROGRESS,
          "failure",
          "User's account has insufficient authentication methods defined. Add authentication info to resolve this",
          at,
        );
      else if (kind < 0.75)
        audit(id, upn, PROGRESS, "failure", "User abandoned after completing the mobile SMS verification option", at);
      else audit(id, upn, "Reset password (self-service)", "success", "User successfully reset password", at);
    }
    if (registered.length && chance(0.2))
      audit(
        id,
        upn,
        "User reviewed security info",
        "success",
        "User successfully reviewed security info.",
        60 * 24 * Math.floor(rand() * 25),
        "Authentication Methods",
      );
  }
  assignments.push({
    id: "ra-helpdesk-team",
    principalId: helpdeskTeam.id,
    roleDefinitionId: ROLES[2]![0],
    directoryScopeId: "/",
    resourceScope: "/",
  });

  // ---- Write the layout.
  write("organization.json", {
    "@odata.context": `${CONTEXT}organization(id,displayName,verifiedDomains,onPremisesSyncEnabled)`,
    value: [
      {
        id: guid(0, 1),
        displayName: "Contoso (synthetic)",
        onPremisesSyncEnabled: true,
        verifiedDomains: [
          { name: domain, isDefault: true, isInitial: false, type: "Managed", capabilities: "Email" },
          { name: initialDomain, isDefault: false, isInitial: true, type: "Managed", capabilities: "Email" },
          { name: fedDomain, isDefault: false, isInitial: false, type: "Federated", capabilities: "Email" },
        ],
      },
    ],
  });
  writePages(EXPORT_PATHS.users, `users(${USER_SELECT})`, users, `$select=${USER_SELECT}&$top=999&`);
  writePages(
    EXPORT_PATHS.groups,
    "groups(id,displayName)",
    groups.map((g) => ({ id: g.id, displayName: g.name })),
    "$top=999&",
  );
  const transitive = (g: Group): { groups: Group[]; users: string[] } => {
    const gs: Group[] = [];
    const us = new Set(g.users);
    for (const c of g.children) {
      const t = transitive(c);
      gs.push(c, ...t.groups);
      for (const u of t.users) us.add(u);
    }
    return { groups: gs, users: [...us] };
  };
  for (const g of groups) {
    const t = transitive(g);
    const members = [
      ...t.groups.map((c) => ({ "@odata.type": "#microsoft.graph.group", id: c.id, displayName: c.name })),
      ...t.users.map((u) => ({ "@odata.type": "#microsoft.graph.user", id: u })),
    ];
    writePages(EXPORT_PATHS.groupMembers(g.id), "directoryObjects", members, "$top=999&");
  }
  writePages(EXPORT_PATHS.roleAssignments, "roleManagement/directory/roleAssignments", assignments);
  writePages(
    EXPORT_PATHS.roleDefinitions,
    "roleManagement/directory/roleDefinitions",
    ROLES.map(([id, displayName]) => ({ id, displayName, templateId: id, isBuiltIn: true, isEnabled: true })),
  );
  writePages(EXPORT_PATHS.registrationDetails, "reports/authenticationMethods/userRegistrationDetails", report);
  write(`${EXPORT_PATHS.methodsPolicy}.json`, {
    "@odata.context": `${CONTEXT}authenticationMethodsPolicy`,
    id: "authenticationMethodsPolicy",
    displayName: "Authentication Methods Policy",
    policyVersion: "1.5",
    policyMigrationState: "migrationInProgress",
    authenticationMethodConfigurations: [
      {
        "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration",
        id: "MicrosoftAuthenticator",
        state: "enabled",
        isSoftwareOathEnabled: true,
        includeTargets: [{ targetType: "group", id: "all_users" }],
        excludeTargets: [],
      },
      {
        "@odata.type": "#microsoft.graph.smsAuthenticationMethodConfiguration",
        id: "Sms",
        state: "enabled",
        includeTargets: [{ targetType: "group", id: "all_users" }],
        excludeTargets: [{ targetType: "group", id: contractors.id }],
      },
      {
        "@odata.type": "#microsoft.graph.voiceAuthenticationMethodConfiguration",
        id: "Voice",
        state: "disabled",
        isOfficePhoneAllowed: false,
        includeTargets: [{ targetType: "group", id: "all_users" }],
      },
      {
        "@odata.type": "#microsoft.graph.emailAuthenticationMethodConfiguration",
        id: "Email",
        state: "enabled",
        includeTargets: [{ targetType: "group", id: "all_users" }],
        excludeTargets: [],
      },
    ],
  });
  write(`${EXPORT_PATHS.authorizationPolicy}.json`, {
    "@odata.context": `${CONTEXT}policies/authorizationPolicy/$entity`,
    id: "authorizationPolicy",
    allowedToUseSSPR: true,
  });
  // Newest first, as Graph lists the audit.
  audits.sort((a, b) => (a.activityDateTime! < b.activityDateTime! ? 1 : -1));
  writePages(EXPORT_PATHS.audits, "auditLogs/directoryAudits", audits);
  write(EXPORT_PATHS.settings, {
    capturedAt,
    sspr: {
      enablement: "selected",
      selectedGroupId: sspr.id,
      methodsRequired: 1,
      legacyMethods: ["mobile_phone", "email", "security_questions"],
      securityQuestions: { toRegister: 3, toReset: 3 },
      registration: { requireAtSignIn: true, reconfirmDays: 180 },
      notifications: { notifyUserOnReset: true, notifyAdminsOnAdminReset: true },
      helpdesk: { url: `https://help.${domain}` },
      onPremises: { writebackEnabled: true, allowUnlockWithoutReset: false },
    },
    writeback: {
      configured: true,
      status: "healthy",
      lastHeartbeatAt: iso(2 * 60_000),
      permissions: { resetPassword: true, changePassword: true, writeLockoutTime: true, writePwdLastSet: true },
      onPremPolicy: { minLength: 8, complexity: true, historyCount: 24, minAgeHours: 24 },
    },
    onPremisesUsers,
  });
  return {
    folder,
    users: opts.users,
    groups: groups.length,
    files,
    capturedAt: new Date(captured).toISOString(),
    selectedGroupId: sspr.id,
  };
}
