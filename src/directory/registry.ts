/**
 * Which connector serves a tenant: its real directory when one is configured (OpenLDAP
 * or Active Directory, built from the stored configuration with the secret opened), the
 * simulated connector otherwise (the demo tenants). `deps.writeback` routes every write
 * through here, so the reset flow's call shape does not change with the tenant.
 */
import type { Db } from "../db/client";
import { loadDirectoryConfig, type StoredDirectoryConfig } from "../db/directory-configs";
import type { WritebackConnector } from "../writeback/connector";
import { activeDirectoryConnector } from "./active-directory";
import type { DirectoryConnector } from "./connector";
import type { DirectoryConfig } from "./directory-config";
import { openLdapConnector } from "./openldap";
import { openSecret } from "./secret-box";

export type DirectoryRegistry = {
  /** The tenant's real directory connector, or undefined (no configuration: simulated). */
  directoryFor(tenantId: string): DirectoryConnector | undefined;
  /** The connector that writes for this tenant. */
  connectorFor(tenantId: string): WritebackConnector;
  /** Drop the cached connector after its configuration changed. */
  forget(tenantId: string): void;
};

export function connectorFromConfig(cfg: DirectoryConfig): DirectoryConnector {
  return cfg.kind === "ad" ? activeDirectoryConnector(cfg) : openLdapConnector(cfg);
}

export function openConfig(stored: StoredDirectoryConfig, secretKey: Buffer): DirectoryConfig {
  const { bindSecretEnc, updatedAt: _updatedAt, ...rest } = stored;
  return { ...rest, bindPassword: openSecret(secretKey, bindSecretEnc) };
}

/** A connector that refuses every write, for a configuration we cannot open. */
const refusing = (detail: string): WritebackConnector => ({
  write: async () => ({ ok: false, code: "writeback_unknown_error", detail }),
});

export function directoryRegistry(opts: {
  db: Db;
  secretKey?: Buffer;
  simulated: WritebackConnector;
}): DirectoryRegistry {
  const cache = new Map<string, { updatedAt: string; connector: DirectoryConnector }>();
  const directoryFor = (tenantId: string): DirectoryConnector | undefined => {
    const stored = loadDirectoryConfig(opts.db, tenantId);
    if (!stored || !opts.secretKey) return undefined;
    const hit = cache.get(tenantId);
    if (hit && hit.updatedAt === stored.updatedAt) return hit.connector;
    const connector = connectorFromConfig(openConfig(stored, opts.secretKey));
    cache.set(tenantId, { updatedAt: stored.updatedAt, connector });
    return connector;
  };
  return {
    directoryFor,
    connectorFor(tenantId) {
      const directory = directoryFor(tenantId);
      if (directory) return directory;
      if (!opts.secretKey && loadDirectoryConfig(opts.db, tenantId))
        return refusing(
          "A directory is configured but SSPR_SECRET_KEY is not set, so its bind secret cannot be opened.",
        );
      return opts.simulated;
    },
    forget: (tenantId) => void cache.delete(tenantId),
  };
}
