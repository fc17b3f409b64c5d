/**
 * A tenant's directory connection as the connectors use it: the stored configuration
 * with the bind secret opened. Built only in the shell (src/directory/registry.ts) and
 * never serialised: `publicDirectoryConfig` is the one view that leaves the process.
 */
import type { DirectoryKind } from "./classify";

export type LoginAttribute = "userPrincipalName" | "mail" | "uid" | "sAMAccountName";

export type DirectoryConfig = {
  tenantId: string;
  kind: DirectoryKind;
  /** Failover order. */
  urls: string[];
  startTls: boolean;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  groupBaseDn?: string;
  userFilter: string;
  loginAttribute: LoginAttribute;
  tlsCa?: string;
  tlsServername?: string;
  defaultPolicyDn?: string;
  /** OpenLDAP: the permission canary (docs/decisions/013). */
  canaryDn?: string;
  timeoutMs: number;
};

/** What an admin may see of a configuration: everything but the secret. */
export type PublicDirectoryConfig = Omit<DirectoryConfig, "bindPassword"> & { hasSecret: true };

export function publicDirectoryConfig(cfg: DirectoryConfig): PublicDirectoryConfig {
  const { bindPassword: _secret, ...rest } = cfg;
  return { ...rest, hasSecret: true };
}

/** Defaults by kind: the usual person filter and login attribute. */
export const DIRECTORY_DEFAULTS: Record<DirectoryKind, { userFilter: string; loginAttribute: LoginAttribute }> = {
  openldap: { userFilter: "(objectClass=inetOrgPerson)", loginAttribute: "mail" },
  ad: { userFilter: "(&(objectCategory=person)(objectClass=user))", loginAttribute: "userPrincipalName" },
};

/**
 * The value to look up in the login attribute for a person's sign-in name: uid and
 * sAMAccountName hold only the part before the @.
 * @example loginValue("uid", "alice@example.test") // "alice"
 */
export function loginValue(attribute: LoginAttribute, upn: string): string {
  return attribute === "uid" || attribute === "sAMAccountName" ? upn.split("@")[0]! : upn;
}
