import { describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock";
import { openDb } from "../../../src/db/client";
import { seedDemo } from "../../../src/db/seed/seed";
import { meetsComplexity, startSimulatedHeartbeats } from "../../../src/writeback/simulated";

const heartbeatAgeMinutes = (db: ReturnType<typeof openDb>["db"], tenant: string, now: Date) =>
  (now.getTime() -
    Date.parse(
      db.$client
        .prepare("SELECT last_heartbeat_at FROM writeback_connectors WHERE tenant_id = ?")
        .pluck()
        .get(tenant) as string,
    )) /
  60_000;

describe("startSimulatedHeartbeats", () => {
  it("keeps a healthy connector fresh, a late one exactly as late, and an unreachable one silent", async () => {
    const { db } = openDb(":memory:");
    const clock = fixedClock("2026-11-24T09:30:00Z");
    await seedDemo(db, clock);
    clock.advance(3 * 3_600_000);
    startSimulatedHeartbeats(db, clock)();
    const now = clock.now();
    expect(heartbeatAgeMinutes(db, "tnt-contoso", now)).toBeCloseTo(1, 5);
    expect(heartbeatAgeMinutes(db, "tnt-proseware", now)).toBeCloseTo(7, 5);
    expect(heartbeatAgeMinutes(db, "tnt-litware", now)).toBeCloseTo(180 + 180, 5);
  });
});

describe("meetsComplexity", () => {
  it.each([
    ["quietmeadowsparrow", false],
    ["Quietmeadowsparrow", false],
    ["Quietmeadowsparrow7", true],
    ["quiet-meadow-7", true],
  ])("judges %s on three of four character classes: %s", (pw, ok) => expect(meetsComplexity(pw)).toBe(ok));
});
