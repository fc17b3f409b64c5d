/**
 * Three-valued diagnosis: unknown facts are never guessed. A finding fires only when it
 * fires whatever the unknown facts turn out to be; one that depends on them is left out
 * and insufficient_evidence names it with the paths that decide it and how to obtain them.
 */
import { describe, expect, it } from "vitest";
import { FINDING_CODES } from "../../../src/domain/catalogue";
import { classify, factWorlds, MAX_WORLDS, unknownEvidence, withUndecided } from "../../../src/diagnosis/unknowns";
import { heartbeatUnknownAt, UNKNOWN_PATHS } from "../../../src/domain/unknown-facts";
import { NOW, snapshot } from "../../support/snapshots";
import { diagnoser } from "./setup";

const ADMIN = { roles: ["password_admin"] };
const SMS = { type: "mobile_sms", value: "+37126000007", verified: true } as const;
const APP = { type: "authenticator_code", verified: true } as const;

const both = async (s: ReturnType<typeof snapshot>) => {
  const viaEngine = await diagnoser.diagnose(s);
  const compiled = diagnoser.diagnoseCompiled(s);
  expect(compiled.findings).toEqual(viaEngine.findings);
  expect(diagnoser.findingCodes(s)).toEqual(viaEngine.findings.map((f) => f.code));
  return viaEngine;
};

describe("factWorlds", () => {
  it("is one world, the snapshot as given, without unknown paths", () => {
    const worlds = factWorlds(snapshot());
    expect(worlds.facts).toHaveLength(1);
    expect(worlds.paths).toEqual([]);
  });

  it("tries both values of an unknown flag, the as-given one first", () => {
    const worlds = factWorlds(
      snapshot({
        user: { source: "synced", onPremises: { lockedOut: false } },
        unknown: ["user.onPremises.lockedOut"],
      }),
    );
    expect(worlds.facts.map((f) => f.onPremAccount.lockedOut)).toEqual([false, true]);
    expect(worlds.exhaustive).toBe(true);
  });

  it("tries every combination of the methods' verification", () => {
    const worlds = factWorlds(snapshot({ methods: [APP, SMS], unknown: ["methods[].verified"] }));
    expect(worlds.facts.map((f) => f.unverifiedMethods.length).sort()).toEqual([0, 1, 1, 2]);
    expect(worlds.facts[0]!.unverifiedMethods).toEqual([]);
  });

  it("multiplies the values of several paths", () => {
    const worlds = factWorlds(
      snapshot({ methods: [APP, SMS], unknown: ["methods[].verified", "user.license", "user.enabled"] }),
    );
    expect(worlds.facts).toHaveLength(4 * 5 * 2);
  });

  it("samples instead of enumerating past MAX_WORLDS combinations, and says so", () => {
    const methods = Array.from({ length: 9 }, (_, i) => ({
      type: "email" as const,
      value: `a${i}@mail.example`,
      verified: true,
    }));
    const s = snapshot({ methods, unknown: ["methods[].verified", "user.license"] });
    const worlds = factWorlds(s);
    expect(2 ** 9 * 5).toBeGreaterThan(MAX_WORLDS);
    expect(worlds.exhaustive).toBe(false);
    const classification = classify(worlds, FINDING_CODES, () => false);
    expect(unknownEvidence(worlds, classification).at(-1)).toMatchObject({ operator: "sampled" });
  });

  it("never changes the snapshot it varies", () => {
    const s = snapshot({
      methods: [APP, SMS],
      unknown: ["methods[].verified", "user.cloudLockout.lockedUntil", "delivery.lastFailure"],
    });
    const before = structuredClone(s);
    factWorlds(s);
    expect(s).toEqual(before);
  });

  it("knows how to obtain every unknown path it accepts", () => {
    for (const [path, spec] of Object.entries(UNKNOWN_PATHS)) expect(spec.obtain.length, path).toBeGreaterThan(10);
  });
});

