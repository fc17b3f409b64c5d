/**
 * On-premises directory runbooks of catalogue v2: what the domain controllers refuse the
 * connector (remote SAM calls, password policy hints), and what the directory lacks or
 * has twice (the user's object missing, ambiguous or disabled), plus reading the
 * connector's own log for an error it could not classify. Each names the objects and the
 * command; an on-premises administrator runs them until the LDAP connector exists.
 */
import { runbook } from "./onprem";

export const allowRemoteSamForConnector = runbook("allow_remote_sam_for_connector", "tenant", (ctx, o) => ({
  steps: [
    {
      action: `Add the connector's account ${o.serviceAccount} to the domain controllers' "Network access: Restrict clients allowed to make remote calls to SAM" policy (events 33004 and 6329 say access denied)`,
      on: `the Default Domain Controllers Policy of ${ctx.tenant.domain}`,
      command:
        "gpmc.msc → Computer Configuration → Windows Settings → Security Settings → Local Policies → Security Options",
    },
    { action: "Apply the policy on every domain controller", command: "gpupdate /force" },
  ],
  verify: [
    "A new reset for a synced user writes back without event 33004 in the Entra Connect server's Application log.",
  ],
}));

export const upgradeDomainControllers = runbook("upgrade_domain_controllers", "tenant", (ctx) => ({
  steps: [
    {
      action: "Find the domain controllers that do not accept password policy hints (event 6329 with MMS(3040))",
      command: `Get-ADDomainController -Filter * -Server ${ctx.tenant.domain} | Select-Object Name,OperatingSystem`,
    },
    {
      action:
        "Upgrade those domain controllers to Windows Server 2016 or later, or keep writeback on domain controllers that are",
    },
  ],
  verify: ["A new reset writes back without event 6329 MMS(3040)."],
}));

export const checkSyncScope = runbook("check_sync_scope", "user", (_ctx, o) => ({
  steps: [
    {
      action: "Check the user's on-premises object still exists (event 33002: not found)",
      on: o.ou,
      command: `Get-ADUser -Identity "${o.samAccountName}"`,
    },
    {
      action: "Check its OU and group are in Entra Connect's sync scope (OU filtering, group filtering)",
      command: "Get-ADSyncConnector | Select-Object Name,Partitions",
    },
    { action: "Run a delta sync once the object is in scope", command: "Start-ADSyncSyncCycle -PolicyType Delta" },
  ],
  verify: ["Diagnose the user again: onprem_account_not_found is gone."],
}));

export const fixDuplicateAnchor = runbook("fix_duplicate_anchor", "user", (_ctx, o) => ({
  steps: [
    {
      action: "Find every on-premises object with the user's source anchor or name (event 33003: several match)",
      command: `Get-ADObject -LDAPFilter "(|(sAMAccountName=${o.samAccountName})(userPrincipalName=${o.samAccountName}@*))" -Properties objectGUID,mS-DS-ConsistencyGuid`,
    },
    {
      action:
        "Remove or rename the stale duplicate, keeping the object whose ms-DS-ConsistencyGuid matches the cloud account's immutableId",
    },
  ],
  verify: ["The search above finds exactly one object; diagnose the user again."],
}));

export const enableOnpremAccount = runbook("enable_onprem_account", "user", (_ctx, o) => ({
  steps: [
    {
      action: "Enable the on-premises account (event 33005: the account is disabled on-premises)",
      on: o.dn,
      command: `Enable-ADAccount -Identity "${o.samAccountName}"`,
    },
  ],
  verify: [`Get-ADUser -Identity "${o.samAccountName}" | Select-Object Enabled  # Enabled : True`],
}));

export const inspectConnectorLog = runbook("inspect_connector_log", "tenant", () => ({
  steps: [
    {
      action:
        "On the Entra Connect server, read the Application log around the failed reset (events 33001, 32000 and the 6329 that follows carry the directory's own error)",
      command: "Get-WinEvent -LogName Application -MaxEvents 200 | Where-Object { $_.Id -in 33001,32000,6329 }",
    },
    { action: "Match the error to its finding in the knowledge base and follow that finding's fix" },
  ],
  verify: ["A new reset for the same user writes back."],
}));
