import { describe, expect, it } from "vitest";
import {
  BLOCKED_JUMP_MIN_USERS,
  incidentChanges,
  jumpThreshold,
  type SweepSummary,
} from "../../../src/domain/incidents";

const at = "2026-11-30T09:00:00.000Z";
const sweep = (blocked: number, counts: Record<string, number> = {}): SweepSummary => ({
  at,
  users: 1000,
  blocked,
  atRisk: 0,
  counts,
});

describe("incidentChanges", () => {
  it("raises a tenant-level blocker the first time it is seen, and not again while it stays open", () => {
    expect(incidentChanges(undefined, sweep(40, { sspr_scope_empty: 40 }), []).raise).toEqual([
      { key: "sspr_scope_empty", detail: { users: 40 } },
    ]);
    expect(
      incidentChanges(sweep(40), sweep(40, { sspr_scope_empty: 40 }), [{ key: "sspr_scope_empty", detail: {} }]).raise,
    ).toEqual([]);
  });

  it("never raises a person's own blocker as a tenant incident", () => {
    expect(incidentChanges(undefined, sweep(3, { not_registered: 3, account_disabled: 1 }), []).raise).toEqual([]);
  });

  it("resolves an open blocker once no user has it", () => {
    expect(
      incidentChanges(sweep(40), sweep(0), [{ key: "writeback_connector_unreachable", detail: {} }]).resolve.map(
        (r) => r.key,
      ),
    ).toEqual(["writeback_connector_unreachable"]);
  });

  it("treats a jump in blocked users as an incident only past both the floor and the share", () => {
    expect(jumpThreshold(0)).toBe(BLOCKED_JUMP_MIN_USERS);
    expect(jumpThreshold(1000)).toBe(250);
    expect(incidentChanges(sweep(1000), sweep(1200), []).raise).toEqual([]); // ordinary churn in a big tenant
    expect(incidentChanges(sweep(1000), sweep(1250), []).raise).toEqual([
      { key: "blocked_jump", detail: { before: 1000, now: 1250 } },
    ]);
    expect(incidentChanges(sweep(2), sweep(11), []).raise).toEqual([]);
    expect(incidentChanges(sweep(2), sweep(12), []).raise.map((r) => r.key)).toEqual(["blocked_jump"]);
  });

  it("keeps a jump open until the count falls back below the threshold over the count before it", () => {
    const open = [{ key: "blocked_jump", detail: { before: 2, now: 30 } }];
    expect(incidentChanges(sweep(30), sweep(25), open).resolve).toEqual([]);
    expect(incidentChanges(sweep(25), sweep(5), open).resolve.map((r) => r.key)).toEqual(["blocked_jump"]);
  });
});
