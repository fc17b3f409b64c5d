/**
 * The Active Directory connector (Windows AD, Samba AD DC). A reset replaces
 * `unicodePwd` with the quoted password as UTF-16LE bytes — over LDAPS or StartTLS only,
 * AD refuses it in the clear. Asked to unlock too, the reset, `lockoutTime=0` and
 * `pwdLastSet=-1` go in ONE modify, so the directory applies all or nothing (a Samba
 * reset does not unlock by itself: DIRECTORIES.md B.7). Reads come from the account's
 * userAccountControl and its constructed msDS-User-Account-Control-Computed, the
 * resultant fine-grained policy or the domain's, and the rights from
 * allowedAttributesEffective plus the DACL (the Reset-Password extended right).
 */
import { Attribute, BerWriter, Change, Control, escapeFilter, type Client, type Entry } from "ldapts";
import {
  fileTimeToIso,
  intervalSeconds,
  type DirectoryConnector,
  type LiveRead,
  type OnPremPolicy,
  type OnPremRights,
} from "./connector";
import type { DirectoryConfig } from "./directory-config";
import { holdsControlAccessRight, RESET_PASSWORD_RIGHT, sidToString } from "./security-descriptor";
import {
  classified,
  DirectoryError,
  first,
  heartbeat,
  liveRead,
  searchAll,
  values,
  withAccount,
  writeBack,
} from "./session";
import type { WritebackRequest, WritebackResult } from "../writeback/connector";

const UAC = { ACCOUNTDISABLE: 0x2, PASSWD_CANT_CHANGE: 0x40, DONT_EXPIRE_PASSWORD: 0x10000 } as const;
const COMPUTED = { LOCKOUT: 0x10, PASSWORD_EXPIRED: 0x800000 } as const;
const ACCOUNT_ATTRIBUTES = [
  "userAccountControl",
  "msDS-User-Account-Control-Computed",
  "lockoutTime",
  "pwdLastSet",
  "adminCount",
  "msDS-ResultantPSO",
  "badPwdCount",
];
/** The in-chain matching rule: transitive group membership evaluated by the DC. */
const IN_CHAIN = "1.2.840.113556.1.4.1941";

/** LDAP_SERVER_SD_FLAGS_OID: ask for the DACL only (no owner/SACL rights needed to read it). */
class SdFlagsControl extends Control {
  constructor() {
    super("1.2.840.113556.1.4.801", { critical: true });
  }
  protected override writeControl(writer: BerWriter): void {
    const w = new BerWriter();
    w.startSequence();
    w.writeInt(4); // DACL_SECURITY_INFORMATION
    w.endSequence();
    writer.writeBuffer(w.buffer, 0x04);
  }
}

const unicodePwd = (password: string) => Buffer.from(`"${password}"`, "utf16le");
const replace = (type: string, vals: (string | Buffer)[]) =>
  new Change({ operation: "replace", modification: new Attribute({ type, values: vals as string[] }) });

/** objectGUID as hex: the sync id, stable across renames and moves. */
const guidOf = (e: Entry) => (Buffer.isBuffer(e.objectGUID) ? e.objectGUID.toString("hex") : e.dn);

async function defaultNamingContext(client: Client): Promise<string> {
  const { searchEntries } = await client.search("", { scope: "base", attributes: ["defaultNamingContext"] });
  return first(searchEntries[0] ?? {}, "defaultNamingContext") ?? "";
}

async function readPolicy(client: Client, psoDn: string | undefined): Promise<OnPremPolicy> {
  if (psoDn) {
    const { searchEntries } = await client.search(psoDn, {
      scope: "base",
      attributes: [
        "msDS-MinimumPasswordLength",
        "msDS-PasswordHistoryLength",
        "msDS-MinimumPasswordAge",
        "msDS-PasswordComplexityEnabled",
        "msDS-LockoutThreshold",
      ],
    });
    const p = searchEntries[0];
    if (p && first(p, "msDS-MinimumPasswordLength") !== undefined) {
      return {
        minLength: Number(first(p, "msDS-MinimumPasswordLength")),
        complexity: first(p, "msDS-PasswordComplexityEnabled") === "TRUE",
        historyCount: Number(first(p, "msDS-PasswordHistoryLength") ?? 0),
        minAgeSeconds: intervalSeconds(first(p, "msDS-MinimumPasswordAge")),
        lockoutThreshold: Number(first(p, "msDS-LockoutThreshold") ?? 0),
        source: psoDn,
      };
    }
    // The PSO exists but the service account may not read it: fall back to the domain, and say so in `source`.
  }
  const domain = await defaultNamingContext(client);
  const { searchEntries } = await client.search(domain, {
    scope: "base",
    attributes: ["minPwdLength", "pwdHistoryLength", "minPwdAge", "pwdProperties", "lockoutThreshold"],
  });
  const d = searchEntries[0] ?? {};
  return {
    minLength: Number(first(d, "minPwdLength") ?? 0),
    complexity: (Number(first(d, "pwdProperties") ?? 0) & 1) === 1, // DOMAIN_PASSWORD_COMPLEX
    historyCount: Number(first(d, "pwdHistoryLength") ?? 0),
    minAgeSeconds: intervalSeconds(first(d, "minPwdAge")),
    lockoutThreshold: Number(first(d, "lockoutThreshold") ?? 0),
    source: psoDn ? `${domain} (the PSO ${psoDn} was not readable)` : domain,
  };
}

