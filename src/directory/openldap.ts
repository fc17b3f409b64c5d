/**
 * The OpenLDAP connector (slapd with the ppolicy overlay). A reset is the RFC 3062
 * password modify extended operation sent by the service account with the ppolicy
 * request control, so a refusal comes back as the control's error enum. The service
 * account is meant to hold `write` (not `manage`) on userPassword: then the server
 * enforces its own min age, quality and history on the reset and tells us which rule
 * failed (DIRECTORIES.md A.4). Unlock deletes pwdAccountLockedTime (replace with no
 * values: idempotent). Rights are read by exercising them on a documented canary entry.
 */
import { randomBytes } from "node:crypto";
import { Attribute, Change, escapeFilter, type Client } from "ldapts";
import type { DirectoryOperation } from "./classify";
import {
  generalizedTimeToIso,
  type DirectoryConnector,
  type LiveRead,
  type OnPremPolicy,
  type OnPremRights,
} from "./connector";
import type { DirectoryConfig } from "./directory-config";
import { PASSWORD_MODIFY_OID, PasswordPolicyControl, passwordModifyValue } from "./ppolicy-control";
import {
  classified,
  first,
  heartbeat,
  liveRead,
  searchAll,
  values,
  withAccount,
  withSession,
  writeBack,
} from "./session";
import type { WritebackRequest, WritebackResult } from "../writeback/connector";

const ACCOUNT_ATTRIBUTES = [
  "pwdAccountLockedTime",
  "pwdFailureTime",
  "pwdChangedTime",
  "pwdReset",
  "pwdPolicySubentry",
  "memberOf",
];
const POLICY_ATTRIBUTES = [
  "pwdMinLength",
  "pwdInHistory",
  "pwdMinAge",
  "pwdMaxFailure",
  "pwdLockout",
  "pwdLockoutDuration",
  "pwdCheckQuality",
];
/** ppolicy's "locked until an administrator unlocks" value. */
const ADMIN_LOCK = "000001010000Z";

const replaceWithNothing = (type: string) =>
  new Change({ operation: "replace", modification: new Attribute({ type, values: [] }) });

async function resetPassword(
  client: Client,
  cfg: DirectoryConfig,
  dn: string,
  newPassword: string,
  operation: DirectoryOperation,
) {
  const control = new PasswordPolicyControl();
  await classified(
    cfg,
    operation,
    () => client.exop(PASSWORD_MODIFY_OID, passwordModifyValue({ userDn: dn, newPassword }), control),
    () => control.error,
  );
}

async function readPolicy(client: Client, dn: string): Promise<OnPremPolicy> {
  const { searchEntries } = await client.search(dn, {
    scope: "base",
    filter: "(objectClass=pwdPolicy)",
    attributes: POLICY_ATTRIBUTES,
  });
  const p = searchEntries[0];
  if (!p) throw new Error(`no pwdPolicy entry at ${dn}`);
  const n = (a: string) => Number(first(p, a) ?? 0);
  return {
    minLength: n("pwdMinLength"),
    // OpenLDAP's ppolicy has no character-class rule without an extra module.
    complexity: false,
    historyCount: n("pwdInHistory"),
    minAgeSeconds: n("pwdMinAge"),
    lockoutThreshold: first(p, "pwdLockout") === "TRUE" ? n("pwdMaxFailure") : 0,
    source: dn,
  };
}

