/**
 * The hand-checked Entra export (test/fixtures/entra/small: 20 users of "Northwind Traders")
 * imported into an in-memory database and diagnosed user by user through the same loader and
 * diagnoser as the service. Each expected verdict below was worked out by hand from the
 * export and the rules of this branch (v1 catalogue); the reason is written beside it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock";
import { openDb, type Db } from "../../src/db/client";
import { listImports } from "../../src/db/imports";
import { snapshotsForTenant, type LoadedSnapshot } from "../../src/db/snapshots";
import type { Diagnoser } from "../../src/diagnosis/engine";
import { importFolder } from "../../src/import/entra/import-folder";
import { openTenant, tenantSweep } from "../../src/flows/diagnosis";
import { sharedDoctor } from "../../src/wiring";

export const SMALL = join(import.meta.dirname, "../fixtures/entra/small");
const CAPTURED = "2026-11-24T09:00:00.000Z";
const TENANT = "tnt-northwind.example";

/**
 * upn (local part) → [verdict, primary blocker or first warning, why]. Catalogue v2 decides
 * peggy (federated_elsewhere), grace (License Administrator is an admin role) and quentin
 * (an unknown number of answered questions is insufficient evidence, not a blocker).
 */
const EXPECTED: Record<string, [verdict: string, code: string | null, why: string]> = {
  alice: [
    "can_reset",
    null,
    "in SSPR Users through Sales EMEA → Sales (two levels of nesting); email + mobile from her methods list",
  ],
  bob: [
    "can_reset",
    null,
    "direct member, P2; Global Reader is no admin role; his banned-password failure was followed by a successful reset",
  ],
  carol: ["blocked", "user_not_in_sspr_scope", "only in Contractors, which is not the selected group"],
  dave: ["blocked", "no_license", "assignedLicenses is empty"],
  erin: ["blocked", "license_lacks_writeback", "synced, AAD_BASIC plan only: writeback needs P1/P2"],
  frank: ["blocked", "admin_needs_two_methods", "Global Administrator by direct assignment, one email method"],
  grace: [
    "can_reset",
    null,
    "License Administrator (not a v1 admin role; v2: admin with phone + app, still two methods)",
  ],
  heidi: [
    "blocked",
    "admin_needs_two_methods",
    "Helpdesk Administrator through the role-assignable group; email + security questions, and admins cannot use questions",
  ],
  ivan: ["blocked", "not_registered", "methodsRegistered is empty and no profile phone or email"],
  judy: ["blocked", "guest_account", "userType Guest"],
  ken: ["blocked", "account_disabled", "accountEnabled false"],
  leo: ["at_risk", "onprem_account_locked", "synced; the settings' AD facts say locked out"],
  mallory: ["blocked", "onprem_protected_account", "synced; the settings' AD facts say protected (adminCount)"],
  nina: [
    "blocked",
    "reset_blocked_temporarily",
    "audit: 'Blocked from self-service password reset' at 07:00, so until 07:00 tomorrow",
  ],
  oscar: [
    "at_risk",
    "insufficient_evidence",
    "synced, and no AD facts for him: lockout and the account flags are unknown and could block (his earlier writeback failure is history: the connector is healthy now)",
  ],
  peggy: ["blocked", "federated_elsewhere", "her domain is federated: her password is reset at that identity provider"],
  quentin: [
    "at_risk",
    "insufficient_evidence",
    "questions registered; how many answered Graph cannot tell, and that decides security_questions_incomplete",
  ],
  rita: [
    "blocked",
    "password_banned",
    "audit: 'Reset password (self-service)' failed with FuzzyPolicyViolationInvalidPassword",
  ],
  sam: ["blocked", "method_value_invalid", "profile mobile '4255550119' has no country code: not E.164"],
  trent: [
    "at_risk",
    "insufficient_evidence",
    "mobile in the profile plus an alternate email; the methods policy is mid-migration and the settings name no legacy methods, so whether his methods are allowed is unknown",
  ],
};

let db: Db;
let close: () => void;
let diagnoser: Diagnoser;
let users: Map<string, LoadedSnapshot>;

beforeAll(async () => {
  ({ db, close } = openDb(":memory:"));
  importFolder(db, SMALL, { importedAt: "2026-11-24T09:05:00.000Z" });
  ({ diagnoser } = await sharedDoctor(".cache/kb"));
  users = new Map(snapshotsForTenant(db, new Date(CAPTURED), TENANT).map((u) => [u.upn.split(/[@_]/)[0]!, u]));
});
afterAll(() => close());

describe("the hand-checked export, user by user", () => {
  it("imports all twenty users", () => expect([...users.keys()].sort()).toEqual(Object.keys(EXPECTED).sort()));

  it.each(Object.entries(EXPECTED))("%s: %s", async (name, [verdict, code]) => {
    const d = await diagnoser.diagnose(users.get(name)!.snapshot);
    expect(d.verdict).toBe(verdict);
    expect(d.primary ?? d.findings.find((f) => f.severity === "warning")?.code ?? null).toBe(code);
  });
});

