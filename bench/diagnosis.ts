/**
 * Diagnosis benchmark (`npm run bench:diagnosis`): interactive latency through
 * json-rules-engine against a bare `engine.run(facts)` in the same process, compiled
 * throughput, and a tenant sweep and what-if over 100,000 snapshots with peak memory.
 * Snapshots come from a `SnapshotSource`; the in-memory generator here can be swapped for
 * the database loader (same shape: a name and a function yielding tenant users). The SQLite
 * tenant is swept and what-if'd split over the cores and on one thread in turn, with the load
 * average and the peak RSS (worker threads count in it) after each.
 */
import { cpus, loadavg } from "node:os";
import { Engine } from "json-rules-engine";
import type { FindingCode } from "../src/domain/catalogue";
import { createDiagnoser, toEngineFacts } from "../src/diagnosis/engine";
import { computeFacts } from "../src/diagnosis/facts";
import { resolvePath } from "../src/diagnosis/paths";
import { registerOperators } from "../src/diagnosis/operators";
import { loadRules } from "../src/diagnosis/rules";
import { fixedClock } from "../src/clock";
import { loadPolicy } from "../src/db/snapshots";
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
import { tenantSweep, tenantWhatIf } from "../src/flows/diagnosis";
import { stopSweepWorkers, type ParallelOptions } from "../src/flows/parallel-sweep";
import { NOW, tenantUsers } from "../test/support/snapshots";
import { tenantInChildProcess } from "./db-tenant";

/**
 * Where the sweep's snapshots come from, and how a tenant is swept and what-if'd from it:
 * the in-memory generator hands `sweep`/`whatIf` its array; SQLite goes through the same
 * use cases the admin pages, the API and `npm run sweep` call (`tenantSweep`,
 * `tenantWhatIf`), which stream users from the state loader and report the reading apart.
 */
export type SnapshotSource = {
  name: string;
  /** The policy the what-if starts from. */
  policy: () => Snapshot["policy"];
  sweep: (diagnoser: Diagnoser, parallel?: ParallelOptions | false) => SweepResult & { loadMs: number };
  whatIf: (
    diagnoser: Diagnoser,
    override: PolicyOverride,
    parallel?: ParallelOptions | false,
  ) => WhatIfResult & { loadMs: number };
  /** Ways to run the same sweep, in turn (SQLite: split over the cores, and on one thread). */
  modes?: { label: string; parallel?: ParallelOptions | false }[];
  /** Removes what the source made (the SQLite file and its folder). */
  close?: () => void;
};

/** The generated in-memory tenant; a database-backed source goes beside it in SOURCES. */
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

/**
 * The same generated tenant written to a SQLite file: every pass runs the real state loader.
 * Written by a child process, so this process's peak memory is the loader's and the rules'.
 */
function sqliteSource(count: number, seed: number): SnapshotSource {
  const { db, tenantId, close } = tenantInChildProcess(count, seed);
  const deps = (diagnoser: Diagnoser) => ({ db, clock: fixedClock(new Date(NOW)), diagnoser });
  return {
    name: "SQLite through the state loader, streamed as tenantSweep / tenantWhatIf do (load timed)",
    policy: () => loadPolicy(db, tenantId)!,
    sweep: (diagnoser, parallel) => tenantSweep(deps(diagnoser), tenantId, { progress: sampleHeap, parallel }),
    whatIf: (diagnoser, override, parallel) => tenantWhatIf(deps(diagnoser), tenantId, override, { parallel }),
    modes: [
      { label: "split (starts workers)" },
      { label: "one thread", parallel: false },
      { label: "split" },
      { label: "one thread", parallel: false },
      { label: "split" },
    ],
    close,
  };
}

const SOURCES: Record<string, (count: number) => SnapshotSource> = {
  memory: (count) => inMemorySource(count, 42),
  sqlite: (count) => sqliteSource(count, 42),
};

// BENCH_USERS (default 100,000), BENCH_RUNS (interactive runs, 5,000), BENCH_SOURCE (memory | sqlite).
const TENANT_SIZE = Number(process.env.BENCH_USERS ?? 100_000);
const INTERACTIVE_RUNS = Number(process.env.BENCH_RUNS ?? 5_000);

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
  for (const sourceName of (process.env.BENCH_SOURCE ?? "memory").split(",")) {
    t = performance.now();
    const makeSource = SOURCES[sourceName];
    if (!makeSource) throw new Error(`unknown BENCH_SOURCE; one of ${Object.keys(SOURCES).join(", ")}`);
    const source = makeSource(TENANT_SIZE);
    const prepareMs = performance.now() - t;
    globalThis.gc?.();
    sampleHeap();
    console.log(
      `\ntenant: ${TENANT_SIZE.toLocaleString("en-US")} users from ${source.name} (prepared in ${fmt(prepareMs, 0)} ms, not timed below)`,
    );

    // Sweep and what-if as the use cases run them: for SQLite, users are read and diagnosed
    // in one stream, split over the cores and on one thread in turn, side by side in one run
    // (the first split also starts the workers, so it is printed apart).
    for (const mode of source.modes ?? [undefined]) {
      t = performance.now();
      let health: ReturnType<SnapshotSource["sweep"]> | undefined = source.sweep(diagnoser, mode?.parallel);
      const sweepMs = performance.now() - t;
      sampleHeap();
      const label = mode ? ` ${mode.label}` : "";
      console.log(
        `  sweep${label.padEnd(28)} ${fmt(sweepMs, 0).padStart(6)} ms  ${fmt((TENANT_SIZE / sweepMs) * 1000, 0)} users/s  (target < 2000 ms; of which reading users ${fmt(health.loadMs, 0)} ms, diagnosing ${fmt(health.durationMs, 0)} ms)`,
      );
      console.log(`           verdicts ${JSON.stringify(health.verdicts)}`);
      if (!mode) {
        const top = Object.entries(health.counts)
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5);
        console.log(`           top codes ${top.map(([c, n]) => `${c}=${n}`).join(", ")}`);
      }
      // A what-if request does not hold a sweep's result: let it go before the what-if reads.
      health = undefined;
      globalThis.gc?.();

      const override = { methodsAllowed: [...source.policy().methodsAllowed, "office_phone" as const] };
      t = performance.now();
      const change = source.whatIf(diagnoser, override, mode?.parallel);
      const whatIfMs = performance.now() - t;
      sampleHeap();
      console.log(
        `  what-if${label.padEnd(26)} ${fmt(whatIfMs, 0).padStart(6)} ms  ${fmt((TENANT_SIZE / whatIfMs) * 1000, 0)} users/s  (target < 2000 ms; of which reading users ${fmt(change.loadMs, 0)} ms, diagnosing ${fmt(change.durationMs, 0)} ms)`,
      );
      console.log(
        `           allow office_phone: changed ${change.changed}, unblocked ${change.unblocked.length}, newly blocked ${change.newlyBlocked.length}`,
      );
      globalThis.gc?.();
      const rss = process.resourceUsage().maxRSS / 1024;
      console.log(`           peak RSS so far ${fmt(rss, 0)} MB, load average ${loadavg()[0]!.toFixed(2)}`);
    }
    await stopSweepWorkers();
    source.close?.();
  }

  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `\nmemory: peak RSS ${fmt(maxRss / MB, 0)} MB, peak heap used ${fmt(peakHeap / MB, 0)} MB (target < 400 MB)`,
  );
}

await main();
