/**
 * State loader benchmark (`npm run bench:loader`): a generated tenant of 100,000 users in
 * a SQLite file (bench/db-tenant.ts), loaded through `snapshotsForTenant` and, in the same
 * run and interleaved, read by a bare SELECT of the same rows (the same tables, columns
 * and tenant filter, `raw().all()`, nothing built). Their ratio is the loader's own cost
 * and the figure to compare across machines; the bare scan is the floor.
 */
import { cpus, loadavg } from "node:os";
import type { Db } from "../src/db/client";
import { snapshotsForTenant } from "../src/db/snapshots";
import { NOW } from "../test/support/snapshots";
import { tenantInChildProcess } from "./db-tenant";

// BENCH_USERS (default 100,000), BENCH_ROUNDS (default 5).
const COUNT = Number(process.env.BENCH_USERS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MB = 1024 * 1024;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Every row the loader reads for a tenant, as bare arrays: the floor for any loader. */
function bareScan(db: Db, tenantId: string): number {
  const sql = db.$client;
  const q = (text: string) => (sql.prepare(text).raw().all(tenantId) as unknown[]).length;
  return (
    q(`SELECT u.id, u.upn, u.type, u.source, u.enabled, u.roles, u.license, u.password_last_set_at, u.onprem_locked_out,
        u.onprem_cannot_change_password, u.onprem_protected_account, u.onprem_must_change_password, u.registration_confirmed_at,
        u.federated, u.cloud_locked_until, u.onprem_disabled, u.onprem_found, u.delivery_failure, u.unknown, u.provenance
        FROM users u WHERE u.tenant_id = ?`) +
    q("SELECT m.user_id, m.group_id FROM group_memberships m JOIN users u ON u.id = m.user_id WHERE u.tenant_id = ?") +
    q(
      "SELECT m.user_id, m.type, m.value, m.verified, m.created_at FROM methods m JOIN users u ON u.id = m.user_id WHERE u.tenant_id = ?",
    ) +
    q("SELECT a.user_id FROM security_answers a JOIN users u ON u.id = a.user_id WHERE u.tenant_id = ?") +
    q(
      "SELECT e.user_id, e.kind, e.subject, e.at FROM throttle_events e JOIN users u ON u.id = e.user_id WHERE u.tenant_id = ?",
    ) +
    q(
      "SELECT b.user_id, b.blocked_until FROM throttle_blocks b JOIN users u ON u.id = b.user_id WHERE u.tenant_id = ?",
    ) +
    q(
      "SELECT f.user_id, f.attempt, f.attempt_at, f.completed_at FROM reset_flows f JOIN users u ON u.id = f.user_id WHERE u.tenant_id = ?",
    )
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  console.log(
    `state loader, ${fmt(COUNT)} users; ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}, node ${process.version}`,
  );
  let t = performance.now();
  const { db, tenantId, close } = tenantInChildProcess(COUNT, 42);
  console.log(`  tenant written in ${fmt(performance.now() - t)} ms (not timed below)`);
  const now = new Date(NOW);
  const bare: number[] = [];
  const loader: number[] = [];
  let rows = 0;
  let loaded = 0;
  try {
    // One warm-up of each (page cache, JIT), then interleaved rounds so both share the load.
    bareScan(db, tenantId);
    snapshotsForTenant(db, now, tenantId);
    for (let round = 0; round < ROUNDS; round++) {
      globalThis.gc?.();
      t = performance.now();
      rows = bareScan(db, tenantId);
      bare.push(performance.now() - t);
      globalThis.gc?.();
      t = performance.now();
      loaded = snapshotsForTenant(db, now, tenantId).length;
      loader.push(performance.now() - t);
    }
  } finally {
    close();
  }
  console.log(
    `  bare SELECT of the same rows   ${fmt(median(bare)).padStart(6)} ms  (${fmt(rows)} rows; rounds ${bare.map((x) => fmt(x)).join(", ")})`,
  );
  console.log(
    `  snapshotsForTenant             ${fmt(median(loader)).padStart(6)} ms  (${fmt(loaded)} snapshots; rounds ${loader.map((x) => fmt(x)).join(", ")})`,
  );
  // On a shared machine a round can be stretched several times over by other work; the
  // fastest round of each is the least disturbed, so its ratio is printed beside the medians'.
  console.log(
    `  ratio loader / bare scan       ${(median(loader) / median(bare)).toFixed(2)}x of medians, ${(Math.min(...loader) / Math.min(...bare)).toFixed(2)}x of fastest rounds (target <= 2x)`,
  );
  console.log(
    `  peak RSS ${fmt((process.resourceUsage().maxRSS * 1024) / MB)} MB (this process: loads only; the tenant was generated in another)`,
  );
}

main();
