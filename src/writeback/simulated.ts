/**
 * A simulated writeback connector driven by the connector state in the database:
 * it fails exactly as a real one would for the state the demo tenants (and tests) set
 * up — unreachable, degraded, missing rights, protected accounts, the on-premises
 * password policy — and succeeds otherwise. The real LDAP connector replaces it later.
 */
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { beatSimulatedConnectors, simulatedState } from "../db/simulated-connector";
import { WRITEBACK_STALE_MINUTES } from "../domain/catalogue";
import type { WritebackConnector, WritebackRequest, WritebackResult } from "./connector";
import { meetsComplexity } from "../domain/password-preflight";
import { noteSimulatedStatuses } from "../db/connector-status";

/** On-premises complexity: three of the four character classes (one definition, shared with the pre-flight). */
export { meetsComplexity };

export function simulatedConnector(db: Db, clock: Clock): WritebackConnector {
  return {
    async write(req: WritebackRequest): Promise<WritebackResult> {
      const now = clock.now();
      const { connector: c, writebackEnabled, user: u } = simulatedState(db, req.tenantId, req.userId);
      if (!c?.configured || !writebackEnabled)
        return fail("writeback_disabled", "Password writeback is not turned on for this tenant.");
      const heartbeatAge = c.lastHeartbeatAt ? (now.getTime() - Date.parse(c.lastHeartbeatAt)) / 60_000 : Infinity;
      if (c.status === "unreachable" || heartbeatAge > WRITEBACK_STALE_MINUTES) {
        return fail("writeback_connector_unreachable", "The on-premises connector did not answer.");
      }
      if (c.status === "degraded")
        return fail("writeback_degraded", "The on-premises connector reported itself degraded and refused the write.");
      if (req.newPassword !== undefined) {
        if (!c.permResetPassword)
          return fail(
            "writeback_missing_reset_permission",
            "The connector's service account lacks the Reset Password right.",
          );
        if (!c.permWritePwdLastSet)
          return fail(
            "writeback_missing_pwdlastset_permission",
            "The connector's service account may not write pwdLastSet.",
          );
        if (u?.cannotChangePassword)
          return fail(
            "onprem_cannot_change_password",
            "The on-premises account is flagged 'user cannot change password'.",
          );
        if (u?.protectedAccount)
          return fail("onprem_protected_account", "Protected on-premises accounts cannot be written by the connector.");
        const minAge = c.onPremMinAgeHours;
        if (
          minAge > 0 &&
          u?.passwordLastSetAt &&
          now.getTime() - Date.parse(u.passwordLastSetAt) < minAge * 3_600_000
        ) {
          return fail("onprem_min_password_age", `The on-premises policy allows one change every ${minAge} hours.`);
        }
        if (req.newPassword.length < c.onPremMinLength || (c.onPremComplexity && !meetsComplexity(req.newPassword))) {
          return fail(
            "onprem_password_policy_rejected",
            `The on-premises directory requires at least ${c.onPremMinLength} characters${c.onPremComplexity ? " and three of: lower case, upper case, digits, symbols" : ""}.`,
          );
        }
      }
      if (req.unlock && !c.permWriteLockoutTime) {
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
    beatSimulatedConnectors(db, clock.now().getTime());
    // The status history records what each simulated connector reports, on change only.
    noteSimulatedStatuses(db, clock.now());
  };
  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
