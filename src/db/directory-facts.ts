/**
 * Writing what a directory said into the stored state the snapshot loader reads: an
 * account's on-premises flags (with where and when they were read), the policy in force,
 * the service account's rights and the connector's health. The diagnosis then reads the
 * directory's answer through the one loader it already trusts (db/snapshots.ts).
 */
import type { Db } from "./client";

export type AccountFacts = {
  found: boolean;
  lockedOut?: boolean;
  disabled?: boolean;
  cannotChangePassword?: boolean;
  protectedAccount?: boolean;
  mustChangePassword?: boolean;
  passwordLastSetAt?: string;
  directoryDn?: string;
};

export function syncedUserOf(
  db: Db,
  login: string,
): { id: string; tenantId: string; upn: string; source: "cloud" | "synced" } | undefined {
  return db.$client
    .prepare("SELECT id, tenant_id AS tenantId, upn, source FROM users WHERE id = ? OR lower(upn) = lower(?) LIMIT 1")
    .get(login, login) as { id: string; tenantId: string; upn: string; source: "cloud" | "synced" } | undefined;
}

export function recordAccountFacts(db: Db, userId: string, f: AccountFacts): void {
  db.$client
    .prepare(
      `UPDATE users SET onprem_found = @found,
         onprem_locked_out = coalesce(@lockedOut, onprem_locked_out), onprem_disabled = coalesce(@disabled, onprem_disabled),
         onprem_cannot_change_password = coalesce(@cannotChange, onprem_cannot_change_password),
         onprem_protected_account = coalesce(@protectedAccount, onprem_protected_account),
         onprem_must_change_password = coalesce(@mustChange, onprem_must_change_password),
         password_last_set_at = coalesce(@passwordLastSetAt, password_last_set_at), directory_dn = coalesce(@dn, directory_dn)
       WHERE id = @userId`,
    )
    .run({
      userId,
      found: f.found ? 1 : 0,
      dn: f.directoryDn ?? null,
      passwordLastSetAt: f.passwordLastSetAt ?? null,
      lockedOut: bit(f.lockedOut),
      disabled: bit(f.disabled),
      cannotChange: bit(f.cannotChangePassword),
      protectedAccount: bit(f.protectedAccount),
      mustChange: bit(f.mustChangePassword),
    });
}

type Provenance = Record<string, { source: string; readAt: string }>;

/**
 * Mark snapshot paths as read from `source` at `readAt` (provenance) and no longer unknown,
 * or — `readAt` undefined — as unknown. User paths live on the user, writeback paths on
 * the tenant (they are the same for every person of the tenant).
 */
export function recordFactPaths(
  db: Db,
  ids: { userId: string; tenantId: string },
  paths: readonly string[],
  read?: { source: string; readAt: string },
): void {
  const sqlite = db.$client;
  const apply = (table: "users" | "policies", key: string, id: string, mine: string[]) => {
    if (!mine.length) return;
    const row = sqlite.prepare(`SELECT unknown, provenance FROM ${table} WHERE ${key} = ?`).get(id) as
      { unknown: string; provenance: string | null } | undefined;
    if (!row) return;
    const unknown = new Set(JSON.parse(row.unknown) as string[]);
    const provenance = (row.provenance ? JSON.parse(row.provenance) : {}) as Provenance;
    for (const p of mine) {
      if (read) {
        unknown.delete(p);
        provenance[p] = read;
      } else unknown.add(p);
    }
    sqlite
      .prepare(`UPDATE ${table} SET unknown = ?, provenance = ? WHERE ${key} = ?`)
      .run(
        JSON.stringify([...unknown]),
        Object.keys(provenance).length ? JSON.stringify(provenance) : row.provenance,
        id,
      );
  };
  sqlite.transaction(() => {
    apply(
      "users",
      "id",
      ids.userId,
      paths.filter((p) => p.startsWith("user.")),
    );
    apply(
      "policies",
      "tenant_id",
      ids.tenantId,
      paths.filter((p) => p.startsWith("writeback.")),
    );
  })();
}
const bit = (v: boolean | undefined) => (v === undefined ? null : v ? 1 : 0);

export function recordPolicyAndRights(
  db: Db,
  tenantId: string,
  p: { minLength: number; complexity: boolean; historyCount: number; minAgeHours: number },
  rights?: { resetPassword: boolean; writeLockoutTime: boolean; writePwdLastSet: boolean },
): void {
  db.$client
    .prepare(
      `UPDATE writeback_connectors SET onprem_min_length = @minLength, onprem_complexity = @complexity, onprem_history_count = @historyCount, onprem_min_age_hours = @minAgeHours,
         perm_reset_password = coalesce(@reset, perm_reset_password), perm_write_lockout_time = coalesce(@lockout, perm_write_lockout_time),
         perm_write_pwd_last_set = coalesce(@pwdLastSet, perm_write_pwd_last_set)
       WHERE tenant_id = @tenantId`,
    )
    .run({
      tenantId,
      ...p,
      complexity: p.complexity ? 1 : 0,
      reset: bit(rights?.resetPassword),
      lockout: bit(rights?.writeLockoutTime),
      pwdLastSet: bit(rights?.writePwdLastSet),
    });
}

/** A heartbeat (or any successful read) marks the connector healthy; a failed one says how. */
export function recordConnectorHealth(
  db: Db,
  tenantId: string,
  h: { status: "healthy" | "unreachable" | "degraded"; at?: string },
): void {
  db.$client
    .prepare(
      "UPDATE writeback_connectors SET status = @status, last_heartbeat_at = coalesce(@at, last_heartbeat_at) WHERE tenant_id = @tenantId",
    )
    .run({ tenantId, status: h.status, at: h.at ?? null });
}

/** The person behind a verified, unexpired reset flow, with what the pre-flight needs. */
export function preflightSubject(db: Db, flowId: string, nowIso: string) {
  const row = db.$client
    .prepare(
      `SELECT u.id AS userId, u.upn, u.display_name AS displayName, u.source, t.name AS tenantName, p.banned_words AS bannedWords
       FROM reset_flows f JOIN users u ON u.id = f.user_id JOIN tenants t ON t.id = u.tenant_id JOIN policies p ON p.tenant_id = u.tenant_id
       WHERE f.id = ? AND f.state = 'verified' AND f.expires_at > ?`,
    )
    .get(flowId, nowIso) as
    | {
        userId: string;
        upn: string;
        displayName: string;
        source: "cloud" | "synced";
        tenantName: string;
        bannedWords: string;
      }
    | undefined;
  return row ? { ...row, bannedWords: JSON.parse(row.bannedWords) as string[] } : undefined;
}
