/**
 * One way of sweeping a tenant, in a process of its own: what `bench/diagnosis.ts` starts
 * once per mode, so the peak memory it prints is that of a process that only opens the
 * database, loads the rules and sweeps and what-ifs the tenant (as the server does),
 * not of the process that generated the tenant or ran the other mode before it.
 *
 * Run as `node --import tsx bench/sweep-process.ts <file> <tenantId> <now> <split|one> <rounds>`;
 * each round is a sweep then a what-if (allowing office_phone), as the admin pages run
 * them, the first round starting the split's workers. It prints one line of JSON
 * (`SweepProcessReport`) on stdout. `resourceUsage().maxRSS` counts every thread of the
 * process, worker threads included.
 */
import { getHeapStatistics } from "node:v8";
import { openDb } from "../src/db/client";
import { loadPolicy } from "../src/db/snapshots";
import { createDiagnoser } from "../src/diagnosis/engine";
import { loadRules } from "../src/diagnosis/rules";
import { fixedClock } from "../src/clock";
import { tenantSweep, tenantWhatIf } from "../src/flows/diagnosis";
import { stopSweepWorkers } from "../src/flows/parallel-sweep";

export type SweepRound = {
  sweep: { ms: number; loadMs: number; diagnoseMs: number; verdicts: Record<string, number> };
  whatIf: { ms: number; loadMs: number; diagnoseMs: number; changed: number; unblocked: number; newlyBlocked: number };
  /** Peak RSS of the process once the round is done, MB. */
  peakRssMb: number;
};

export type SweepProcessReport = {
  mode: "split" | "one";
  /** RSS with the modules, the rules and the database open, before the first sweep, MB. */
  startRssMb: number;
  rounds: SweepRound[];
  /** Peak RSS of the whole process (every thread), MB. */
  peakRssMb: number;
  /** Peak V8 heap used on the main thread (sampled every 500 users), MB. */
  peakHeapMb: number;
};

const MB = 1024 * 1024;
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<void> {
  const [file, tenantId, now, mode, rounds] = process.argv.slice(2) as [
    string,
    string,
    string,
    "split" | "one",
    string,
  ];
  const rules = loadRules({ hasArticle: () => true });
  const diagnoser = createDiagnoser({ rules, articlesFor: () => [] });
  const { db, close } = openDb(file);
  const deps = { db, clock: fixedClock(new Date(now)), diagnoser };
  const parallel = mode === "split" ? undefined : (false as const);
  let peakHeap = 0;
  const sampleHeap = () => {
    peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
  };
  const startRssMb = process.memoryUsage().rss / MB;
  const override = { methodsAllowed: [...loadPolicy(db, tenantId)!.methodsAllowed, "office_phone" as const] };

  const report: SweepRound[] = [];
  for (let round = 0; round < Number(rounds); round++) {
    let t = performance.now();
    const health = tenantSweep(deps, tenantId, { parallel, progress: sampleHeap });
    const sweepMs = performance.now() - t;
    const sweep = { ms: sweepMs, loadMs: health.loadMs, diagnoseMs: health.durationMs, verdicts: health.verdicts };
    t = performance.now();
    const change = tenantWhatIf(deps, tenantId, override, { parallel, progress: sampleHeap });
    const whatIf = {
      ms: performance.now() - t,
      loadMs: change.loadMs,
      diagnoseMs: change.durationMs,
      changed: change.changed,
      unblocked: change.unblocked.length,
      newlyBlocked: change.newlyBlocked.length,
    };
    report.push({ sweep, whatIf, peakRssMb: maxRssMb() });
  }
  await stopSweepWorkers();
  close();
  const result: SweepProcessReport = {
    mode,
    startRssMb,
    rounds: report,
    peakRssMb: maxRssMb(),
    peakHeapMb: peakHeap / MB,
  };
  console.log(JSON.stringify(result));
}

await main();