export function openLdapConnector(cfg: DirectoryConfig, now: () => Date = () => new Date()): DirectoryConnector {
  return {
    kind: "openldap",

    async write(req: WritebackRequest): Promise<WritebackResult> {
      return writeBack(cfg, req, ["1.1"], async (client, { dn }, operation) => {
        // A password change by anyone also clears the lock (A.4); the explicit delete
        // covers a reset that leaves it, and an unlock without a reset.
        if (req.newPassword !== undefined) await resetPassword(client, cfg, dn, req.newPassword, operation);
        if (req.unlock)
          await classified(cfg, operation, () => client.modify(dn, replaceWithNothing("pwdAccountLockedTime")));
      });
    },

    async readAccount(login: string): Promise<LiveRead> {
      return withAccount(cfg, login, "read", ACCOUNT_ATTRIBUTES, async (client, entry, url) => {
        const policyDn = first(entry, "pwdPolicySubentry") ?? cfg.defaultPolicyDn;
        if (!policyDn) throw new Error("no pwdPolicySubentry on the account and no default policy DN configured");
        const policy = await readPolicy(client, policyDn);
        const lockedAt = first(entry, "pwdAccountLockedTime");
        const duration = Number(
          (await client.search(policyDn, { scope: "base", attributes: ["pwdLockoutDuration"] })).searchEntries[0]
            ?.pwdLockoutDuration ?? 0,
        );
        const lockedIso = lockedAt && lockedAt !== ADMIN_LOCK ? generalizedTimeToIso(lockedAt) : undefined;
        // A lock with a duration expires by itself; ADMIN_LOCK and duration 0 never do.
        const lockedOut =
          Boolean(lockedAt) &&
          (lockedAt === ADMIN_LOCK ||
            duration === 0 ||
            !lockedIso ||
            Date.parse(lockedIso) + duration * 1000 > now().getTime());
        const changed = first(entry, "pwdChangedTime");
        return liveRead(url, now, entry, ACCOUNT_ATTRIBUTES, policy, {
          lockedOut,
          disabled: false,
          cannotChangePassword: false,
          protectedAccount: false,
          mustChangePasswordAtNextLogon: first(entry, "pwdReset") === "TRUE",
          passwordExpired: false,
          ...(changed && generalizedTimeToIso(changed) ? { passwordLastSetAt: generalizedTimeToIso(changed)! } : {}),
        });
      });
    },

    async readRights(): Promise<OnPremRights> {
      // No effective-rights read in OpenLDAP: exercise each right on the canary, which
      // shares the people's ACLs and carries a permissive policy so only access can fail.
      if (!cfg.canaryDn) throw new Error("OpenLDAP rights are read on a canary entry: configure canaryDn");
      const canary = cfg.canaryDn;
      return withSession(cfg, "read", async (client) => {
        const tries = async (op: () => Promise<unknown>) => {
          try {
            await op();
            return true;
          } catch (e) {
            const code = (e as { code?: unknown }).code;
            if (code === 50) return false;
            throw e;
          }
        };
        const resetPassword = await tries(() =>
          client.exop(
            PASSWORD_MODIFY_OID,
            passwordModifyValue({ userDn: canary, newPassword: randomBytes(18).toString("base64url") }),
          ),
        );
        const writeLockoutTime = await tries(() => client.modify(canary, replaceWithNothing("pwdAccountLockedTime")));
        const writePwdLastSet = await tries(() => client.modify(canary, replaceWithNothing("pwdReset")));
        return { resetPassword, writeLockoutTime, writePwdLastSet, how: `exercised on the canary ${canary}` };
      });
    },

    heartbeat: () =>
      heartbeat(cfg, now, (client) =>
        client.search("", { scope: "base", filter: "(objectClass=*)", attributes: ["supportedExtension"] }),
      ),

    async listUsers() {
      const entries = await searchAll(cfg, cfg.baseDn, {
        filter: cfg.userFilter,
        attributes: ["entryUUID", "cn", "displayName", cfg.loginAttribute],
      });
      return entries.map((e) => ({
        dn: e.dn,
        id: first(e, "entryUUID") ?? e.dn,
        login: first(e, cfg.loginAttribute),
        name: first(e, "displayName") ?? first(e, "cn") ?? e.dn,
        enabled: true,
      }));
    },

    async listGroups() {
      const entries = await searchAll(cfg, cfg.groupBaseDn ?? cfg.baseDn, {
        filter: "(objectClass=groupOfNames)",
        attributes: ["entryUUID", "cn", "member"],
      });
      return entries.map((e) => ({
        dn: e.dn,
        id: first(e, "entryUUID") ?? e.dn,
        name: first(e, "cn") ?? e.dn,
        members: values(e, "member"),
      }));
    },

    async transitiveGroupsOf(userDn: string) {
      // dynlist computes memberOf transitively at search time (DIRECTORIES.md A.6).
      return withSession(cfg, "read", async (client) => {
        const { searchEntries } = await client.search(userDn, { scope: "base", attributes: ["memberOf"] });
        return searchEntries[0] ? values(searchEntries[0], "memberOf") : [];
      });
    },

    async transitiveMembersOf(groupDn: string) {
      const entries = await searchAll(cfg, cfg.baseDn, {
        filter: `(&${cfg.userFilter}(memberOf=${escapeFilter`${groupDn}`}))`,
        attributes: ["1.1"],
      });
      return entries.map((e) => e.dn);
    },
  };
}
