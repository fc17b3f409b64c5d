/**
 * What /readyz asks the database: are all committed migrations applied, and has every
 * configured writeback connector reported at least once (reachable or not — readiness is
 * about knowing the connector's state, not about the directory being up).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Db } from "./client";

const JOURNAL = fileURLToPath(new URL("./migrations/meta/_journal.json", import.meta.url));

/** @example migrationState(db) // { applied: 7, expected: 7 } */
export function migrationState(db: Db): { applied: number; expected: number } {
  const expected = (JSON.parse(readFileSync(JOURNAL, "utf8")) as { entries: unknown[] }).entries.length;
  const hasTable = db.$client.prepare("SELECT 1 FROM sqlite_master WHERE name = '__drizzle_migrations'").get();
  const applied = hasTable
    ? (db.$client.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get() as number)
    : 0;
  return { applied, expected };
}

/**
 * Tenants whose connector is configured but has never reported a heartbeat. An imported
 * tenant without a directory of ours is not waited for: nothing of ours will ever beat for
 * its connector, whose state is what the import read (ADR 010, addendum).
 */
export function silentConnectors(db: Db): string[] {
  return db.$client
    .prepare(
      `SELECT tenant_id FROM writeback_connectors WHERE configured = 1 AND last_heartbeat_at IS NULL
         AND (tenant_id NOT IN (SELECT tenant_id FROM imports) OR tenant_id IN (SELECT tenant_id FROM directory_configs))
       ORDER BY tenant_id`,
    )
    .pluck()
    .all() as string[];
}