describe("facts taken from the export", () => {
  const snap = (name: string) => users.get(name)!.snapshot;

  it("names the tenant by its default verified domain and records where it came from", () => {
    const t = db.$client.prepare("SELECT name, domain, source FROM tenants WHERE id = ?").get(TENANT);
    expect(t).toEqual({ name: "Northwind Traders", domain: "northwind.example", source: "graph-export" });
  });

  it("derives nesting from transitive members: Sales EMEA → Sales → SSPR Users", () => {
    const alice = snap("alice").user!;
    expect(alice.groups.filter((g) => g.direct)).toHaveLength(1);
    expect(alice.groups.filter((g) => !g.direct)).toHaveLength(2);
    expect(snap("alice").policy.selectedGroups).toHaveLength(1);
    expect(alice.groups.map((g) => g.id)).toContain(snap("alice").policy.selectedGroups[0]);
  });

  it("maps role template ids to slugs, outside the v1 list too, and through role-assignable groups", () => {
    expect(snap("frank").user!.roles).toEqual(["global_admin"]);
    expect(snap("grace").user!.roles).toEqual(["license_admin"]);
    expect(snap("heidi").user!.roles).toEqual(["helpdesk_admin"]);
    expect(snap("bob").user!.roles).toEqual([]);
  });

  it("reads licences from service plans and federation from the verified domains", () => {
    expect(["bob", "alice", "dave", "erin"].map((n) => snap(n).user!.license)).toEqual(["p2", "p1", "none", "basic"]);
    expect(snap("peggy").user!.federated).toBe(true);
    expect(snap("alice").user!.federated).toBeUndefined();
  });

  it("takes the migration state and the admin switch from Graph, the rest of the policy from the settings file", () => {
    const p = snap("bob").policy;
    expect(p.methodsPolicy).toEqual({ migrationState: "migrationInProgress" });
    expect(p.admins).toBeUndefined(); // allowedToUseSSPR true = the contract default
    expect(p.enablement).toBe("selected");
    // Legacy ∪ AMP for all users (in progress): Voice is targeted at Engineering only.
    expect(p.methodsAllowed).toEqual([
      "email",
      "mobile_sms",
      "mobile_voice",
      "authenticator_notification",
      "authenticator_code",
      "security_questions",
    ]);
    expect(snap("dave").unknown).toContain("policy.methodsAllowed");
    expect(snap("bob").unknown ?? []).not.toContain("policy.methodsAllowed");
  });

  it("normalises Graph phone numbers to E.164 and keeps method values from the methods list", () => {
    expect(snap("bob").methods.find((m) => m.type === "mobile_sms")?.value).toBe("+14255550102");
    expect(
      snap("alice")
        .methods.map((m) => m.type)
        .sort(),
    ).toEqual(["email", "mobile_sms", "mobile_voice"]);
    expect(snap("alice").methods.find((m) => m.type === "email")?.value).toBe("alice.private@example.net");
  });

  it("lists what no input gave as unknown instead of guessing", () => {
    expect(snap("quentin").unknown).toContain("methods.security_questions.questionsAnswered");
    // Not methods[].verified: Entra verified registered methods and accepts profile values as they are.
    expect(snap("bob").unknown ?? []).not.toContain("methods[].verified");
    expect(snap("oscar").unknown).toContain("user.onPremises.lockedOut"); // synced, not in the settings' AD facts
    expect(snap("leo").unknown ?? []).not.toContain("user.onPremises.lockedOut");
    expect(snap("alice").unknown ?? []).not.toContain("user.onPremises.lockedOut"); // cloud user: no on-premises account
  });

  it("records each fact's source and read time", () => {
    const facts = snap("alice").provenance!.facts!;
    expect(facts.methods).toEqual({
      source: expect.stringMatching(/^Graph users\/.+\/authentication\/methods$/),
      readAt: CAPTURED,
    });
    expect(snap("bob").provenance!.facts!.methods).toEqual({
      source: "Graph userRegistrationDetails + user profile",
      readAt: CAPTURED,
    });
    expect(facts["policy.enablement"]).toEqual({ source: "settings sspr-settings.json", readAt: CAPTURED });
    expect(facts.throttle!.source).toMatch(/^estimate from Graph/);
  });

  it("turns the audit into attempts, throttle counts and blocks, as estimates", () => {
    expect(snap("nina").throttle).toMatchObject({
      blockedUntil: "2026-11-25T07:00:00.000Z",
      failedVerificationsLast24h: 1,
    });
    expect(snap("nina").attempt).toEqual({
      stage: "verify",
      method: "mobile_sms",
      error: "too_many_failed_verifications",
    });
    expect(snap("rita").attempt).toEqual({ stage: "set_password", error: "password_banned" });
    expect(snap("bob").attempt).toBeUndefined(); // a later successful reset clears it
    // His reset (08:25 yesterday) is 24 h 35 min before the capture: outside the window.
    expect(snap("bob").throttle.resetsLast24h).toBe(0);
    expect(
      snapshotsForTenant(db, new Date("2026-11-24T08:00:00.000Z"), TENANT).find((u) => u.upn.startsWith("bob@"))!
        .snapshot.throttle.resetsLast24h,
    ).toBe(1);
    expect(snap("alice").registration.lastConfirmedAt).toBe("2026-11-14T09:00:00.000Z");
  });
});

