/**
 * Diagnosis benchmark (`npm run bench:diagnosis`): interactive latency through
 * json-rules-engine against a bare `engine.run(facts)` in the same process, compiled
 * throughput, and a tenant sweep and what-if over 100,000 users with peak memory.
 * BENCH_SOURCE=memory sweeps the generated snapshots in this process. BENCH_SOURCE=sqlite
 * measures what the server does: the tenant is written to a SQLite file by a child process,
 * then each mode (split over the cores, one thread; twice each, alternating) sweeps and
 * what-ifs it in a fresh process of its own (bench/sweep-process.ts), which reports its
 * times, reading and diagnosing apart, and its peak RSS (worker threads count in it) and
 * heap — the memory of a process that sweeps, not of the one that generated the tenant.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Engine } from "json-rules-engine";
import type { FindingCode } from "../src/domain/catalogue";
import { createDiagnoser, toEngineFacts } from "../src/diagnosis/engine";
import { computeFacts } from "../src/diagnosis/facts";
import { resolvePath } from "../src/diagnosis/paths";
import { registerOperators } from "../src/diagnosis/operators";
import { loadRules } from "../src/diagnosis/rules";
import type { Diagnoser } from "../src/diagnosis/engine";
import {
  sharedMethodValues,
  sweep,
  whatIf,
  type SweepResult,
  type TenantUser,
  type WhatIfResult,
} from "../src/diagnosis/sweep";
import type { PolicyOverride, Snapshot } from "../src/domain/snapshot";
import { NOW, tenantUsers } from "../test/support/snapshots";
import { tenantFileInChildProcess } from "./db-tenant";
import type { SweepProcessReport } from "./sweep-process";

/** Where the sweep's snapshots come from (in memory), and how a tenant is swept and what-if'd from it. */
export type SnapshotSource = {
  name: string;
  /** The policy the what-if starts from. */
  policy: () => Snapshot["policy"];
  sweep: (diagnoser: Diagnoser) => SweepResult & { loadMs: number };
  whatIf: (diagnoser: Diagnoser, override: PolicyOverride) => WhatIfResult & { loadMs: number };
};

/** The generated in-memory tenant: `sweep`/`whatIf` over its array, in this process. */
function inMemorySource(count: number, seed: number): SnapshotSource {
  const tenant = tenantUsers(count, seed);
  const shared = sharedMethodValues(tenant);
  return {
    name: "in-memory generator",
    policy: () => tenant[0]!.snapshot.policy,
    sweep: (diagnoser) => ({ ...sweep(sampled(tenant), diagnoser, { sharedMethodValues: shared }), loadMs: 0 }),
    whatIf: (diagnoser, override) => ({
      ...whatIf(sampled(tenant), override, diagnoser, { sharedMethodValues: shared }),
      loadMs: 0,
    }),
  };
}

/** Each mode of the SQLite bench in a process of its own, alternating so neither gets the quieter minute. */
const PROCESS_MODES: { mode: SweepProcessReport["mode"]; label: string }[] = [
  { mode: "split", label: "split over the cores" },
  { mode: "one", label: "one thread" },
  { mode: "split", label: "split over the cores" },
  { mode: "one", label: "one thread" },
];
/** Sweep + what-if rounds per process: the first split round starts the workers, the second reuses them. */
const PROCESS_ROUNDS = 2;
const SWEEP_PROCESS = fileURLToPath(new URL("./sweep-process.ts", import.meta.url));

