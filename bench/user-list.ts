/**
 * User list benchmark (`npm run bench:user-list`): one page of /admin/users for a generated
 * tenant of 100,000 users (bench/db-tenant.ts) — the first view, which reads and diagnoses
 * every user; repeated views, pages and filters of the unchanged tenant, which reuse the
 * kept verdicts (flows/tenant-standing.ts); and the view after one method changed, which
 * computes them again. The first/repeated ratio is the figure to compare across machines.
 */
import { cpus, loadavg } from "node:os";
import { fixedClock } from "../src/clock";
import { createDiagnoser } from "../src/diagnosis/engine";
import { loadRules } from "../src/diagnosis/rules";
import { listUsers } from "../src/flows/user-list";
import { NOW } from "../test/support/snapshots";
import { tenantInChildProcess } from "./db-tenant";

// BENCH_USERS (default 100,000), BENCH_ROUNDS (default 5).
const COUNT = Number(process.env.BENCH_USERS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  console.log(
    `user list, ${fmt(COUNT)} users in one tenant; ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}, node ${process.version}`,
  );
  const { db, tenantId, close } = tenantInChildProcess(COUNT, 42);
  const rules = loadRules({ hasArticle: () => true });
  const deps = { db, clock: fixedClock(NOW), diagnoser: createDiagnoser({ rules, articlesFor: () => [] }) };
  const page = (filter: Parameters<typeof listUsers>[1] = {}, offset = 0) => {
    const t = performance.now();
    const listed = listUsers(deps, { tenant: tenantId, ...filter }, { offset, limit: 50 });
    return { ms: performance.now() - t, total: listed.total };
  };
  try {
    const firsts: number[] = [];
    const repeats: number[] = [];
    const filtered: number[] = [];
    const changed: number[] = [];
    let total = 0;
    const userId = db.$client.prepare("SELECT id FROM users WHERE tenant_id = ? LIMIT 1").pluck().get(tenantId);
    for (let round = 0; round < ROUNDS; round++) {
      // A change to one user's methods: the next view computes the tenant again.
      db.$client
        .prepare("INSERT INTO methods (id, user_id, type, value, verified) VALUES (?, ?, 'email', ?, 1)")
        .run(`mth-bench-${round}`, userId, `bench${round}@example.com`);
      const first = page();
      (round === 0 ? firsts : changed).push(first.ms);
      total = first.total;
      for (let i = 1; i <= 3; i++) repeats.push(page({}, i * 50).ms);
      filtered.push(page({ verdict: "blocked" }).ms, page({ q: "user-1" }).ms);
    }
    const line = (label: string, xs: number[]) =>
      console.log(
        `  ${label.padEnd(40)} ${fmt(median(xs), 1).padStart(8)} ms  (runs ${xs.map((x) => fmt(x, 1)).join(", ")})`,
      );
    line(`first view (${fmt(total)} users diagnosed)`, firsts);
    line("view after one method changed", changed);
    line("repeated view, next pages", repeats);
    line("repeated view, filtered (verdict, search)", filtered);
    console.log(
      `  ratio first / repeated view            ${fmt(median([...firsts, ...changed]) / median(repeats), 0)}x (medians, same run)`,
    );
  } finally {
    close();
  }
}

main();