describe("a role given to a group whose members the export lacks", () => {
  it("lists user.roles as unknown for everyone rather than dropping the role silently", () => {
    const dir = mkdtempSync(join(tmpdir(), "entra-roles-"));
    const other = openDb(":memory:");
    try {
      cpSync(SMALL, dir, { recursive: true });
      rmSync(join(dir, "groups", "afc6d91b-234c-5e47-ba71-9be1ed18004d"), { recursive: true }); // Helpdesk Operators
      const { record } = importFolder(other.db, dir, { importedAt: "2026-11-24T09:05:00.000Z" });
      expect(record.unknown.tenant).toContain("user.roles");
    } finally {
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("--tenant", () => {
  it("names the tenant as asked; it is still found by its domain", () => {
    const other = openDb(":memory:");
    try {
      const { tenant } = importFolder(other.db, SMALL, { tenant: "Acme", importedAt: "2026-11-24T09:05:00.000Z" });
      expect(tenant).toMatchObject({ id: "tnt-acme", name: "Acme", domain: "northwind.example" });
      expect(openTenant({ db: other.db }, "tnt-acme")?.id).toBe("tnt-acme");
      expect(openTenant({ db: other.db }, "northwind.example")?.id).toBe("tnt-acme");
    } finally {
      other.close();
    }
  });
});

describe("re-import", () => {
  it("is idempotent: the same export again changes nothing", () => {
    const before = db.$client.prepare("SELECT count(*) FROM users WHERE tenant_id = ?").pluck().get(TENANT);
    const { record } = importFolder(db, SMALL, { importedAt: "2026-11-24T10:00:00.000Z" });
    expect(record.changes).toMatchObject({
      firstImport: false,
      users: { added: 0, removed: 0, changed: 0 },
      groups: { added: 0, removed: 0 },
      policy: [],
    });
    expect(db.$client.prepare("SELECT count(*) FROM users WHERE tenant_id = ?").pluck().get(TENANT)).toBe(before);
    expect(listImports(db, TENANT)).toHaveLength(2);
  });

  it("says what changed: a user gone, a user's licence, a policy field", () => {
    const dir = mkdtempSync(join(tmpdir(), "entra-small-"));
    try {
      cpSync(SMALL, dir, { recursive: true });
      const page2 = JSON.parse(readFileSync(join(dir, "users.2.json"), "utf8"));
      page2.value = page2.value.filter((u: { userPrincipalName: string }) => !u.userPrincipalName.startsWith("trent@"));
      page2.value[0].assignedLicenses = [];
      page2.value[0].assignedPlans = [];
      writeFileSync(join(dir, "users.2.json"), JSON.stringify(page2));
      const settings = JSON.parse(readFileSync(join(dir, "sspr-settings.json"), "utf8"));
      settings.sspr.methodsRequired = 2;
      writeFileSync(join(dir, "sspr-settings.json"), JSON.stringify(settings));
      // trent's membership file entries would now name a missing user: drop him there too.
      for (const f of db.$client.prepare("SELECT id FROM groups WHERE tenant_id = ?").pluck().all(TENANT) as string[]) {
        const path = join(dir, "groups", f, "transitiveMembers.json");
        const page = JSON.parse(readFileSync(path, "utf8"));
        page.value = page.value.filter((m: { displayName?: string }) => m.displayName !== "Trent");
        writeFileSync(path, JSON.stringify(page));
      }
      const { record } = importFolder(db, dir, { importedAt: "2026-11-24T11:00:00.000Z" });
      expect(record.changes.users).toMatchObject({ added: 0, removed: 1, changed: 1 });
      expect(record.changes.users.samples).toEqual(
        expect.arrayContaining([
          { upn: "trent@northwind.example", change: "removed" },
          { upn: "mallory@northwind.example", change: "license" },
        ]),
      );
      expect(record.changes.policy).toEqual([{ field: "methodsRequired", from: 1, to: 2 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      importFolder(db, SMALL, { importedAt: "2026-11-24T12:00:00.000Z" });
    }
  });
});

describe("the sweep works on an imported tenant unchanged", () => {
  it("counts every user and the blockers found above", () => {
    const health = tenantSweep({ db, clock: fixedClock(CAPTURED), diagnoser }, TENANT);
    expect(health.users).toBe(20);
    const blocked = Object.values(EXPECTED).filter(([v]) => v === "blocked").length;
    expect(health.verdicts.blocked).toBe(blocked);
    expect(health.counts.no_license).toBe(1);
  });
});
