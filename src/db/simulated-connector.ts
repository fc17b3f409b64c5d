/**
 * What the simulated writeback connector (src/writeback/simulated.ts) reads and writes: the
 * demo tenants have no directory, so the connector's answers come from the tenant's
 * connector row, its policy and the user's on-premises columns, and its heartbeats are
 * written here.
 */
import type { Db } from "./client";

export type SimulatedState = {
  connector?: {
    configured: boolean;
    status: string;
    lastHeartbeatAt: string | null;
    permResetPassword: boolean;
    permWritePwdLastSet: boolean;
    permWriteLockoutTime: boolean;
    onPremMinLength: number;
    onPremComplexity: boolean;
    onPremMinAgeHours: number;
  };
  writebackEnabled: boolean;
  user?: { cannotChangePassword: boolean; protectedAccount: boolean; passwordLastSetAt: string | null };
};

/** @example simulatedState(db, "tnt-contoso", "usr-sam.synced").connector?.status // "healthy" */
export function simulatedState(db: Db, tenantId: string, userId: string): SimulatedState {
  const c = db.$client
    .prepare(
      `SELECT configured, status, last_heartbeat_at, perm_reset_password, perm_write_pwd_last_set, perm_write_lockout_time,
         onprem_min_length, onprem_complexity, onprem_min_age_hours FROM writeback_connectors WHERE tenant_id = ?`,
    )
    .raw()
    .get(tenantId) as [number, string, string | null, number, number, number, number, number, number] | undefined;
  const enabled = db.$client
    .prepare("SELECT writeback_enabled FROM policies WHERE tenant_id = ?")
    .pluck()
    .get(tenantId) as number | undefined;
  const u = db.$client
    .prepare(
      "SELECT onprem_cannot_change_password, onprem_protected_account, password_last_set_at FROM users WHERE id = ?",
    )
    .raw()
    .get(userId) as [number, number, string | null] | undefined;
  return {
    ...(c && {
      connector: {
        configured: c[0] === 1,
        status: c[1],
        lastHeartbeatAt: c[2],
        permResetPassword: c[3] === 1,
        permWritePwdLastSet: c[4] === 1,
        permWriteLockoutTime: c[5] === 1,
        onPremMinLength: c[6],
        onPremComplexity: c[7] === 1,
        onPremMinAgeHours: c[8],
      },
    }),
    writebackEnabled: enabled === 1,
    ...(u && { user: { cannotChangePassword: u[0] === 1, protectedAccount: u[1] === 1, passwordLastSetAt: u[2] } }),
  };
}

/**
 * One demo heartbeat: every configured simulated connector that is not unreachable beats,
 * `heartbeat_lag_seconds` late; tenants with a real directory beat only when it answers,
 * and an imported tenant's connector never: it is a reading of a real one, and a beat of
 * ours would claim a health nobody observed (ADR 010, addendum).
 */
export function beatSimulatedConnectors(db: Db, nowMs: number): void {
  db.$client
    .prepare(
      `UPDATE writeback_connectors SET last_heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ', ? / 1000.0 - heartbeat_lag_seconds, 'unixepoch')
       WHERE configured = 1 AND status <> 'unreachable'
         AND tenant_id NOT IN (SELECT tenant_id FROM directory_configs)
         AND tenant_id NOT IN (SELECT tenant_id FROM imports)`,
    )
    .run(nowMs);
}
