/**
 * The sweep and what-if split over threads (flows/parallel-sweep.ts) against the one-thread
 * pass, on file-backed tenants with the threshold lowered: a generated tenant and an
 * imported Entra tenant whose users list unknown facts. Equal means the staff see the same
 * counts and the same users in the same order whichever path ran.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTenant } from "../../../bench/db-tenant";
import { fixedClock } from "../../../src/clock";
import { openDb, type Db } from "../../../src/db/client";
import { snapshotsForTenant } from "../../../src/db/snapshots";
import { tenantSharedContactValues, tenantUpnRanges, watchCommits } from "../../../src/db/tenant-partition";
import type { Diagnoser } from "../../../src/diagnosis/engine";
import { sharedMethodValues } from "../../../src/diagnosis/sweep";
import { tenantSweep, tenantWhatIf } from "../../../src/flows/diagnosis";
import { stopSweepWorkers, tenantPassInParallel } from "../../../src/flows/parallel-sweep";
import { generateExport } from "../../../src/import/entra/generate-fixture";
import { importFolder } from "../../../src/import/entra/import-folder";
import { sharedDoctor } from "../../../src/wiring";
import { NOW, tenantUsers } from "../../support/snapshots";

// Three threads on any machine, each reading its share in three ranges of at most 300 users:
// cuts between threads and cuts within a thread's share both get crossed.
const SPLIT = { minUsers: 500, threads: 3, sliceUsers: 300 };
let dir: string;
let diagnoser: Diagnoser;
const tenants: { name: string; db: Db; tenantId: string; close(): void }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sspr-parallel-"));
  ({ diagnoser } = await sharedDoctor());
  const generated = writeTenant(tenantUsers(2_000, 7), join(dir, "generated.db"));
  tenants.push({ name: "a generated tenant", ...generated });
  generateExport(join(dir, "export"), { users: 1_500, seed: 15 });
  const imported = openDb(join(dir, "imported.db"));
  const { tenant } = importFolder(imported.db, join(dir, "export"), { importedAt: "2026-11-24T09:05:00.000Z" });
  tenants.push({
    name: "an imported tenant with unknown facts",
    db: imported.db,
    tenantId: tenant.id,
    close: imported.close,
  });
}, 60_000);
afterAll(async () => {
  await stopSweepWorkers();
  for (const t of tenants) t.close();
  rmSync(dir, { recursive: true, force: true });
});

const deps = (db: Db, d: Diagnoser = diagnoser) => ({ db, clock: fixedClock(new Date(NOW)), diagnoser: d });
/** Everything but the clocks. */
const answer = <T extends { durationMs: number; loadMs: number }>({ durationMs, loadMs, ...rest }: T) => rest;

describe.each([0, 1])("the split sweep of tenant %i", (index) => {
  it("finds the same users in the same order as one thread, and counts them the same", () => {
    const { db, tenantId } = tenants[index]!;
    const split = tenantPassInParallel(deps(db), tenantId, { kind: "sweep" }, SPLIT);
    expect(split, "the sweep was split").toBeDefined();
    const one = tenantSweep(deps(db), tenantId, { parallel: false });
    const { durationMs, ...result } = split!.result;
    expect(result).toEqual(answer(one));
    expect(Object.values(one.usersByCode).some((users) => users.length > 100)).toBe(true);
  });

  it("answers a what-if as one thread does: the same users unblocked, blocked, at risk and able", () => {
    const { db, tenantId } = tenants[index]!;
    const override = { methodsAllowed: ["email" as const], methodsRequired: 1 as const };
    const split = tenantPassInParallel(deps(db), tenantId, { kind: "whatIf", override }, SPLIT);
    expect(split, "the what-if was split").toBeDefined();
    const one = tenantWhatIf(deps(db), tenantId, override, { parallel: false });
    const { durationMs, ...result } = split!.result;
    expect(result).toEqual(answer(one));
    expect(one.changed).toBeGreaterThan(0);
  });
});

describe("tenantSweep on a file", () => {
  it("reports progress up to every user when split", () => {
    const { db, tenantId } = tenants[0]!;
    const seen: number[] = [];
    const swept = tenantSweep(deps(db), tenantId, { parallel: SPLIT, progress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(2_000);
    expect(swept.users).toBe(2_000);
  });

  it("falls back to one thread, with the same answer, when a worker cannot answer (another ruleset)", () => {
    const { db, tenantId } = tenants[0]!;
    const other = { ...diagnoser, rulesVersion: "not-these-rules" };
    expect(answer(tenantSweep(deps(db, other), tenantId, { parallel: SPLIT }))).toEqual(
      answer(tenantSweep(deps(db), tenantId, { parallel: false })),
    );
  });

  it("keeps a tenant under the threshold on one thread", () => {
    const { db, tenantId } = tenants[0]!;
    expect(tenantPassInParallel(deps(db), tenantId, { kind: "sweep" }, { minUsers: 2_001 })).toBeUndefined();
  });

  it("keeps an in-memory database on one thread (no other connection can open it)", () => {
    const { db, close } = openDb(":memory:");
    try {
      expect(tenantPassInParallel(deps(db), "tnt-none", { kind: "sweep" }, { minUsers: 0 })).toBeUndefined();
    } finally {
      close();
    }
  });
});

describe("the tenant-wide facts of a split", () => {
  it("counts the contact values several users share across the whole tenant, as the snapshots do", () => {
    for (const { db, tenantId } of tenants) {
      const fromSnapshots = [...sharedMethodValues(snapshotsForTenant(db, new Date(NOW), tenantId))].filter(
        ([, n]) => n > 1,
      );
      expect(new Map(fromSnapshots)).toEqual(tenantSharedContactValues(db, tenantId));
    }
  });

  it("cuts the users into ranges that cover each of them once", () => {
    const { db, tenantId } = tenants[0]!;
    const ranges = tenantUpnRanges(db, tenantId, 3);
    expect(ranges).toHaveLength(3);
    expect(ranges[0]!.from).toBeUndefined();
    expect(ranges[2]!.to).toBeUndefined();
    expect(ranges[1]!.from).toBe(ranges[0]!.to);
    expect(ranges[2]!.from).toBe(ranges[1]!.to);
  });

  it("notices a commit by another connection after the watch began", () => {
    const { db, tenantId } = tenants[0]!;
    const file = db.$client.name;
    const commits = watchCommits(file);
    try {
      expect(commits.changed()).toBe(false);
      const writer = new Database(file);
      try {
        writer.prepare("UPDATE users SET display_name = display_name WHERE tenant_id = ?").run(tenantId);
      } finally {
        writer.close();
      }
      expect(commits.changed()).toBe(true);
    } finally {
      commits.close();
    }
  });
});
