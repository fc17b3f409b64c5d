import { describe, expect, it } from "vitest";
import { rank, roleAtLeast, STAFF_ROLES, STAFF_TOKEN_FAILURES, staffTokenWaitSeconds } from "../../../src/domain/staff";

describe("roleAtLeast", () => {
  it("orders support < helpdesk < admin, each role allowed what the ones before it are", () => {
    expect(STAFF_ROLES.map(rank)).toEqual([0, 1, 2]);
    expect(roleAtLeast("admin", "support")).toBe(true);
    expect(roleAtLeast("helpdesk", "helpdesk")).toBe(true);
    expect(roleAtLeast("support", "helpdesk")).toBe(false);
    expect(roleAtLeast("helpdesk", "admin")).toBe(false);
  });
});

describe("staffTokenWaitSeconds", () => {
  const now = new Date("2026-11-24T09:30:00Z");
  it("lets an address under its budget through", () => {
    expect(staffTokenWaitSeconds({ count: STAFF_TOKEN_FAILURES.max - 1, oldestAt: "2026-11-24T09:29:00Z" }, now)).toBe(
      0,
    );
    expect(staffTokenWaitSeconds({ count: 0 }, now)).toBe(0);
  });

  it("makes an address at its budget wait until its oldest failure leaves the window", () => {
    expect(staffTokenWaitSeconds({ count: STAFF_TOKEN_FAILURES.max, oldestAt: "2026-11-24T09:20:00Z" }, now)).toBe(300);
    expect(staffTokenWaitSeconds({ count: STAFF_TOKEN_FAILURES.max + 5, oldestAt: "2026-11-24T09:30:00Z" }, now)).toBe(
      900,
    );
  });

  it("never answers a wait of 0 seconds to an address that is over budget", () => {
    expect(staffTokenWaitSeconds({ count: STAFF_TOKEN_FAILURES.max, oldestAt: "2026-11-24T09:14:59.900Z" }, now)).toBe(
      1,
    );
  });
});