/** One mode's figures from a fresh process (bench/sweep-process.ts). */
function sweepInOwnProcess(file: string, tenantId: string, mode: SweepProcessReport["mode"]): SweepProcessReport {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", SWEEP_PROCESS, file, tenantId, NOW, mode, String(PROCESS_ROUNDS)],
    { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" },
  );
  if (child.status !== 0) throw new Error(`the ${mode} sweep process failed (${child.status ?? child.signal})`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as SweepProcessReport;
}

/** The SQLite tenant, written once, swept in a fresh process per mode; prints each, and the peak memory per mode. */
function sqliteInProcesses(count: number): void {
  let t = performance.now();
  const { file, tenantId, remove } = tenantFileInChildProcess(count, 42);
  try {
    console.log(
      `\ntenant: ${count.toLocaleString("en-US")} users in a SQLite file, written by a child process in ${fmt(performance.now() - t, 0)} ms; ` +
        `each mode below sweeps and what-ifs it in a fresh process (tsx, the rules, the database, the state loader)`,
    );
    const peaks = new Map<string, number[]>();
    for (const { mode, label } of PROCESS_MODES) {
      t = performance.now();
      const report = sweepInOwnProcess(file, tenantId, mode);
      console.log(
        `  ${label}, own process (${fmt((performance.now() - t) / 1000, 1)} s; RSS ${fmt(report.startRssMb, 0)} MB before the first sweep)`,
      );
      report.rounds.forEach((round, i) => {
        const first = i === 0 && mode === "split" ? " (starts workers)" : "";
        const { sweep: sw, whatIf: wi } = round;
        console.log(
          `    sweep${first.padEnd(24)} ${fmt(sw.ms, 0).padStart(6)} ms  ${fmt((count / sw.ms) * 1000, 0)} users/s  (target < 2000 ms; of which reading users ${fmt(sw.loadMs, 0)} ms, diagnosing ${fmt(sw.diagnoseMs, 0)} ms)`,
        );
        console.log(`             verdicts ${JSON.stringify(sw.verdicts)}`);
        console.log(
          `    what-if${"".padEnd(22)} ${fmt(wi.ms, 0).padStart(6)} ms  ${fmt((count / wi.ms) * 1000, 0)} users/s  (target < 2000 ms; of which reading users ${fmt(wi.loadMs, 0)} ms, diagnosing ${fmt(wi.diagnoseMs, 0)} ms)`,
        );
        console.log(
          `             allow office_phone: changed ${wi.changed}, unblocked ${wi.unblocked}, newly blocked ${wi.newlyBlocked}; peak RSS so far ${fmt(round.peakRssMb, 0)} MB`,
        );
      });
      console.log(
        `    peak RSS ${fmt(report.peakRssMb, 0)} MB (target < 400 MB), peak heap used ${fmt(report.peakHeapMb, 0)} MB (main thread), load average ${loadavg()[0]!.toFixed(2)}`,
      );
      peaks.set(label, [...(peaks.get(label) ?? []), report.peakRssMb]);
    }
    console.log(
      `\npeak RSS of a process that sweeps and what-ifs ${count.toLocaleString("en-US")} users ${PROCESS_ROUNDS} times: ` +
        [...peaks].map(([label, mbs]) => `${label} ${mbs.map((mb) => fmt(mb, 0)).join(" / ")} MB`).join("; ") +
        " (target < 400 MB)",
    );
  } finally {
    remove();
  }
}

// BENCH_USERS (default 100,000), BENCH_RUNS (interactive runs, 5,000), BENCH_SOURCE (memory | sqlite).
const TENANT_SIZE = Number(process.env.BENCH_USERS ?? 100_000);
const INTERACTIVE_RUNS = Number(process.env.BENCH_RUNS ?? 5_000);
const SOURCE_NAMES = (process.env.BENCH_SOURCE ?? "memory").split(",");

const MB = 1024 * 1024;
const fmt = (n: number, digits = 1) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

let peakHeap = 0;
const sampleHeap = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};

/** Wraps a source so heap use is sampled while a sweep reads it (a sweep is synchronous). */
function sampled(users: Iterable<TenantUser>): Iterable<TenantUser> {
  return {
    *[Symbol.iterator]() {
      let i = 0;
      for (const user of users) {
        if (++i % 5_000 === 0) sampleHeap();
        yield user;
      }
    },
  };
}

