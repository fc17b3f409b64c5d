/**
 * What a real directory connector can do beyond writing a password back: read one
 * account's on-premises state and the password policy in force for it, find out from
 * the directory which rights the service account holds, answer a heartbeat, and list
 * people and groups for sync. The OpenLDAP and Active Directory connectors implement it;
 * the simulated connector does not (demo tenants have no directory to read).
 */
import type { WritebackConnector } from "../writeback/connector";
import type { DirectoryFailure, DirectoryKind } from "./classify";

/** One account as the directory sees it now. */
export type OnPremAccount = {
  dn: string;
  lockedOut: boolean;
  disabled: boolean;
  cannotChangePassword: boolean;
  protectedAccount: boolean;
  mustChangePasswordAtNextLogon: boolean;
  passwordExpired: boolean;
  passwordLastSetAt?: string;
  /** The attributes the facts were derived from, verbatim (staff evidence). */
  raw: Record<string, string[]>;
};

/** The password policy in force for an account (OpenLDAP ppolicy entry, AD PSO or domain). */
export type OnPremPolicy = {
  minLength: number;
  complexity: boolean;
  historyCount: number;
  minAgeSeconds: number;
  lockoutThreshold: number;
  /** Where it came from: the policy entry's DN, or "domain" (AD without a PSO). */
  source: string;
};

export type OnPremRights = { resetPassword: boolean; writeLockoutTime: boolean; writePwdLastSet: boolean; how: string };

export type LiveRead = { account: OnPremAccount; policy: OnPremPolicy; url: string; readAt: string };

export type HeartbeatResult =
  { ok: true; url: string; latencyMs: number; at: string } | { ok: false; failure: DirectoryFailure; at: string };

export type SyncedEntry = { dn: string; id: string; login?: string; name: string; enabled: boolean };
export type SyncedGroup = { dn: string; id: string; name: string; members: string[] };

export type DirectoryConnector = WritebackConnector & {
  kind: DirectoryKind;
  /** Throws DirectoryError (classified) when the directory cannot say. */
  readAccount(login: string): Promise<LiveRead>;
  /** The service account's rights on this account (or the canary), read from the directory. */
  readRights(login: string): Promise<OnPremRights>;
  heartbeat(): Promise<HeartbeatResult>;
  listUsers(): Promise<SyncedEntry[]>;
  listGroups(): Promise<SyncedGroup[]>;
  /** The group DNs a user is in, transitively, by the directory's own nesting query. */
  transitiveGroupsOf(userDn: string): Promise<string[]>;
  /** The people (DNs) in a group, transitively, by the directory's own nesting query. */
  transitiveMembersOf(groupDn: string): Promise<string[]>;
};

/** LDAP GeneralizedTime ("20261130131610Z", "20261130131610.848628Z") → ISO 8601. */
export function generalizedTimeToIso(v: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/.exec(v);
  if (!m) return undefined;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Windows FILETIME (100 ns since 1601) → ISO 8601; 0 and "never" are undefined. */
export function fileTimeToIso(v: string | undefined): string | undefined {
  if (!v || v === "0" || v === "9223372036854775807") return undefined;
  const ms = Number(BigInt(v) / 10000n - 11644473600000n);
  return new Date(ms).toISOString();
}

/** AD intervals are negative 100 ns counts ("-864000000000" = 1 day). */
export const intervalSeconds = (v: string | undefined) => (v ? Math.abs(Number(BigInt(v) / 10000000n)) : 0);
