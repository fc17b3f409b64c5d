/**
 * Storing a tenant's directory configuration. The bind secret arrives here already
 * sealed (src/directory/secret-box.ts) and leaves only sealed; saving a configuration
 * also marks the tenant's writeback connector configured, since the directory now is
 * the connector.
 */
import type { Db } from "./client";
import type { DirectoryKind } from "../directory/classify";
import type { DirectoryConfig, LoginAttribute } from "../directory/directory-config";

export type StoredDirectoryConfig = Omit<DirectoryConfig, "bindPassword"> & {
  bindSecretEnc: string;
  updatedAt: string;
};

type Row = {
  tenant_id: string;
  kind: DirectoryKind;
  urls: string;
  start_tls: number;
  bind_dn: string;
  bind_secret_enc: string;
  base_dn: string;
  group_base_dn: string | null;
  user_filter: string;
  login_attribute: LoginAttribute;
  tls_ca: string | null;
  tls_servername: string | null;
  default_policy_dn: string | null;
  canary_dn: string | null;
  timeout_ms: number;
  updated_at: string;
};

export function loadDirectoryConfig(db: Db, tenantId: string): StoredDirectoryConfig | undefined {
  const r = db.$client.prepare("SELECT * FROM directory_configs WHERE tenant_id = ?").get(tenantId) as Row | undefined;
  if (!r) return undefined;
  return {
    tenantId: r.tenant_id,
    kind: r.kind,
    urls: JSON.parse(r.urls) as string[],
    startTls: r.start_tls === 1,
    bindDn: r.bind_dn,
    bindSecretEnc: r.bind_secret_enc,
    baseDn: r.base_dn,
    ...(r.group_base_dn ? { groupBaseDn: r.group_base_dn } : {}),
    userFilter: r.user_filter,
    loginAttribute: r.login_attribute,
    ...(r.tls_ca ? { tlsCa: r.tls_ca } : {}),
    ...(r.tls_servername ? { tlsServername: r.tls_servername } : {}),
    ...(r.default_policy_dn ? { defaultPolicyDn: r.default_policy_dn } : {}),
    ...(r.canary_dn ? { canaryDn: r.canary_dn } : {}),
    timeoutMs: r.timeout_ms,
    updatedAt: r.updated_at,
  };
}

/** Insert or replace; `bindSecretEnc` undefined keeps the stored secret (an edit that does not re-enter it). */
export function saveDirectoryConfig(
  db: Db,
  cfg: Omit<StoredDirectoryConfig, "bindSecretEnc"> & { bindSecretEnc?: string },
): void {
  const sqlite = db.$client;
  sqlite.transaction(() => {
    const secret =
      cfg.bindSecretEnc ??
      (sqlite.prepare("SELECT bind_secret_enc FROM directory_configs WHERE tenant_id = ?").pluck().get(cfg.tenantId) as
        string | undefined);
    if (!secret) throw new Error("a new directory configuration needs its bind secret");
    sqlite
      .prepare(
        `INSERT OR REPLACE INTO directory_configs (tenant_id, kind, urls, start_tls, bind_dn, bind_secret_enc, base_dn, group_base_dn, user_filter, login_attribute, tls_ca, tls_servername, default_policy_dn, canary_dn, timeout_ms, updated_at)
         VALUES (@tenantId, @kind, @urls, @startTls, @bindDn, @secret, @baseDn, @groupBaseDn, @userFilter, @loginAttribute, @tlsCa, @tlsServername, @defaultPolicyDn, @canaryDn, @timeoutMs, @updatedAt)`,
      )
      .run({
        tenantId: cfg.tenantId,
        kind: cfg.kind,
        urls: JSON.stringify(cfg.urls),
        startTls: cfg.startTls ? 1 : 0,
        bindDn: cfg.bindDn,
        secret,
        baseDn: cfg.baseDn,
        groupBaseDn: cfg.groupBaseDn ?? null,
        userFilter: cfg.userFilter,
        loginAttribute: cfg.loginAttribute,
        tlsCa: cfg.tlsCa ?? null,
        tlsServername: cfg.tlsServername ?? null,
        defaultPolicyDn: cfg.defaultPolicyDn ?? null,
        canaryDn: cfg.canaryDn ?? null,
        timeoutMs: cfg.timeoutMs,
        updatedAt: cfg.updatedAt,
      });
    sqlite
      .prepare(
        "INSERT INTO writeback_connectors (tenant_id, configured) VALUES (?, 1) ON CONFLICT(tenant_id) DO UPDATE SET configured = 1",
      )
      .run(cfg.tenantId);
  })();
}

export function tenantsWithDirectory(db: Db): string[] {
  return db.$client.prepare("SELECT tenant_id FROM directory_configs ORDER BY tenant_id").pluck().all() as string[];
}
