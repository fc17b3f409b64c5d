/**
 * Insights benchmark: a year of audit activity for a 100k-user tenant (plus a second,
 * noisy tenant the query must skip) written into a temporary SQLite file, then the
 * insights query (flows/insights.ts: per day, failures by code, funnel) timed over the
 * whole year. The bar is under a second; the run fails above it. The file is
 * removed afterwards.
 *
 * BENCH_USERS (default 100000), BENCH_FLOWS_PER_USER (default 3), BENCH_RUNS (default 5).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../src/db/client";
import { tenantInsights } from "../src/flows/insights";

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const FLOWS_PER_USER = Number(process.env.BENCH_FLOWS_PER_USER ?? 3);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TENANT = "tnt-bench";
const OTHER = "tnt-noise";
const YEAR_START = Date.parse("2025-12-01T00:00:00Z");
const DAY = 86_400_000;
const FAILURES = [
  ["reset.verify", "verification_code_wrong"],
  ["reset.verify", "verification_code_expired"],
  ["reset.set_password", "password_too_weak"],
  ["reset.set_password", "password_recently_used"],
  ["reset.writeback", "writeback_connector_unreachable"],
  ["reset.writeback", "onprem_password_policy_rejected"],
  ["reset.start", "account_not_found"],
] as const;

// A small deterministic generator (mulberry32): the same rows on every run.
let seed = 0x5eed;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const dir = mkdtempSync(join(tmpdir(), "sspr-bench-insights-"));
const file = join(dir, "insights.db");
const { db, close } = openDb(file);
try {
  const sql = db.$client;
  const started = performance.now();
  let rows = 0;
  sql.transaction(() => {
    sql.prepare("INSERT INTO tenants (id, name, domain) VALUES (?, 'Bench', 'bench.example')").run(TENANT);
    sql.prepare("INSERT INTO tenants (id, name, domain) VALUES (?, 'Noise', 'noise.example')").run(OTHER);
    const insert = sql.prepare(
      "INSERT INTO audit_log (at, tenant_id, actor_type, action, target_user_id, outcome, code, ip, detail) VALUES (?, ?, 'anonymous', ?, ?, ?, ?, '203.0.113.7', ?)",
    );
    const put = (tenant: string, t: number, action: string, user: string, code: string | null = null) => {
      insert.run(new Date(t).toISOString(), tenant, action, user, code ? "failure" : "success", code, '{"flowId":"x"}');
      rows++;
    };
    const flow = (tenant: string, user: string) => {
      let t = YEAR_START + Math.floor(rand() * 365 * DAY);
      const failAt = rand() < 0.3 ? FAILURES[Math.floor(rand() * FAILURES.length)]! : undefined;
      for (const step of ["reset.start", "reset.challenge", "reset.verify", "reset.verify", "reset.set_password"]) {
        if (failAt && failAt[0] === step) return put(tenant, t, step, user, failAt[1]);
        if (step === "reset.set_password") break;
        put(tenant, t, step, user);
        t += 30_000 + Math.floor(rand() * 60_000);
      }
      if (failAt?.[0] === "reset.writeback") return put(tenant, t, "reset.writeback", user, failAt[1]);
      put(tenant, t, "reset.complete", user);
    };
    for (let u = 0; u < USERS; u++) {
      const user = `usr-${u}`;
      put(TENANT, YEAR_START + Math.floor(rand() * 365 * DAY), "me.method_verify", user);
      const flows = Math.floor(rand() * (2 * FLOWS_PER_USER + 1));
      for (let f = 0; f < flows; f++) flow(TENANT, user);
      // The other tenant: a fifth of the activity, which the index must let the query skip.
      if (u % 5 === 0) flow(OTHER, `noise-${u}`);
    }
  })();
  sql.exec("ANALYZE");
  const writeMs = performance.now() - started;
  const mb = statSync(file).size / 1_048_576;
  console.log(
    `insights: ${rows.toLocaleString("en")} audit rows for ${USERS.toLocaleString("en")} users written in ${(writeMs / 1000).toFixed(1)} s (${mb.toFixed(0)} MB)`,
  );

  const range = { from: "2025-12-01", to: "2026-11-30" };
  const times: number[] = [];
  let result;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    result = tenantInsights({ db }, TENANT, range);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const worst = times.at(-1)!;
  console.log(
    `insights: a year (${result!.days.length} days, ${result!.totals.attempted.toLocaleString("en")} resets attempted, ${result!.totals.succeeded.toLocaleString("en")} succeeded) in median ${median.toFixed(0)} ms, first ${times[0]!.toFixed(0)}–worst ${worst.toFixed(0)} ms over ${RUNS} runs`,
  );
  const plan = sql
    .prepare(
      "EXPLAIN QUERY PLAN SELECT day, action, outcome, code, rows FROM audit_daily WHERE tenant_id = ? AND day >= ? AND day <= ?",
    )
    .all(TENANT, "2025-12-01", "2026-11-30") as { detail: string }[];
  console.log(`insights: plan ${plan.map((p) => p.detail).join("; ")}`);
  if (worst >= 1000) {
    console.error(`insights: over the 1 s budget (${worst.toFixed(0)} ms)`);
    process.exitCode = 1;
  }
} finally {
  close();
  rmSync(dir, { recursive: true, force: true });
}
