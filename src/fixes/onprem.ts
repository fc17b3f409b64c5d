/**
 * On-premises runbooks: fixes that need rights in the on-premises directory (the
 * connector's permissions, a user's flags, a protected account, the minimum password
 * age, the connector itself) and the manual review of shared methods. Each produces a
 * precise runbook — which permission or flag, on which object (a DN derived from the
 * UPN), and the command — runnable by a person today and by us once the LDAP connector
 * exists (`automatic: false` until then).
 */
import { MAX_USERS_PER_METHOD_VALUE } from "../domain/catalogue";
import { methodValueKey } from "../domain/methods";
import { sharedMethodValues } from "../diagnosis/sweep";
import { manualFix, type FixContext, type Runbook } from "./definition";
import { NO_PARAMS } from "./params";
import { connectorRow } from "./state";

const LATER = "once the LDAP connector exists; until then an on-premises administrator runs it";

/** RFC 4514: escape the characters that would end or change a DN attribute value. @example escapeDnValue("Smith, John"); // "Smith\\, John" */
export function escapeDnValue(value: string): string {
  return value
    .replace(/[,+"\\<>;=]/g, (c) => `\\${c}`)
    .replace(/^[\s#]/, (c) => `\\${c}`)
    .replace(/\s$/, (c) => `\\${c}`);
}

/**
 * Where a user plausibly lives in the on-premises directory, from their UPN: the
 * domain's DC path, a Users OU, and the display name as CN.
 *
 * @example
 * directoryObjects("carol.cannotchange@contoso.example", "Carol Cannotchange");
 * // { dn: "CN=Carol Cannotchange,OU=Users,DC=contoso,DC=example", ou: "OU=Users,DC=contoso,DC=example",
 * //   samAccountName: "carol.cannotchange", serviceAccount: "CONTOSO\\svc-sspr-writeback" }
 */
export function directoryObjects(upnOrDomain: string, displayName?: string): Runbook["objects"] {
  const at = upnOrDomain.lastIndexOf("@");
  const domain = at >= 0 ? upnOrDomain.slice(at + 1) : upnOrDomain;
  const dc = domain
    .split(".")
    .map((part) => `DC=${escapeDnValue(part)}`)
    .join(",");
  const ou = `OU=Users,${dc}`;
  const netbios = (domain.split(".")[0] ?? domain).toUpperCase().slice(0, 15);
  return {
    ...(displayName ? { dn: `CN=${escapeDnValue(displayName)},${ou}` } : {}),
    ou,
    // sAMAccountName is limited to 20 characters.
    ...(at >= 0 ? { samAccountName: upnOrDomain.slice(0, at).slice(0, 20) } : {}),
    serviceAccount: `${netbios}\\svc-sspr-writeback`,
  };
}

function objectsOf(ctx: FixContext<unknown>): Runbook["objects"] {
  return ctx.user ? directoryObjects(ctx.user.upn, ctx.user.displayName) : directoryObjects(ctx.tenant.domain);
}

/**
 * A runbook for the on-premises directory: the objects concerned (derived from the user's
 * UPN, or the tenant's domain) handed to `build`, which writes the steps and the checks;
 * run by an on-premises administrator unless `build` says when else.
 */
export const runbook = (
  id: Parameters<typeof manualFix>[0]["id"],
  scope: "user" | "tenant",
  build: (
    ctx: FixContext<unknown>,
    objects: Runbook["objects"],
  ) => Pick<Runbook, "steps" | "verify"> & Partial<Pick<Runbook, "runnableWhen">>,
) =>
  manualFix({
    id,
    scope,
    automatic: false,
    params: NO_PARAMS,
    guidance: (ctx): Runbook => {
      const objects = objectsOf(ctx);
      return { kind: "runbook", automatic: false, runnableWhen: LATER, objects, ...build(ctx, objects) };
    },
  });

/** The connector permissions, the right each needs, and the dsacls grant (on the Users OU, inherited by user objects). */
const PERMISSIONS = [
  { key: "permResetPassword", name: "Reset Password", grant: "CA;Reset Password;user" },
  { key: "permChangePassword", name: "Change Password", grant: "CA;Change Password;user" },
  { key: "permWriteLockoutTime", name: "Write lockoutTime", grant: "RPWP;lockoutTime;user" },
  { key: "permWritePwdLastSet", name: "Write pwdLastSet", grant: "RPWP;pwdLastSet;user" },
] as const;

export const grantConnectorPermissions = runbook("grant_connector_permissions", "tenant", (ctx, objects) => {
  const c = connectorRow(ctx.deps.db, ctx.tenant.id);
  const missing = PERMISSIONS.filter((p) => c && !c[p.key]);
  return {
    steps: missing.length
      ? missing.map((p) => ({
          action: `Grant the connector's service account the ${p.name} permission on the Users OU, for descendant user objects`,
          permission: p.name,
          on: objects.ou,
          command: `dsacls "${objects.ou}" /I:S /G "${objects.serviceAccount}:${p.grant}"`,
        }))
      : [{ action: "The connector already holds every permission it needs: nothing to grant." }],
    verify: [
      `dsacls "${objects.ou}" | findstr /i svc-sspr-writeback`,
      "Diagnose the user again: the writeback permission findings are gone.",
    ],
  };
});

export const reconnectWriteback = runbook("reconnect_writeback", "tenant", (ctx, objects) => {
  const c = connectorRow(ctx.deps.db, ctx.tenant.id);
  const age = c?.lastHeartbeatAt ? Math.round((ctx.now.getTime() - Date.parse(c.lastHeartbeatAt)) / 60_000) : null;
  const dc = `dc01.${ctx.tenant.domain}`;
  return {
    steps: [
      {
        action: `The connector reports "${c?.status ?? "unknown"}"; its last heartbeat was ${age === null ? "never" : `${age} minutes ago`}. On the connector host, check its service`,
        command: "Get-Service -Name SsprDoctorWriteback",
      },
      { action: "Restart it if it is stopped or hung", command: "Restart-Service -Name SsprDoctorWriteback" },
      {
        action: "Check it reaches a domain controller over LDAPS",
        on: dc,
        command: `Test-NetConnection -ComputerName ${dc} -Port 636`,
      },
      {
        action: `Check its service account ${objects.serviceAccount} is not locked out or expired`,
        command: `Get-ADUser svc-sspr-writeback -Properties LockedOut,AccountExpirationDate,PasswordExpired`,
      },
    ],
    verify: [
      `GET /api/v1/tenants/${ctx.tenant.domain}/health no longer counts writeback_connector_unreachable, writeback_degraded or writeback_heartbeat_late.`,
    ],
  };
});

export const clearCannotChangePassword = runbook("clear_cannot_change_password", "user", (_ctx, objects) => ({
  steps: [
    {
      action:
        "Clear the 'User cannot change password' flag (a deny Change Password entry for Everyone and SELF on the user object)",
      flag: "User cannot change password",
      on: objects.dn,
      command: `Set-ADUser -Identity "${objects.samAccountName}" -CannotChangePassword $false`,
    },
  ],
  verify: [
    `Get-ADUser -Identity "${objects.samAccountName}" -Properties CannotChangePassword  # CannotChangePassword : False`,
  ],
}));

export const resetByOnpremAdmin = runbook("reset_by_onprem_admin", "user", (_ctx, objects) => ({
  runnableWhen: "never automatically: protected accounts are reset by a person with on-premises administrator rights",
  steps: [
    {
      // Granting the connector rights here would be undone by AdminSDHolder within the hour, and would weaken the most privileged accounts.
      action:
        "A Domain Admin resets the password directly in Active Directory (AdminSDHolder strips the connector's rights from protected accounts; do not grant them)",
      on: objects.dn,
      command: `Set-ADAccountPassword -Identity "${objects.samAccountName}" -Reset -NewPassword (Read-Host -AsSecureString "New password")`,
    },
    {
      action: "Make the person choose their own password at next sign-in",
      on: objects.dn,
      command: `Set-ADUser -Identity "${objects.samAccountName}" -ChangePasswordAtLogon $true`,
    },
  ],
  verify: [`Get-ADUser -Identity "${objects.samAccountName}" -Properties pwdLastSet,adminCount`],
}));

export const setMinAgeZero = runbook("set_min_age_zero", "tenant", (ctx, objects) => {
  const c = connectorRow(ctx.deps.db, ctx.tenant.id);
  const sam = objects.samAccountName;
  return {
    steps: [
      ...(sam
        ? [
            {
              action: "Find which password policy applies to the user (a fine-grained policy wins over the domain's)",
              command: `Get-ADUserResultantPasswordPolicy -Identity "${sam}"`,
            },
          ]
        : []),
      {
        action: `Set the minimum password age to 0 (now ${c?.onPremMinAgeHours ?? "unknown"} hours), so a reset right after a change is accepted`,
        on: ctx.tenant.domain,
        command: `Set-ADDefaultDomainPasswordPolicy -Identity ${ctx.tenant.domain} -MinPasswordAge 00:00:00`,
      },
    ],
    verify: [`Get-ADDefaultDomainPasswordPolicy -Identity ${ctx.tenant.domain} | Select-Object MinPasswordAge`],
  };
});

export const reviewSharedMethods = manualFix({
  id: "review_shared_methods",
  scope: "tenant",
  automatic: false,
  params: NO_PARAMS,
  guidance(ctx): Runbook {
    const users = ctx.tenantUsers();
    const counts = sharedMethodValues(users);
    const shared = new Map<string, { value: string; upns: string[] }>();
    for (const u of users) {
      for (const m of u.snapshot.methods) {
        const key = methodValueKey(m);
        if (key === null || (counts.get(key) ?? 0) <= MAX_USERS_PER_METHOD_VALUE) continue;
        const entry = shared.get(key) ?? { value: m.value!, upns: [] };
        if (!entry.upns.includes(u.upn)) entry.upns.push(u.upn);
        shared.set(key, entry);
      }
    }
    return {
      kind: "runbook",
      automatic: false,
      // Only the people concerned know whose number it really is.
      runnableWhen: "never automatically: an administrator asks the people concerned",
      objects: {},
      steps: shared.size
        ? [...shared.values()].map((s) => ({
            action: `${s.value} is registered by ${s.upns.length} users (${s.upns.join(", ")}): ask each whether it is theirs, and have the others replace it at /register`,
          }))
        : [
            {
              action: `No phone or email is registered by more than ${MAX_USERS_PER_METHOD_VALUE} users of ${ctx.tenant.domain}.`,
            },
          ],
      verify: [`GET /api/v1/tenants/${ctx.tenant.domain}/health no longer counts method_in_use_by_many.`],
    };
  },
});