async function timeAsync(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return times;
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  return {
    perSecond: (times.length / total) * 1000,
    mean: total / times.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

async function main(): Promise<void> {
  const rules = loadRules({ hasArticle: () => true });
  const articlesFor = (code: FindingCode) => [{ slug: code, title: code, url: `/kb/${code}` }];
  const diagnoser = createDiagnoser({ rules, articlesFor });
  console.log(
    `rules ${rules.rules.length} (version ${rules.version}), node ${process.version}; ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );

  // ---- Interactive: our diagnose() vs a bare engine.run(facts) with the same rules and facts.
  const sample = tenantUsers(1_000, 3).map((u) => u.snapshot);
  const shared = sharedMethodValues(sample.map((snapshot) => ({ snapshot })));
  const facts = sample.map((s) => computeFacts(s, { sharedMethodValues: shared }));
  const bare = new Engine(
    rules.rules.map((r) => r.json),
    { allowUndefinedFacts: false, pathResolver: resolvePath },
  );
  registerOperators(bare);
  // Two baselines: engine.run with the plain facts object (what a straightforward caller
  // writes), and with the uncached Fact instances diagnose() itself hands over — the
  // second ratio is the pure cost of our wrapper (facts, evidence, texts, id, queue).
  const runBare = (i: number) => bare.run(facts[i % facts.length] as unknown as Record<string, unknown>);
  const runBareFacts = (i: number) => bare.run(toEngineFacts(facts[i % facts.length]!));
  const runOurs = (i: number) => diagnoser.diagnose(sample[i % sample.length]!, { sharedMethodValues: shared });
  for (const run of [runBare, runBareFacts, runOurs]) await timeAsync(1_000, run); // warm-up
  // Interleave rounds so no side gets the quieter share of the machine's time.
  const bareTimes: number[] = [];
  const bareFactTimes: number[] = [];
  const ourTimes: number[] = [];
  for (let round = 0; round < 5; round++) {
    bareTimes.push(...(await timeAsync(INTERACTIVE_RUNS / 5, runBare)));
    bareFactTimes.push(...(await timeAsync(INTERACTIVE_RUNS / 5, runBareFacts)));
    ourTimes.push(...(await timeAsync(INTERACTIVE_RUNS / 5, runOurs)));
  }
  const b = summary(bareTimes);
  const bf = summary(bareFactTimes);
  const o = summary(ourTimes);
  const line = (label: string, s: ReturnType<typeof summary>) =>
    console.log(
      `  ${label.padEnd(34)} ${fmt(s.perSecond, 0).padStart(6)}/s  mean ${fmt(s.mean, 3)} ms  p50 ${fmt(s.p50, 3)} ms  p99 ${fmt(s.p99, 3)} ms`,
    );
  console.log("\ninteractive (json-rules-engine), %s runs each", INTERACTIVE_RUNS.toLocaleString("en-US"));
  line("bare engine.run(plain facts)", b);
  line("bare engine.run(uncached Facts)", bf);
  line("diagnose()", o);
  console.log(`  ratio diagnose / bare (plain facts)     ${fmt(o.mean / b.mean, 2)}x (target <= 1.3x)`);
  console.log(`  ratio diagnose / bare (uncached Facts)  ${fmt(o.mean / bf.mean, 2)}x (our wrapper alone)`);
  console.log(`  diagnose p99 ${fmt(o.p99, 3)} ms (target < 2 ms)`);

  // ---- Compiled: the same diagnosis, synchronous.
  const compiledRuns = 50_000;
  for (let i = 0; i < 5_000; i++)
    diagnoser.diagnoseCompiled(sample[i % sample.length]!, { sharedMethodValues: shared });
  let t = performance.now();
  for (let i = 0; i < compiledRuns; i++)
    diagnoser.diagnoseCompiled(sample[i % sample.length]!, { sharedMethodValues: shared });
  const compiledMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < compiledRuns; i++)
    diagnoser.findingCodes(sample[i % sample.length]!, { sharedMethodValues: shared });
  const codesMs = performance.now() - t;
  console.log("\ncompiled");
  console.log(
    `  diagnoseCompiled()     ${fmt((compiledRuns / compiledMs) * 1000, 0)}/s (full diagnosis with evidence and id)`,
  );
  console.log(`  findingCodes()         ${fmt((compiledRuns / codesMs) * 1000, 0)}/s (codes only, what a sweep uses)`);
  console.log(`  vs diagnose()          ${fmt(o.mean / (compiledMs / compiledRuns), 1)}x faster per diagnosis`);

  // ---- Sweep and what-if over a tenant.
  for (const sourceName of SOURCE_NAMES) {
    if (sourceName === "sqlite") {
      sqliteInProcesses(TENANT_SIZE);
      continue;
    }
    if (sourceName !== "memory") throw new Error("unknown BENCH_SOURCE; one of memory, sqlite");
    t = performance.now();
    const source = inMemorySource(TENANT_SIZE, 42);
    const prepareMs = performance.now() - t;
    globalThis.gc?.();
    sampleHeap();
    console.log(
      `\ntenant: ${TENANT_SIZE.toLocaleString("en-US")} users from ${source.name} (prepared in ${fmt(prepareMs, 0)} ms, not timed below)`,
    );

    t = performance.now();
    let health: ReturnType<SnapshotSource["sweep"]> | undefined = source.sweep(diagnoser);
    const sweepMs = performance.now() - t;
    sampleHeap();
    console.log(
      `  sweep${"".padEnd(28)} ${fmt(sweepMs, 0).padStart(6)} ms  ${fmt((TENANT_SIZE / sweepMs) * 1000, 0)} users/s  (target < 2000 ms)`,
    );
    console.log(`           verdicts ${JSON.stringify(health.verdicts)}`);
    const top = Object.entries(health.counts)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    console.log(`           top codes ${top.map(([c, n]) => `${c}=${n}`).join(", ")}`);
    // A what-if request does not hold a sweep's result: let it go before the what-if reads.
    health = undefined;
    globalThis.gc?.();

    const override = { methodsAllowed: [...source.policy().methodsAllowed, "office_phone" as const] };
    t = performance.now();
    const change = source.whatIf(diagnoser, override);
    const whatIfMs = performance.now() - t;
    sampleHeap();
    console.log(
      `  what-if${"".padEnd(26)} ${fmt(whatIfMs, 0).padStart(6)} ms  ${fmt((TENANT_SIZE / whatIfMs) * 1000, 0)} users/s  (target < 2000 ms)`,
    );
    console.log(
      `           allow office_phone: changed ${change.changed}, unblocked ${change.unblocked.length}, newly blocked ${change.newlyBlocked.length}`,
    );
  }

  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    SOURCE_NAMES.includes("memory")
      ? `\nmemory of this process (the interactive runs, the in-memory tenant): peak RSS ${fmt(maxRss / MB, 0)} MB, peak heap used ${fmt(peakHeap / MB, 0)} MB`
      : `\nmemory of this process (the interactive runs): peak RSS ${fmt(maxRss / MB, 0)} MB`,
  );
}

await main();
