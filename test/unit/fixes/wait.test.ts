/**
 * How long to wait: the end of a block, of a sliding-window limit, or of the on-premises
 * minimum password age — computed from the facts, the last one winning.
 */
import { describe, expect, it } from "vitest";
import { waitUntil } from "../../../src/fixes/wait";

const now = new Date("2026-11-24T09:30:00.000Z");
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();

describe("waitUntil", () => {
  it("ends a too-many-codes wait when the oldest counted code leaves its hour", () => {
    const r = waitUntil({ now, events: { code_sent: [at(50), at(40), at(30), at(20), at(10)] } });
    expect(r).toMatchObject({
      until: "2026-11-24T09:40:00.000Z",
      minutesLeft: 10,
      reasons: [{ code: "too_many_codes_sent" }],
    });
  });

  it("with more events than the limit, waits for enough of them to leave", () => {
    // 7 codes, limit 5: the count drops to 4 when the 3rd oldest leaves.
    const r = waitUntil({ now, events: { code_sent: [at(55), at(50), at(45), at(40), at(30), at(20), at(10)] } });
    expect(r.until).toBe("2026-11-24T09:45:00.000Z");
  });

  it("ignores counts below their limit", () => {
    expect(waitUntil({ now, events: { code_sent: [at(10)], verification_failed: [at(60)] } })).toEqual({
      until: null,
      minutesLeft: null,
      reasons: [],
    });
  });

  it("waits for an active block to end, and not for one that has ended", () => {
    expect(waitUntil({ now, blockedUntil: "2026-11-25T05:30:00.000Z", events: {} }).until).toBe(
      "2026-11-25T05:30:00.000Z",
    );
    expect(waitUntil({ now, blockedUntil: at(1), events: {} }).until).toBeNull();
  });

  it("waits out the on-premises minimum password age", () => {
    const r = waitUntil({ now, events: {}, minAge: { passwordLastSetAt: at(120), minAgeHours: 24 } });
    expect(r).toMatchObject({ until: "2026-11-25T07:30:00.000Z", reasons: [{ code: "onprem_min_password_age" }] });
  });

  it("answers the last of several reasons", () => {
    const r = waitUntil({
      now,
      blockedUntil: "2026-11-24T10:00:00.000Z",
      events: { reset_completed: [at(600), at(500), at(400), at(300), at(200)] },
    });
    expect(r.reasons.map((x) => x.code)).toEqual(["reset_blocked_temporarily", "too_many_resets"]);
    expect(r.until).toBe("2026-11-24T23:30:00.000Z");
  });

  it("waits for a cloud smart lockout to end, and not for one that has ended (v2)", () => {
    expect(waitUntil({ now, events: {}, cloudLockedUntil: "2026-11-24T11:30:00.000Z" })).toMatchObject({
      until: "2026-11-24T11:30:00.000Z",
      minutesLeft: 120,
      reasons: [{ code: "cloud_smart_lockout" }],
    });
    expect(waitUntil({ now, events: {}, cloudLockedUntil: at(1) }).until).toBeNull();
  });
});