export function activeDirectoryConnector(cfg: DirectoryConfig, now: () => Date = () => new Date()): DirectoryConnector {
  return {
    kind: "ad",

    async write(req: WritebackRequest): Promise<WritebackResult> {
      return writeBack(cfg, req, ["userAccountControl"], async (client, account, operation) => {
        // AD would take a new password on a disabled account, and the person still could
        // not sign in: refuse with the reason instead (Entra's writeback does the same, 33005).
        if (Number(first(account, "userAccountControl") ?? 0) & UAC.ACCOUNTDISABLE) {
          throw new DirectoryError({
            code: "onprem_account_disabled",
            detail: "The on-premises account is disabled.",
            evidence: {
              directory: "ad",
              operation,
              diagnostic: `userAccountControl=${first(account, "userAccountControl")}`,
            },
          });
        }
        const changes: Change[] = [];
        if (req.newPassword !== undefined) changes.push(replace("unicodePwd", [unicodePwd(req.newPassword)]));
        if (req.unlock) changes.push(replace("lockoutTime", ["0"]));
        // -1: "password set now" (the person chose it, so no change at next logon).
        if (req.newPassword !== undefined && req.unlock) changes.push(replace("pwdLastSet", ["-1"]));
        await classified(cfg, operation, () => client.modify(account.dn, changes));
      });
    },

    async readAccount(login: string): Promise<LiveRead> {
      return withAccount(cfg, login, "read", ACCOUNT_ATTRIBUTES, async (client, entry, url) => {
        const uac = Number(first(entry, "userAccountControl") ?? 0);
        const computed = Number(first(entry, "msDS-User-Account-Control-Computed") ?? 0);
        const pwdLastSet = first(entry, "pwdLastSet");
        const policy = await readPolicy(client, first(entry, "msDS-ResultantPSO"));
        const lastSet = fileTimeToIso(pwdLastSet);
        return liveRead(url, now, entry, ACCOUNT_ATTRIBUTES, policy, {
          lockedOut: (computed & COMPUTED.LOCKOUT) !== 0,
          disabled: (uac & UAC.ACCOUNTDISABLE) !== 0,
          cannotChangePassword: (uac & UAC.PASSWD_CANT_CHANGE) !== 0,
          protectedAccount: first(entry, "adminCount") === "1",
          mustChangePasswordAtNextLogon: pwdLastSet === "0",
          passwordExpired: (computed & COMPUTED.PASSWORD_EXPIRED) !== 0 && (uac & UAC.DONT_EXPIRE_PASSWORD) === 0,
          ...(lastSet ? { passwordLastSetAt: lastSet } : {}),
        });
      });
    },

    async readRights(login: string): Promise<OnPremRights> {
      return withAccount(cfg, login, "read", ["allowedAttributesEffective"], async (client, target) => {
        const writable = new Set(values(target, "allowedAttributesEffective").map((a) => a.toLowerCase()));
        const sd = await client.search(
          target.dn,
          { scope: "base", attributes: ["nTSecurityDescriptor"], explicitBufferAttributes: ["nTSecurityDescriptor"] },
          new SdFlagsControl(),
        );
        const me = await client.search(cfg.bindDn, {
          scope: "base",
          attributes: ["objectSid", "tokenGroups"],
          explicitBufferAttributes: ["objectSid", "tokenGroups"],
        });
        const self: Record<string, unknown> = me.searchEntries[0] ?? {};
        const sids = new Set<string>(["S-1-1-0", "S-1-5-11"]); // Everyone, Authenticated Users
        for (const b of [self.objectSid, self.tokenGroups].flat() as unknown[])
          if (Buffer.isBuffer(b)) sids.add(sidToString(b));
        const descriptor = sd.searchEntries[0]?.nTSecurityDescriptor;
        const buffer = Array.isArray(descriptor) ? descriptor[0] : descriptor;
        return {
          resetPassword: Buffer.isBuffer(buffer) ? holdsControlAccessRight(buffer, sids, RESET_PASSWORD_RIGHT) : false,
          writeLockoutTime: writable.has("lockouttime"),
          writePwdLastSet: writable.has("pwdlastset"),
          how: `allowedAttributesEffective and the DACL of ${target.dn}`,
        };
      });
    },

    heartbeat: () => heartbeat(cfg, now, defaultNamingContext),

    async listUsers() {
      const entries = await searchAll(cfg, cfg.baseDn, {
        filter: cfg.userFilter,
        attributes: ["objectGUID", "cn", "displayName", "userAccountControl", cfg.loginAttribute],
        explicitBufferAttributes: ["objectGUID"],
      });
      return entries.map((e) => ({
        dn: e.dn,
        id: guidOf(e),
        login: first(e, cfg.loginAttribute),
        name: first(e, "displayName") ?? first(e, "cn") ?? e.dn,
        enabled: (Number(first(e, "userAccountControl") ?? 0) & UAC.ACCOUNTDISABLE) === 0,
      }));
    },

    async listGroups() {
      const entries = await searchAll(cfg, cfg.groupBaseDn ?? cfg.baseDn, {
        filter: "(objectClass=group)",
        attributes: ["objectGUID", "cn", "member"],
        explicitBufferAttributes: ["objectGUID"],
      });
      return entries.map((e) => ({
        dn: e.dn,
        id: guidOf(e),
        name: first(e, "cn") ?? e.dn,
        members: values(e, "member"),
      }));
    },

    async transitiveGroupsOf(userDn: string) {
      const entries = await searchAll(cfg, cfg.groupBaseDn ?? cfg.baseDn, {
        filter: `(member:${IN_CHAIN}:=${escapeFilter`${userDn}`})`,
        attributes: ["1.1"],
      });
      return entries.map((e) => e.dn);
    },

    async transitiveMembersOf(groupDn: string) {
      const entries = await searchAll(cfg, cfg.baseDn, {
        filter: `(&${cfg.userFilter}(memberOf:${IN_CHAIN}:=${escapeFilter`${groupDn}`}))`,
        attributes: ["1.1"],
      });
      return entries.map((e) => e.dn);
    },
  };
}
