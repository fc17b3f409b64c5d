/**
 * Import and sweep of a generated 100,000-user Entra export (`npm run bench:import`;
 * BENCH_USERS to change the size). The export is written to a temp folder, imported into a
 * temp SQLite file (as `import:entra` does), imported again (the idempotent re-import with its
 * change report), then swept like `npm run sweep`. Prints wall and CPU time per step (the
 * machine is shared: CPU time is what the step costs) and the peak resident memory. The
 * export is generated in a child process, so the peak is the importer's and the sweep's own;
 * garbage is collected between steps (run with --expose-gc) so one step's leftovers do not
 * count against the next.
 * The sweep runs split over the cores (once starting the workers, once with them started)
 * and on one thread, side by side; CPU time counts every thread, peak RSS the workers too.
 * Targets (issue 15): import < 30 s, sweep < 3 s, memory < 1 GB. The machine's load average
 * is printed with the figures.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../src/db/client";
import { fixedClock } from "../src/clock";
import { tenantSweep } from "../src/flows/diagnosis";
import { stopSweepWorkers } from "../src/flows/parallel-sweep";
import { importFolder } from "../src/import/entra/import-folder";
import { loadDoctor } from "../src/wiring";

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "bench-entra-"));
const rows: [string, string, string, string][] = [];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
async function step<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
  gc();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const out = await fn();
  const c = process.cpuUsage(cpu);
  rows.push([
    label,
    `${((performance.now() - wall) / 1000).toFixed(2)} s`,
    `${((c.user + c.system) / 1e6).toFixed(2)} s`,
    `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ]);
  return out;
}

try {
  const { diagnoser } = await loadDoctor({ cacheDir: ".cache/kb" });
  const folder = join(dir, "export");
  const out = await step(`generate ${USERS.toLocaleString("en")} users (child)`, () =>
    execFileSync(
      process.execPath,
      ["--import", "tsx", "src/cli/generate-entra-export.ts", folder, "--users", String(USERS), "--seed", "15"],
      { encoding: "utf8" },
    ),
  );
  const gen = {
    folder,
    capturedAt: "2026-11-24T09:00:00.000Z",
    groups: Number(/(\d+) groups/.exec(out)?.[1] ?? 0),
    files: Number(/in (\d+) files/.exec(out)?.[1] ?? 0),
  };
  const { db, close } = openDb(join(dir, "bench.db"));
  const first = await step("import (first)", () =>
    importFolder(db, gen.folder, { importedAt: new Date().toISOString() }),
  );
  await step("import again (no changes)", () => importFolder(db, gen.folder, { importedAt: new Date().toISOString() }));
  // As `npm run sweep` does: split over the cores (the first split also starts the workers),
  // then on one thread, then split again with the workers started, side by side in one run.
  const clock = fixedClock(new Date(gen.capturedAt));
  const sweepOf = (parallel?: false) => () =>
    tenantSweep({ db, clock, diagnoser }, first.tenant.id, parallel === false ? { parallel } : {});
  const cold = await step("sweep, split (starts workers)", sweepOf());
  const one = await step("sweep, one thread", sweepOf(false));
  const result = await step("sweep, split", sweepOf());
  const same = [cold, result].every(
    (r) => JSON.stringify({ ...r, durationMs: 0, loadMs: 0 }) === JSON.stringify({ ...one, durationMs: 0, loadMs: 0 }),
  );
  close();
  await stopSweepWorkers();
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `Entra import of ${USERS.toLocaleString("en")} users; ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(
        " ",
      )} (${gen.groups} groups, ${gen.files} files; ${first.record.counts.memberships} memberships, ${first.record.counts.methods} methods, ${first.record.counts.auditEvents} audit events)`,
  );
  for (const [label, wall, cpu, peak] of rows)
    console.log(
      `  ${label.padEnd(30)} ${wall.padStart(9)} wall  ${cpu.padStart(9)} cpu  peak RSS so far ${peak.padStart(7)}`,
    );
  for (const [label, r] of [
    ["split", result],
    ["one thread", one],
  ] as const)
    console.log(
      `  sweep, ${label}: reading users ${(r.loadMs / 1000).toFixed(2)} s, diagnosing ${(r.durationMs / 1000).toFixed(2)} s (wall, interleaved)`,
    );
  // The last two steps: one thread, then split with the workers started.
  const [splitWall, oneWall] = [rows.at(-1)!, rows.at(-2)!].map((r) => parseFloat(r[1]));
  console.log(`  split ÷ one thread (wall): ${(splitWall! / oneWall!).toFixed(2)}×; same answer: ${same}`);
  console.log(
    `  verdicts: ${result.verdicts.can_reset} can reset, ${result.verdicts.at_risk} at risk, ${result.verdicts.blocked} blocked`,
  );
  console.log(`  peak RSS ${peak.toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
