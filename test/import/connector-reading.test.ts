/**
 * An imported tenant's writeback connector is a reading, not a live heartbeat (issue 15,
 * ADR 010 addendum): the hand-checked export (connector healthy, last heartbeat 08:58,
 * captured 09:00) swept as time passes, the same export with a reported outage, and the
 * simulated heartbeats that must leave an imported connector alone.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock";
import { openDb, type Db } from "../../src/db/client";
import { connectorRow } from "../../src/db/connectors";
import { statusHistory } from "../../src/db/connector-status";
import { saveDirectoryConfig } from "../../src/db/directory-configs";
import { silentConnectors } from "../../src/db/readiness";
import { beatSimulatedConnectors } from "../../src/db/simulated-connector";
import { snapshotForUser, snapshotsForTenant } from "../../src/db/snapshots";
import type { Diagnoser } from "../../src/diagnosis/engine";
import { tenantSweep } from "../../src/flows/diagnosis";
import { importFolder } from "../../src/import/entra/import-folder";
import { startSimulatedHeartbeats } from "../../src/writeback/simulated";
import { sharedDoctor } from "../../src/wiring";

const SMALL = join(import.meta.dirname, "../fixtures/entra/small");
const TENANT = "tnt-northwind.example";
const CAPTURED = "2026-11-24T09:00:00.000Z";
const HOUR_LATER = "2026-11-24T10:00:00.000Z";
const WEEK_LATER = "2026-12-01T09:00:00.000Z";
const PATH = "writeback.lastHeartbeatAt";
// oscar is synced with writeback on: the connector's state is what decides his reset.
const OSCAR = "oscar@northwind.example";

let diagnoser: Diagnoser;
beforeAll(async () => ({ diagnoser } = await sharedDoctor(".cache/kb")));

/** A fresh database holding the export, its settings file changed by `edit` (in a temp copy). */
function imported(edit?: (settings: Record<string, any>) => void): { db: Db; close: () => void } {
  const opened = openDb(":memory:");
  if (!edit) {
    importFolder(opened.db, SMALL, { importedAt: "2026-11-24T09:05:00.000Z" });
    return opened;
  }
  const dir = mkdtempSync(join(tmpdir(), "sspr-connector-"));
  try {
    cpSync(SMALL, dir, { recursive: true });
    const file = join(dir, "sspr-settings.json");
    const settings = JSON.parse(readFileSync(file, "utf8")) as Record<string, any>;
    edit(settings);
    writeFileSync(file, JSON.stringify(settings));
    importFolder(opened.db, dir, { importedAt: "2026-11-24T09:05:00.000Z" });
    return opened;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sweepAt = (db: Db, at: string) => tenantSweep({ db, clock: fixedClock(at), diagnoser }, TENANT);
const oscarAt = async (db: Db, at: string) => diagnoser.diagnose(snapshotForUser(db, new Date(at), OSCAR)!.snapshot);

describe("a connector read healthy at capture, diagnosed later", () => {
  let db: Db;
  let close: () => void;
  beforeAll(() => ({ db, close } = imported()));
  afterAll(() => close());

  it("within the stale window uses the reading as it is: at 09:08 the 08:58 heartbeat is late, not unknown", () => {
    const edge = "2026-11-24T09:08:00.000Z";
    expect(snapshotsForTenant(db, new Date(edge), TENANT).filter((u) => u.snapshot.unknown?.includes(PATH))).toEqual(
      [],
    );
    const health = sweepAt(db, edge);
    expect(health.counts.writeback_heartbeat_late).toBe(20);
    expect(health.counts.writeback_connector_unreachable).toBe(0);
    expect(health.verdicts.blocked).toBe(sweepAt(db, CAPTURED).verdicts.blocked);
  });

  it.each([HOUR_LATER, WEEK_LATER])("at %s blocks nobody with writeback_connector_unreachable", (at) => {
    const health = sweepAt(db, at);
    expect(health.counts.writeback_connector_unreachable).toBe(0);
    expect(health.users).toBe(20);
  });

  it.each([HOUR_LATER, WEEK_LATER])(
    "at %s says the connector's current state could decide a blocker, where it was read",
    async (at) => {
      const d = await oscarAt(db, at);
      expect(d.findings.map((f) => f.code)).not.toContain("writeback_connector_unreachable");
      const evidence = d.findings.find((f) => f.code === "insufficient_evidence")!.evidence!;
      expect(evidence.find((e) => e.path === PATH)).toMatchObject({
        operator: "could_decide",
        expected: ["writeback_connector_unreachable"],
        actual: null,
        obtain: expect.stringContaining("settings file captured now"),
        source: { source: "settings sspr-settings.json", readAt: CAPTURED },
      });
    },
  );

  it("lists the heartbeat as unknown for every user of the tenant, in the sweep and alone", () => {
    const later = snapshotsForTenant(db, new Date(HOUR_LATER), TENANT);
    expect(later.every((u) => u.snapshot.unknown?.includes(PATH))).toBe(true);
    expect(snapshotForUser(db, new Date(HOUR_LATER), OSCAR)!.snapshot.unknown).toContain(PATH);
  });
});

describe("a connector the settings file reported unreachable", () => {
  let db: Db;
  let close: () => void;
  beforeAll(
    () =>
      ({ db, close } = imported((s) => {
        s.writeback.status = "unreachable";
      })),
  );
  afterAll(() => close());

  it("still blocks synced users a week later: a reported outage is evidence, not a missing heartbeat", async () => {
    expect(sweepAt(db, WEEK_LATER).counts.writeback_connector_unreachable).toBeGreaterThan(0);
    const d = await oscarAt(db, WEEK_LATER);
    expect(d.findings.map((f) => f.code)).toContain("writeback_connector_unreachable");
    expect(snapshotForUser(db, new Date(WEEK_LATER), OSCAR)!.snapshot.unknown ?? []).not.toContain(PATH);
    const status = d.findings
      .find((f) => f.code === "writeback_connector_unreachable")!
      .evidence!.find((e) => e.fact === "writebackStatus");
    expect(status).toMatchObject({
      actual: "unreachable",
      source: { source: "settings sspr-settings.json", readAt: CAPTURED },
    });
  });
});

describe("the simulated heartbeats and readiness", () => {
  it("never beat an imported connector nor record a simulated status for it", () => {
    const { db, close } = imported();
    try {
      const stop = startSimulatedHeartbeats(db, fixedClock(WEEK_LATER));
      stop();
      beatSimulatedConnectors(db, Date.parse(WEEK_LATER));
      expect(connectorRow(db, TENANT)!.lastHeartbeatAt).toBe("2026-11-24T08:58:00.000Z");
      expect(statusHistory(db, 10, [TENANT])).toEqual([]);
    } finally {
      close();
    }
  });

  it("does not hold /readyz for an imported connector the settings gave no heartbeat", () => {
    const { db, close } = imported((s) => {
      delete s.writeback.lastHeartbeatAt;
    });
    try {
      expect(connectorRow(db, TENANT)!.lastHeartbeatAt).toBeNull();
      expect(silentConnectors(db)).toEqual([]);
    } finally {
      close();
    }
  });

  it("treats a connected directory as the live channel: its heartbeat is used as is", () => {
    const { db, close } = imported();
    try {
      saveDirectoryConfig(db, {
        tenantId: TENANT,
        kind: "ad",
        urls: ["ldaps://dc1.northwind.example"],
        startTls: false,
        bindDn: "CN=svc-sspr,OU=Service,DC=northwind,DC=example",
        bindSecretEnc: "sealed-in-test",
        baseDn: "DC=northwind,DC=example",
        userFilter: "(objectClass=user)",
        loginAttribute: "userPrincipalName",
        timeoutMs: 2_000,
        updatedAt: CAPTURED,
      });
      expect(snapshotForUser(db, new Date(HOUR_LATER), OSCAR)!.snapshot.unknown ?? []).not.toContain(PATH);
      expect(sweepAt(db, HOUR_LATER).counts.writeback_connector_unreachable).toBeGreaterThan(0);
      expect(silentConnectors(db)).toEqual([]);
    } finally {
      close();
    }
  });
});