describe("the unknown paths a Graph import emits", () => {
  // src/import/entra/tenant-import.ts (entra branch): every path it may list as unknown.
  const IMPORTED = [
    "user.type",
    "user.enabled",
    "user.source",
    "user.license",
    "user.federated",
    "user.roles",
    "user.passwordLastSetAt",
    ...[
      "lockedOut",
      "cannotChangePassword",
      "protectedAccount",
      "mustChangePasswordAtNextLogon",
      "disabled",
      "found",
    ].map((f) => `user.onPremises.${f}`),
    "methods",
    "methods.security_questions.questionsAnswered",
    "methods[].value",
    "methods[].registeredAt",
    "registration.lastConfirmedAt",
    "policy.methodsAllowed",
    "policy.methodsPolicy.migrationState",
    "policy.enablement",
    "policy.selectedGroups",
    "policy.registration.reconfirmDays",
    "policy.admins.ssprEnabled",
    "policy.methodsRequired",
    "policy.securityQuestions",
    "policy.registration.requireAtSignIn",
    "policy.notifications.notifyUserOnReset",
    "policy.notifications.notifyAdminsOnAdminReset",
    "policy.onPremises.writebackEnabled",
    "policy.onPremises.allowUnlockWithoutReset",
    "policy.helpdesk",
  ];

  it.each(IMPORTED)("accepts %s and varies it into valid snapshots", (path) => {
    const s = snapshot({
      user: { source: "synced" },
      methods: [APP, SMS, { type: "security_questions", questionsAnswered: 3 }],
      unknown: [path],
    });
    const worlds = factWorlds(s);
    expect(worlds.facts.length).toBeGreaterThanOrEqual(1);
  });

  it("does not trust an unread role list: one method is too few only if the user is an admin", async () => {
    const d = await both(snapshot({ methods: [SMS], unknown: ["user.roles"] }));
    const insufficient = d.findings.find((f) => f.code === "insufficient_evidence")!;
    expect(insufficient.evidence.find((e) => e.fact === "unknown")!.expected).toContain("admin_needs_two_methods");
  });

  it("does not guess the methods of a user whose methods could not be read", async () => {
    const d = await both(snapshot({ unknown: ["methods"] }));
    expect(d.verdict).toBe("at_risk");
    expect(
      d.findings.find((f) => f.code === "insufficient_evidence")!.evidence.find((e) => e.fact === "unknown")!.expected,
    ).toContain("not_registered");
  });
});

describe("classify", () => {
  const worlds = factWorlds(snapshot({ unknown: ["user.enabled", "user.federated"] }));
  const c = classify(
    worlds,
    ["account_disabled", "federated_elsewhere", "notifications_off", "guest_account"],
    (code, w) => {
      const f = worlds.facts[w]!;
      if (code === "account_disabled") return f.userEnabled === false;
      if (code === "federated_elsewhere") return f.federated && f.userEnabled === true;
      return code === "notifications_off";
    },
  );

  it("fires what fires in every world and leaves out what fires in none", () => {
    expect(c.fire).toEqual(["notifications_off"]);
    expect(c.undecided).toEqual(["account_disabled", "federated_elsewhere"]);
  });

  it("names each undecided finding under every path that can flip it", () => {
    expect(c.decides.get("user.enabled")).toEqual(["account_disabled", "federated_elsewhere"]);
    expect(c.decides.get("user.federated")).toEqual(["federated_elsewhere"]);
  });

  it("fills in the facts the insufficient_evidence rule reads", () => {
    const facts = withUndecided(worlds, c);
    expect(facts).toMatchObject({
      undecidedFindingCount: 2,
      undecidedFindings: ["account_disabled", "federated_elsewhere"],
    });
    expect(facts.unknownDecides[1]).toMatch(
      /^user\.federated: could decide federated_elsewhere; obtain it from Graph GET \/domains/,
    );
  });
});

