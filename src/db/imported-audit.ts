/**
 * The state loader's view of audit estimates imported from Microsoft Graph (issue 15 item 2):
 * throttle events counted in the same windows as the service's own, blocks, and the newest
 * failed step as `attempt`. Kept apart from the reset-flow records because these come from
 * another system and are estimates (the snapshot's provenance says so).
 */
import type Database from "better-sqlite3";
import { isFindingCode, type FindingCode, type Method } from "../domain/catalogue";
import type { Snapshot } from "../domain/snapshot";

type Kind = "code_sent" | "verification_failed" | "reset_completed";
export type ImportedAudit = {
  counts: Map<string, Record<Kind, number>>;
  blocks: Map<string, string>;
  attempts: Map<string, NonNullable<Snapshot["attempt"]>>;
};

/**
 * @param params `{ tenantId, userId, codesSince, failuresSince, resetsSince }` as the loader binds them (the throttle registry's windows).
 * @param onlyUser the loader's `AND u.id = @userId` (or "").
 */
export function importedAudit(
  sqlite: Database.Database,
  params: Record<string, unknown>,
  onlyUser: string,
): ImportedAudit {
  const counts = new Map<string, Record<Kind, number>>();
  for (const [uid, kind, n] of sqlite
    .prepare(
      `SELECT e.user_id, e.kind, count(*) FROM imported_throttle_events e JOIN users u ON u.id = e.user_id
       WHERE u.tenant_id = @tenantId ${onlyUser} AND e.at > CASE e.kind WHEN 'code_sent' THEN @codesSince WHEN 'verification_failed' THEN @failuresSince ELSE @resetsSince END
       GROUP BY e.user_id, e.kind`,
    )
    .raw()
    .all(params) as [string, Kind, number][]) {
    const c = counts.get(uid) ?? { code_sent: 0, verification_failed: 0, reset_completed: 0 };
    c[kind] = n;
    counts.set(uid, c);
  }
  const blocks = new Map(
    sqlite
      .prepare(
        `SELECT b.user_id, b.blocked_until FROM imported_blocks b JOIN users u ON u.id = b.user_id WHERE u.tenant_id = @tenantId ${onlyUser}`,
      )
      .raw()
      .all(params) as [string, string][],
  );
  const attempts = new Map<string, NonNullable<Snapshot["attempt"]>>();
  for (const [uid, stage, method, error] of sqlite
    .prepare(
      `SELECT a.user_id, a.stage, a.method, a.error FROM imported_attempts a JOIN users u ON u.id = a.user_id WHERE u.tenant_id = @tenantId ${onlyUser}`,
    )
    .raw()
    .all(params) as [string, NonNullable<Snapshot["attempt"]>["stage"], Method | null, string | null][]) {
    const a: NonNullable<Snapshot["attempt"]> = { stage };
    if (method) a.method = method;
    // A code this build's catalogue does not know yet (a v2 code) is left out, not invented.
    if (error && isFindingCode(error)) a.error = error as FindingCode;
    attempts.set(uid, a);
  }
  return { counts, blocks, attempts };
}
