/**
 * A simulated writeback connector driven by the connector state in the database:
 * it fails exactly as a real one would for the state the demo tenants (and tests) set
 * up — unreachable, degraded, missing rights, protected accounts, the on-premises
 * password policy — and succeeds otherwise. The real LDAP connector replaces it later.
 */
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { WRITEBACK_STALE_MINUTES } from "../domain/catalogue";
import type { WritebackConnector, WritebackRequest, WritebackResult } from "./connector";
import { meetsComplexity } from "../domain/password-preflight";
import { noteSimulatedStatuses } from "../db/connector-status";

type Row = Record<string, unknown>;

/** On-premises complexity: three of the four character classes (one definition, shared with the pre-flight). */
export { meetsComplexity };

export function simulatedConnector(db: Db, clock: Clock): WritebackConnector {
  return {
    async write(req: WritebackRequest): Promise<WritebackResult> {
      const now = clock.now();
      const c = db.$client.prepare("SELECT * FROM writeback_connectors WHERE tenant_id = ?").get(req.tenantId) as
        Row | undefined;
      const p = db.$client.prepare("SELECT writeback_enabled FROM policies WHERE tenant_id = ?").get(req.tenantId) as
        Row | undefined;
      const u = db.$client.prepare("SELECT * FROM users WHERE id = ?").get(req.userId) as Row | undefined;
      if (!c?.configured || !p?.writeback_enabled)
        return fail("writeback_disabled", "Password writeback is not turned on for this tenant.");
      const heartbeatAge = c.last_heartbeat_at
        ? (now.getTime() - Date.parse(c.last_heartbeat_at as string)) / 60_000
        : Infinity;
      if (c.status === "unreachable" || heartbeatAge > WRITEBACK_STALE_MINUTES) {
        return fail("writeback_connector_unreachable", "The on-premises connector did not answer.");
      }
      if (c.status === "degraded")
        return fail("writeback_degraded", "The on-premises connector reported itself degraded and refused the write.");
      if (req.newPassword !== undefined) {
        if (!c.perm_reset_password)
          return fail(
            "writeback_missing_reset_permission",
            "The connector's service account lacks the Reset Password right.",
          );
        if (!c.perm_write_pwd_last_set)
          return fail(
            "writeback_missing_pwdlastset_permission",
            "The connector's service account may not write pwdLastSet.",
          );
        if (u?.onprem_cannot_change_password)
          return fail(
            "onprem_cannot_change_password",
            "The on-premises account is flagged 'user cannot change password'.",
          );
        if (u?.onprem_protected_account)
          return fail("onprem_protected_account", "Protected on-premises accounts cannot be written by the connector.");
        const minAge = c.onprem_min_age_hours as number;
        if (
          minAge > 0 &&
          u?.password_last_set_at &&
          now.getTime() - Date.parse(u.password_last_set_at as string) < minAge * 3_600_000
        ) {
          return fail("onprem_min_password_age", `The on-premises policy allows one change every ${minAge} hours.`);
        }
        if (
          req.newPassword.length < (c.onprem_min_length as number) ||
          (c.onprem_complexity && !meetsComplexity(req.newPassword))
        ) {
          return fail(
            "onprem_password_policy_rejected",
            `The on-premises directory requires at least ${c.onprem_min_length} characters${c.onprem_complexity ? " and three of: lower case, upper case, digits, symbols" : ""}.`,
          );
        }
      }
      if (req.unlock && !c.perm_write_lockout_time) {
        return fail(
          "writeback_missing_unlock_permission",
          "The connector's service account may not write lockoutTime, so it cannot unlock.",
        );
      }
      return { ok: true };
    },
  };
}

const fail = (
  code: WritebackResult & { ok: false } extends { code: infer C } ? C : never,
  detail: string,
): WritebackResult => ({ ok: false, code, detail });

/**
 * Demo heartbeats: every configured simulated connector that is not unreachable beats
 * (a tenant with a real directory beats only when its directory answers), running
 * `heartbeat_lag_seconds` late (so the demo's late connector stays late instead of
 * going stale after a few minutes). Returns a stop function.
 */
export function startSimulatedHeartbeats(db: Db, clock: Clock, everyMs = 30_000): () => void {
  const beat = () => {
    const now = clock.now().getTime();
    db.$client
      .prepare(
        `UPDATE writeback_connectors SET last_heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ', ? / 1000.0 - heartbeat_lag_seconds, 'unixepoch')
         WHERE configured = 1 AND status <> 'unreachable'
           AND tenant_id NOT IN (SELECT tenant_id FROM directory_configs)`,
      )
      .run(now);
    // The status history records what each simulated connector reports, on change only.
    noteSimulatedStatuses(db, clock.now());
  };
  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
