import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock";
import { openDb } from "../../../src/db/client";
import { DEMO_PERSONAS, DEMO_TENANTS } from "../../../src/db/seed/demo-tenant";
import { removeDemo, seedDemo } from "../../../src/db/seed/seed";
import { FINDINGS, type FindingCode } from "../../../src/domain/catalogue";
import { verifySecret } from "../../../src/secrets/password-hash";
import { DEMO_PASSWORD } from "../../../src/db/seed/demo-tenant";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), "sspr-db-"));
  dirs.push(dir);
  return join(dir, "nested", "sspr.db");
};
const count = (db: ReturnType<typeof openDb>["db"], table: string) =>
  (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe("openDb", () => {
  it("creates, migrates and reports a new file, with WAL and foreign keys on", () => {
    const path = tempDb();
    const { db, isNew, close } = openDb(path);
    expect(isNew).toBe(true);
    const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    for (const t of [
      "tenants",
      "policies",
      "groups",
      "group_nesting",
      "group_memberships",
      "users",
      "password_history",
      "methods",
      "security_answers",
      "throttle_events",
      "throttle_blocks",
      "reset_flows",
      "verification_codes",
      "writeback_connectors",
      "audit_log",
      "staff_tokens",
      "diagnoses",
    ]) {
      expect(tables).toContain(t);
    }
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    close();
    const again = openDb(path);
    expect(again.isNew).toBe(false);
    again.close();
  });

  it("keeps the audit log append-only", async () => {
    const { db } = openDb(":memory:");
    db.$client
      .prepare(
        "INSERT INTO audit_log (at, actor_type, action, outcome) VALUES ('2026-01-01T00:00:00Z', 'system', 'test', 'success')",
      )
      .run();
    expect(() => db.$client.prepare("UPDATE audit_log SET outcome = 'failure'").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
  });
});

describe("seedDemo", () => {
  it("seeds every tenant and persona once; seeding twice changes nothing", async () => {
    const { db } = openDb(":memory:");
    const clock = fixedClock("2026-11-24T09:30:00Z");
    expect(await seedDemo(db, clock)).toEqual({ seeded: true, users: DEMO_PERSONAS.length });
    const tables = [
      "tenants",
      "users",
      "methods",
      "security_answers",
      "throttle_events",
      "audit_log",
      "group_memberships",
    ];
    const before = Object.fromEntries(tables.map((t) => [t, count(db, t)]));
    expect(await seedDemo(db, clock)).toEqual({ seeded: false, users: 0 });
    expect(Object.fromEntries(tables.map((t) => [t, count(db, t)]))).toEqual(before);
    expect(before.tenants).toBe(DEMO_TENANTS.length);
  });

  it("stores every persona under its login, with the documented password hashed", async () => {
    const { db } = openDb(":memory:");
    await seedDemo(db, fixedClock("2026-11-24T09:30:00Z"));
    const rows = db.$client.prepare("SELECT upn, password_hash FROM users").all() as {
      upn: string;
      password_hash: string;
    }[];
    expect(rows.map((r) => r.upn).sort()).toEqual(DEMO_PERSONAS.map((p) => p.login).sort());
    expect(rows[0]!.password_hash).not.toContain(DEMO_PASSWORD);
    expect(await verifySecret(DEMO_PASSWORD, rows[0]!.password_hash)).toBe(true);
  });

  it("has a persona for every blocker and warning of the catalogue", () => {
    const covered = new Set<string>(
      DEMO_PERSONAS.flatMap((p) => [p.primary, ...(p.includes ?? [])].filter(Boolean) as string[]),
    );
    covered.add("account_not_found"); // DEMO_UNKNOWN_LOGIN: no such user, by definition
    // Four personas share one phone number: the tenant sweep reports method_in_use_by_many.
    const phones = DEMO_PERSONAS.flatMap((p) => (p.methods ?? []).map((m) => m.value)).filter(Boolean);
    expect(phones.some((v) => phones.filter((x) => x === v).length > 3)).toBe(true);
    covered.add("method_in_use_by_many");
    const needed = (Object.keys(FINDINGS) as FindingCode[]).filter((c) => FINDINGS[c].severity !== "info");
    expect(needed.filter((c) => !covered.has(c))).toEqual([]);
  });

  it("starts the demo over with removeDemo, leaving the audit log as it was", async () => {
    const { db } = openDb(":memory:");
    const clock = fixedClock("2026-11-24T09:30:00Z");
    await seedDemo(db, clock);
    db.$client
      .prepare(
        "INSERT INTO audit_log (at, actor_type, action, outcome) VALUES ('2026-11-24T10:00:00Z', 'system', 'kept', 'success')",
      )
      .run();
    const audit = count(db, "audit_log");
    removeDemo(db);
    expect(count(db, "users")).toBe(0);
    expect(count(db, "staff_tokens")).toBe(0);
    clock.advance(86_400_000);
    expect((await seedDemo(db, clock)).seeded).toBe(true);
    expect(count(db, "users")).toBe(DEMO_PERSONAS.length);
    expect(count(db, "audit_log")).toBeGreaterThan(audit);
  });
});