describe("diagnosing with unknown facts", () => {
  it("fires what holds however the unknown is resolved: one registered method is too few for an admin however verified it is", async () => {
    const d = await both(snapshot({ user: ADMIN, methods: [SMS], unknown: ["methods[].verified"] }));
    const codes = d.findings.map((f) => f.code);
    expect(codes).toContain("admin_needs_two_methods");
    expect(codes).not.toContain("method_unverified");
    const insufficient = d.findings.find((f) => f.code === "insufficient_evidence")!;
    expect(insufficient.evidence).toContainEqual(
      expect.objectContaining({
        fact: "unknown",
        path: "methods[].verified",
        operator: "could_decide",
        expected: ["method_unverified"],
        actual: null,
      }),
    );
    expect(d.verdict).toBe("blocked");
  });

  it("makes a user with no blocker but an unknown that could block at_risk, never can_reset", async () => {
    const known = await both(snapshot());
    expect(known.verdict).toBe("can_reset");
    const d = await both(snapshot({ unknown: ["user.enabled"] }));
    expect(d.primary).toBeNull();
    expect(d.findings.map((f) => f.code)).toEqual(["insufficient_evidence"]);
    expect(d.verdict).toBe("at_risk");
    expect(d.findings[0]!.explanation).toContain("account_disabled");
    expect(d.findings[0]!.evidence.find((e) => e.fact === "unknown")).toMatchObject({
      expected: ["account_disabled", "methods_kept_after_leave"],
      obtain: expect.stringContaining("accountEnabled"),
    });
  });

  it("leaves a path that decides nothing out of the verdict", async () => {
    const d = await both(snapshot({ unknown: ["user.onPremises.lockedOut"] }));
    expect(d.findings).toEqual([]);
    expect(d.verdict).toBe("can_reset");
  });

  it("leaves out a blocker the unknown decides even when another blocker stands", async () => {
    const d = await both(
      snapshot({ user: { license: "none" }, methods: [{ ...SMS, verified: false }], unknown: ["methods[].verified"] }),
    );
    const codes = d.findings.map((f) => f.code);
    expect(codes).toContain("no_license");
    expect(codes).not.toContain("method_unverified");
    expect(codes).not.toContain("not_enough_methods");
    expect(d.findings.find((f) => f.code === "insufficient_evidence")!.explanation).toMatch(/method_unverified/);
  });

  it("does not call a connector down for a heartbeat that is only old: an imported reading could be beating now", async () => {
    const stale = { source: "synced" as const };
    const read = { configured: true, status: "healthy" as const, lastHeartbeatAt: "2026-11-24T08:58:00Z" };
    const known = await both(snapshot({ user: stale, writeback: read }));
    expect(known.primary).toBe("writeback_connector_unreachable");
    const d = await both(snapshot({ user: stale, writeback: read, unknown: ["writeback.lastHeartbeatAt"] }));
    expect(d.findings.map((f) => f.code)).toEqual(["insufficient_evidence"]);
    expect(d.verdict).toBe("at_risk");
    expect(d.findings[0]!.evidence.find((e) => e.fact === "unknown")).toMatchObject({
      path: "writeback.lastHeartbeatAt",
      expected: ["writeback_connector_unreachable"],
    });
  });

  it("decides security questions by whether enough could be answered", async () => {
    const policy = { methodsAllowed: ["security_questions", "email"] as ("security_questions" | "email")[] };
    const d = await both(
      snapshot({
        policy,
        methods: [{ type: "security_questions", questionsAnswered: 3 }],
        unknown: ["methods.security_questions.questionsAnswered"],
      }),
    );
    expect(d.findings.map((f) => f.code)).toEqual(expect.arrayContaining(["insufficient_evidence"]));
    expect(d.findings.map((f) => f.code)).not.toContain("security_questions_incomplete");
  });
});

describe("provenance in the diagnosis", () => {
  const provenance = {
    source: "graph-export",
    readAt: "2026-11-24T08:00:00Z",
    facts: { "user.onPremises": { source: "ldap", readAt: "2026-11-24T09:00:00Z" } },
  };

  it("carries the snapshot's source and the read time of each fact prefix", async () => {
    const d = await both(snapshot({ provenance }));
    expect(d).toMatchObject({
      source: "graph-export",
      readAt: "2026-11-24T08:00:00Z",
      facts: { "user.onPremises": { source: "ldap", readAt: "2026-11-24T09:00:00Z" } },
    });
  });

  it("names the source of each evidence row's fact, the most specific first", async () => {
    const d = await both(snapshot({ provenance, user: { source: "synced", onPremises: { lockedOut: true } } }));
    const locked = d.findings.find((f) => f.code === "onprem_account_locked")!;
    expect(locked.evidence.find((e) => e.fact === "onPremAccount")!.source).toEqual({
      source: "ldap",
      readAt: "2026-11-24T09:00:00Z",
    });
    expect(locked.evidence.find((e) => e.fact === "userSource")!.source).toEqual({
      source: "graph-export",
      readAt: "2026-11-24T08:00:00Z",
    });
  });

  it("adds nothing to a snapshot without provenance", async () => {
    const d = await both(snapshot({ user: { source: "synced", onPremises: { lockedOut: true } } }));
    expect(d).not.toHaveProperty("source");
    expect(d.findings.flatMap((f) => f.evidence).some((e) => "source" in e)).toBe(false);
  });
});

describe("heartbeatUnknownAt", () => {
  const wb = (status: "healthy" | "unreachable" | "degraded", lastHeartbeatAt?: string) =>
    snapshot({ writeback: { status, ...(lastHeartbeatAt && { lastHeartbeatAt }) } }).writeback;
  const now = new Date(NOW); // 09:30

  it("takes a reading within the stale window as it is", () => {
    expect(heartbeatUnknownAt(wb("healthy", "2026-11-24T09:20:00Z"), now)).toBe(false);
  });

  it("makes an older healthy or degraded reading unknown", () => {
    expect(heartbeatUnknownAt(wb("healthy", "2026-11-24T09:19:59Z"), now)).toBe(true);
    expect(heartbeatUnknownAt(wb("degraded", "2026-11-17T09:00:00Z"), now)).toBe(true);
  });

  it("keeps a reported outage, and a connector that never gave a heartbeat, as read", () => {
    expect(heartbeatUnknownAt(wb("unreachable", "2026-11-24T08:00:00Z"), now)).toBe(false);
    expect(heartbeatUnknownAt({ ...wb("healthy"), lastHeartbeatAt: undefined }, now)).toBe(false);
  });
});
