/**
 * The snapshot schema: defaults, strictness with named paths, ranges; policy overrides.
 */
import { describe, expect, it } from "vitest";
import { computeFacts } from "../../../src/diagnosis/facts";
import { applyPolicyOverride, parsePolicyOverride, parseSnapshot, V2_DEFAULTS } from "../../../src/domain/snapshot";
import { snapshot, snapshotInput } from "../../support/snapshots";

const issuesOf = (input: unknown) => {
  const r = parseSnapshot(input);
  if (r.ok) throw new Error("expected a rejection");
  return r.issues;
};

describe("parseSnapshot", () => {
  it("applies every default to a minimal snapshot", () => {
    const r = parseSnapshot({ now: "2026-11-24T09:30:00Z", user: { id: "u1", upn: "a@b.example" } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.snapshot.policy).toEqual({
      enablement: "none",
      selectedGroups: [],
      methodsAllowed: ["email", "mobile_sms"],
      methodsRequired: 1,
      securityQuestions: { toRegister: 3, toReset: 3 },
      registration: { requireAtSignIn: true, reconfirmDays: 180 },
      notifications: { notifyUserOnReset: true, notifyAdminsOnAdminReset: true },
      helpdesk: {},
      onPremises: { writebackEnabled: false, allowUnlockWithoutReset: false },
    });
    expect(r.snapshot.user).toEqual({
      id: "u1",
      upn: "a@b.example",
      type: "member",
      source: "cloud",
      enabled: true,
      roles: [],
      license: "p1",
      groups: [],
    });
    expect(r.snapshot.methods).toEqual([]);
    expect(r.snapshot.throttle).toEqual({ failedVerificationsLast24h: 0, codesSentLastHour: 0, resetsLast24h: 0 });
    expect(r.snapshot.writeback).toMatchObject({
      configured: false,
      status: "healthy",
      permissions: { resetPassword: true, changePassword: true, writeLockoutTime: true, writePwdLastSet: true },
      onPremPolicy: { minAgeHours: 0 },
    });
  });

  it("defaults a method to verified and a nested policy object field by field", () => {
    const r = parseSnapshot({
      now: "2026-11-24T09:30:00Z",
      user: null,
      methods: [{ type: "email", value: "a@b.example" }],
      policy: { securityQuestions: { toReset: 4 } },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.snapshot.methods[0]!.verified).toBe(true);
    expect(r.snapshot.policy.securityQuestions).toEqual({ toRegister: 3, toReset: 4 });
  });

  it("accepts a null user (no such account)", () => {
    expect(parseSnapshot({ now: "2026-11-24T09:30:00Z", user: null }).ok).toBe(true);
  });

  it("rejects an unknown key, naming its path", () => {
    expect(issuesOf({ ...snapshotInput(), colour: "red" })).toEqual([{ path: "colour", message: "unknown key" }]);
    expect(issuesOf(snapshotInput({ policy: { colour: "red" } as never }))).toEqual([
      { path: "policy.colour", message: "unknown key" },
    ]);
    expect(issuesOf({ ...snapshotInput(), methods: [{ type: "email", value: "a@b.example", colour: 1 }] })).toEqual([
      { path: "methods[0].colour", message: "unknown key" },
    ]);
  });

  it("rejects a bad enum, naming its path", () => {
    expect(issuesOf({ ...snapshotInput(), methods: [{ type: "fax" }] }).map((i) => i.path)).toEqual([
      "methods[0].type",
    ]);
    expect(issuesOf(snapshotInput({ policy: { enablement: "some" as never } })).map((i) => i.path)).toEqual([
      "policy.enablement",
    ]);
  });

  it("rejects methodsRequired outside 1 and 2", () => {
    expect(issuesOf(snapshotInput({ policy: { methodsRequired: 3 as never } }))).toEqual([
      { path: "policy.methodsRequired", message: "expected 1 or 2" },
    ]);
  });

  it("rejects question counts outside 3..5 and reconfirmDays outside 0..730", () => {
    expect(issuesOf(snapshotInput({ policy: { securityQuestions: { toReset: 2 } } })).map((i) => i.path)).toEqual([
      "policy.securityQuestions.toReset",
    ]);
    expect(issuesOf(snapshotInput({ policy: { registration: { reconfirmDays: 731 } } })).map((i) => i.path)).toEqual([
      "policy.registration.reconfirmDays",
    ]);
  });

  it("requires now and user, and UTC ISO timestamps", () => {
    expect(issuesOf({ user: null }).map((i) => i.path)).toEqual(["now"]);
    expect(issuesOf({ now: "2026-11-24T09:30:00Z" }).map((i) => i.path)).toEqual(["user"]);
    expect(issuesOf({ now: "2026-11-24T11:30:00+02:00", user: null }).map((i) => i.path)).toEqual(["now"]);
    expect(issuesOf({ now: "yesterday", user: null }).map((i) => i.path)).toEqual(["now"]);
  });

  it("rejects an attempt error that is not a finding code", () => {
    expect(issuesOf(snapshotInput({ attempt: { stage: "verify", error: "oops" } })).map((i) => i.path)).toEqual([
      "attempt.error",
    ]);
  });
});

describe("applyPolicyOverride", () => {
  it("replaces fields, merges nested objects and leaves the rest", () => {
    const policy = snapshot().policy;
    const parsed = parsePolicyOverride({ methodsAllowed: ["email"], securityQuestions: { toReset: 4 } });
    if (!parsed.ok) throw new Error("bad override");
    const merged = applyPolicyOverride(policy, parsed.value);
    expect(merged.methodsAllowed).toEqual(["email"]);
    expect(merged.securityQuestions).toEqual({ toRegister: 3, toReset: 4 });
    expect(merged.selectedGroups).toEqual(policy.selectedGroups);
    expect(policy.securityQuestions.toReset).toBe(3);
  });

  it("rejects unknown keys and bad values in an override, naming the path", () => {
    const r = parsePolicyOverride({ registration: { reconfirmDays: -1, colour: 1 } });
    expect(r).toMatchObject({ ok: false });
    expect((r as Extract<typeof r, { ok: false }>).issues.map((i) => i.path).sort()).toEqual([
      "registration.colour",
      "registration.reconfirmDays",
    ]);
  });
});

describe("parseSnapshot: Version 2 fields", () => {
  const base = { now: "2026-11-24T09:30:00Z", user: { id: "u1", upn: "a@b.example" } };

  it("leaves every v2 field absent when a v1 snapshot omits it, so its parsed shape is what v1 gave", () => {
    const r = parseSnapshot(base);
    if (!r.ok) throw new Error("expected a snapshot");
    expect(r.snapshot.policy).not.toHaveProperty("admins");
    expect(r.snapshot.policy).not.toHaveProperty("methodsPolicy");
    expect(r.snapshot.user).not.toHaveProperty("federated");
    expect(r.snapshot.user).not.toHaveProperty("cloudLockout");
    expect(r.snapshot.writeback).not.toHaveProperty("capabilities");
    for (const key of ["delivery", "unknown", "provenance"]) expect(r.snapshot).not.toHaveProperty(key);
  });

  it("reads the contract's defaults for absent v2 fields in the facts", () => {
    const r = parseSnapshot({ ...base, user: { ...base.user, onPremises: {} } });
    if (!r.ok) throw new Error("expected a snapshot");
    expect(computeFacts(r.snapshot)).toMatchObject({
      adminsSsprEnabled: V2_DEFAULTS.adminsSsprEnabled,
      migrationState: V2_DEFAULTS.migrationState,
      federated: V2_DEFAULTS.federated,
      writebackCapabilities: V2_DEFAULTS.capabilities,
      onPremAccount: { disabled: V2_DEFAULTS.onPremisesDisabled, found: V2_DEFAULTS.onPremisesFound },
      cloudLockoutActive: false,
      lastDeliveryFailure: { method: null, at: null, reason: null },
      unknownPaths: [],
    });
    expect(V2_DEFAULTS).toEqual({
      adminsSsprEnabled: true,
      migrationState: "migrationComplete",
      federated: false,
      onPremisesDisabled: false,
      onPremisesFound: true,
      capabilities: { remoteSam: true, policyHints: true },
    });
  });

  it("accepts every v2 field with good values", () => {
    const r = parseSnapshot({
      ...base,
      policy: { admins: { ssprEnabled: false }, methodsPolicy: { migrationState: "preMigration" } },
      user: {
        ...base.user,
        federated: true,
        cloudLockout: { lockedUntil: "2026-11-24T10:00:00Z" },
        onPremises: { disabled: true, found: false },
      },
      methods: [{ type: "hardware_oath" }],
      delivery: { lastFailure: { method: "mobile_sms", at: "2026-11-24T09:00:00Z", reason: "unknown subscriber" } },
      writeback: { capabilities: { remoteSam: false, policyHints: true } },
      attempt: { stage: "writeback", error: "onprem_success_cloud_failure" },
      unknown: ["methods[].verified", "user.onPremises.lockedOut"],
      provenance: {
        source: "graph-export",
        readAt: "2026-11-24T08:00:00Z",
        facts: { "user.onPremises": { source: "ldap", readAt: "2026-11-24T09:00:00Z" } },
      },
    });
    expect(r.ok).toBe(true);
  });

  it.each([
    [{ policy: { admins: { ssprEnabled: "no" } } }, "policy.admins.ssprEnabled"],
    [{ policy: { admins: {} } }, "policy.admins.ssprEnabled"],
    [{ policy: { methodsPolicy: { migrationState: "done" } } }, "policy.methodsPolicy.migrationState"],
    [{ policy: { admins: { ssprEnabled: true, extra: 1 } } }, "policy.admins.extra"],
    [{ user: { id: "u1", upn: "a@b.example", federated: "yes" } }, "user.federated"],
    [
      { user: { id: "u1", upn: "a@b.example", cloudLockout: { lockedUntil: "tomorrow" } } },
      "user.cloudLockout.lockedUntil",
    ],
    [{ user: { id: "u1", upn: "a@b.example", onPremises: { found: 0 } } }, "user.onPremises.found"],
    [{ methods: [{ type: "fido2" }] }, "methods[0].type"],
    [
      { delivery: { lastFailure: { method: "hardware_oath", at: "2026-11-24T09:00:00Z", reason: "x" } } },
      "delivery.lastFailure.method",
    ],
    [{ delivery: { lastFailure: { method: "email", at: "2026-11-24T09:00:00Z" } } }, "delivery.lastFailure.reason"],
    [{ writeback: { capabilities: { remoteSam: false } } }, "writeback.capabilities.policyHints"],
    [{ attempt: { stage: "verify", error: "phone_mismatch" } }, "attempt.error"],
    [{ unknown: ["user.shoeSize"] }, "unknown[0]"],
    [{ unknown: "methods[].verified" }, "unknown"],
    [{ provenance: { facts: { user: { source: "ldap" } } } }, "provenance.facts.user.readAt"],
    [{ provenance: { source: "" } }, "provenance.source"],
  ])("rejects a bad v2 value %j naming %s", (extra, path) => {
    expect(issuesOf({ ...base, ...extra }).map((i) => i.path)).toContain(path);
  });
});
