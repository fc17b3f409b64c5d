/**
 * The generated 2,000-user export (src/import/entra/generate-fixture.ts) written to a temp
 * folder, imported and swept: the generator is deterministic, and the import carries every
 * feature the generator put in (nesting, admins outside the v1 roles, synced users, the
 * unregistered, blocks and writeback failures from the audit).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock";
import { openDb, type Db } from "../../src/db/client";
import { snapshotsForTenant } from "../../src/db/snapshots";
import { generateExport } from "../../src/import/entra/generate-fixture";
import { importFolder } from "../../src/import/entra/import-folder";
import { tenantSweep } from "../../src/flows/diagnosis";
import { sharedDoctor } from "../../src/wiring";

const CAPTURED = "2026-11-24T09:00:00.000Z";
let dir: string;
let db: Db;
let close: () => void;
let record: ReturnType<typeof importFolder>["record"];
let tenantId: string;
let importMs: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "entra-2k-"));
  generateExport(dir, { users: 2000, seed: 15 });
  ({ db, close } = openDb(":memory:"));
  const started = performance.now();
  ({
    record,
    tenant: { id: tenantId },
  } = importFolder(db, dir, { importedAt: "2026-11-24T09:05:00.000Z" }));
  importMs = performance.now() - started;
});
afterAll(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the generated 2,000-user export", () => {
  it("is the same for the same seed", () => {
    const again = mkdtempSync(join(tmpdir(), "entra-2k-again-"));
    try {
      generateExport(again, { users: 2000, seed: 15 });
      for (const file of ["users.2.json", "auditLogs/directoryAudits.json", "sspr-settings.json"]) {
        expect(readFileSync(join(again, file), "utf8")).toBe(readFileSync(join(dir, file), "utf8"));
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it("is paged like Graph (999 per page)", () => {
    expect(
      readdirSync(dir)
        .filter((f) => /^users(\.\d+)?\.json$/.test(f))
        .sort(),
    ).toEqual(["users.2.json", "users.3.json", "users.json"]);
  });

  it("imports quickly and completely", () => {
    expect(record.counts.users).toBe(2000);
    expect(record.counts.nesting).toBeGreaterThanOrEqual(42); // 6 divisions under SSPR Users, 36 teams under them
    expect(record.counts.synced).toBeGreaterThan(200);
    expect(record.counts.blocks).toBeGreaterThan(0);
    // Generous for a shared 2-core machine; an idle one takes a fraction of this.
    expect(importMs).toBeLessThan(15_000);
  });

  it("carries admins outside the v1 roles, unregistered users and writeback failures into the snapshots", () => {
    const snaps = snapshotsForTenant(db, new Date(CAPTURED), tenantId);
    const roles = new Set(snaps.flatMap((s) => s.snapshot.user!.roles));
    expect(roles).toContain("global_admin");
    expect([...roles].some((r) => ["license_admin", "groups_admin", "hybrid_identity_admin"].includes(r))).toBe(true);
    expect(snaps.some((s) => s.snapshot.methods.length === 0)).toBe(true);
    expect(snaps.some((s) => s.snapshot.attempt?.stage === "writeback")).toBe(true);
    expect(snaps[0]!.snapshot.policy.methodsPolicy).toEqual({ migrationState: "migrationInProgress" });
    expect(snaps.filter((s) => s.snapshot.user!.groups.some((g) => !g.direct)).length).toBeGreaterThan(1500);
  });

  it("sweeps with the existing sweep", async () => {
    const { diagnoser } = await sharedDoctor(".cache/kb");
    const health = tenantSweep({ db, clock: fixedClock(CAPTURED), diagnoser }, tenantId);
    expect(health.users).toBe(2000);
    expect(health.verdicts.blocked).toBeGreaterThan(0);
    expect(health.verdicts.can_reset).toBeGreaterThan(0);
    expect(health.counts.reset_blocked_temporarily).toBeGreaterThan(0);
    expect(health.counts.user_not_in_sspr_scope).toBeGreaterThan(0);
  });
});
