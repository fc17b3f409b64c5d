/**
 * Tenant sweep and what-if on small generated tenants: counts agree with per-user
 * diagnoses, shared methods are spotted, and policy changes move the users they should.
 */
import { describe, expect, it } from "vitest";
import { FINDING_CODES } from "../../../src/domain/catalogue";
import { sharedMethodValues, sweep, whatIf, type TenantUser } from "../../../src/diagnosis/sweep";
import { snapshot, tenantUsers, type SnapshotOverrides } from "../../support/snapshots";
import { diagnoser } from "./setup";

const user = (i: number, overrides: SnapshotOverrides = {}): TenantUser => {
  const s = snapshot(overrides);
  return { userId: `u${i}`, upn: s.user?.upn ?? `u${i}@x.example`, snapshot: s };
};

describe("sweep", () => {
  const tenant = tenantUsers(600, 7);

  it("counts per code exactly what per-user diagnoses find", async () => {
    const result = sweep(tenant, diagnoser);
    const shared = sharedMethodValues(tenant);
    const expected = Object.fromEntries(FINDING_CODES.map((c) => [c, 0]));
    const verdicts = { can_reset: 0, blocked: 0, at_risk: 0 };
    for (const u of tenant) {
      const d = await diagnoser.diagnose(u.snapshot, { sharedMethodValues: shared });
      for (const f of d.findings) expected[f.code]!++;
      verdicts[d.verdict]++;
    }
    expect(result.users).toBe(600);
    expect(result.counts).toEqual(expected);
    expect(result.verdicts).toEqual(verdicts);
    for (const code of FINDING_CODES) expect(result.usersByCode[code]).toHaveLength(result.counts[code]);
    expect(result.verdicts.blocked).toBeGreaterThan(0);
    expect(result.verdicts.can_reset).toBeGreaterThan(0);
  });

  it("flags everyone who shares a phone with more than three users, and nobody sharing with fewer", () => {
    const phone = (value: string) => ({
      methods: [{ type: "authenticator_code" as const }, { type: "mobile_sms" as const, value }],
    });
    const users = [
      ...[0, 1, 2, 3].map((i) => user(i, { user: { upn: `a${i}@x.example` }, ...phone("+37120000001") })),
      ...[4, 5, 6].map((i) => user(i, { user: { upn: `b${i}@x.example` }, ...phone("+37120000002") })),
    ];
    const result = sweep(users, diagnoser);
    expect(result.usersByCode.method_in_use_by_many.map((u) => u.userId)).toEqual(["u0", "u1", "u2", "u3"]);
  });

  it("reads a one-shot iterable, and streams when the shared values are given", () => {
    function* once() {
      yield* tenant.slice(0, 50);
    }
    const buffered = sweep(once(), diagnoser);
    const streamed = sweep(once(), diagnoser, { sharedMethodValues: sharedMethodValues(tenant.slice(0, 50)) });
    expect(buffered.counts).toEqual(streamed.counts);
    expect(buffered.users).toBe(50);
  });
});

describe("whatIf", () => {
  const blockedByOfficePhone = [1, 2, 3].map((i) =>
    user(i, { user: { upn: `o${i}@x.example` }, methods: [{ type: "office_phone", value: "+37167000001" }] }),
  );
  const healthy = [4, 5].map((i) => user(i, { user: { upn: `h${i}@x.example` } }));
  const onePhone = [6].map((i) =>
    user(i, { user: { upn: `p${i}@x.example` }, methods: [{ type: "mobile_sms", value: "+37126000006" }] }),
  );
  const tenant = [...blockedByOfficePhone, ...healthy, ...onePhone];

  it("unblocks exactly the users whose only method the override allows", () => {
    const r = whatIf(
      tenant,
      {
        methodsAllowed: [
          "email",
          "mobile_sms",
          "mobile_voice",
          "authenticator_notification",
          "authenticator_code",
          "office_phone",
        ],
      },
      diagnoser,
    );
    expect(r.users).toBe(6);
    expect(r.unblocked.map((u) => u.userId)).toEqual(["u1", "u2", "u3"]);
    expect(r.newlyBlocked).toEqual([]);
    expect(r.perCode.registered_methods_not_allowed).toEqual({ before: 3, after: 0, delta: -3 });
    // One method of one required: unblocked, but at risk now.
    expect(r.perCode.single_point_of_failure.delta).toBe(3);
    expect(r.changed).toBe(3);
  });

  it("blocks the users with one method when two become required", () => {
    const r = whatIf(tenant, { methodsRequired: 2 }, diagnoser);
    expect(r.newlyBlocked.map((u) => u.userId)).toEqual(["u6"]);
    expect(r.perCode.not_enough_methods.after).toBe(4);
  });

  it("changes nothing under an empty override", () => {
    const r = whatIf(tenant, {}, diagnoser);
    expect(r.changed).toBe(0);
    for (const code of FINDING_CODES) expect(r.perCode[code].delta).toBe(0);
  });
});
