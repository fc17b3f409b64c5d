/**
 * The user list keeps a tenant's standing verdicts between page views (issue 16 debt 3)
 * and never shows one older than a change: a fix a staff member just applied, a method
 * removed behind the app's back (another process, a CLI), or a policy edit shows on the
 * next view; paging and filtering an unchanged tenant diagnoses nobody again; and every
 * table the state loader reads bumps the tenant's version when it changes.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { tenantStateVersion } from "../../src/db/tenant-state";
import type { Deps } from "../../src/deps";
import { listUsers } from "../../src/flows/user-list";
import { STANDING_MAX_AGE_MS } from "../../src/flows/tenant-standing";
import { testApp, type TestContext } from "../support/test-deps";

let t: TestContext | undefined;
afterEach(() => t?.close());

const CONTOSO = { tenant: "contoso.example" };
const row = (deps: Pick<Deps, "db" | "clock" | "diagnoser">, upn: string) =>
  listUsers(deps, { ...CONTOSO, q: upn }, { offset: 0, limit: 5 }).rows.find((r) => r.upn === upn);

/** The app's deps with a diagnoser that counts the users it is asked about. */
function counting(t: TestContext) {
  const seen = { users: 0 };
  const d = t.deps.diagnoser;
  const deps = {
    ...t.deps,
    diagnoser: {
      ...d,
      findingCodes: (...args: Parameters<typeof d.findingCodes>) => (seen.users++, d.findingCodes(...args)),
    },
  };
  return { deps, seen };
}

describe("the user list's kept verdicts", () => {
  it("diagnoses a tenant once for many pages and filters while nothing changes", async () => {
    t = await testApp({ seed: true });
    const { deps, seen } = counting(t);
    const first = listUsers(deps, CONTOSO, { offset: 0, limit: 10 });
    const once = seen.users;
    expect(once).toBe(first.total);
    listUsers(deps, CONTOSO, { offset: 10, limit: 10 });
    listUsers(deps, { ...CONTOSO, verdict: "blocked" }, { offset: 0, limit: 10 });
    listUsers(deps, { ...CONTOSO, finding: "not_registered" }, { offset: 0, limit: 10 });
    expect(seen.users).toBe(once);
    // Time alone changes verdicts (a throttle window ends): kept verdicts have an age limit.
    t.clock.advance(STANDING_MAX_AGE_MS);
    listUsers(deps, CONTOSO, { offset: 0, limit: 10 });
    expect(seen.users).toBe(2 * once);
  });

  it("shows a fix a staff member just applied on the next view", async () => {
    t = await testApp({ seed: true });
    const dana = "dana.disabled@contoso.example";
    expect(row(t.deps, dana)).toMatchObject({ verdict: "blocked", primary: "account_disabled" });
    const res = await t.app.request("/api/v1/fixes/enable_account", {
      method: "POST",
      headers: { "content-type": "application/json", ...t.auth("admin") },
      body: JSON.stringify({ user: dana, reason: "INC-9 back from leave" }),
    });
    expect(res.status).toBe(200);
    expect(row(t.deps, dana)?.codes).not.toContain("account_disabled");
  });

  it("shows a change made behind the app's back — a method removed, a policy turned off — on the next view", async () => {
    t = await testApp({ seed: true });
    const alex = "alex.healthy@contoso.example";
    expect(row(t.deps, alex)?.verdict).toBe("can_reset");
    // Another process, or the CLI, writing straight to the database.
    t.db.$client.prepare("DELETE FROM methods WHERE user_id = (SELECT id FROM users WHERE upn = ?)").run(alex);
    expect(row(t.deps, alex)?.verdict).toBe("blocked");
    t.db.$client.prepare("UPDATE policies SET enablement = 'none' WHERE tenant_id = 'tnt-contoso'").run();
    expect(row(t.deps, alex)?.primary).toBe("sspr_disabled");
  });

  it("bumps the tenant's version on a change to every table the state loader reads", async () => {
    t = await testApp({ seed: true });
    const read = ["src/db/snapshots.ts", "src/db/imported-audit.ts", "src/db/user-directory.ts"]
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const tables = new Set([...read.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)\b/g)].map((m) => m[1]!));
    tables.delete("tenants"); // a tenant's name and domain are read afresh on every view
    const triggers = new Set(
      t.db.$client
        .prepare("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_state\\_%' ESCAPE '\\'")
        .pluck()
        .all() as string[],
    );
    expect([...tables].filter((x) => !triggers.has(x))).toEqual([]);
    const before = tenantStateVersion(t.db, "tnt-contoso");
    const elsewhere = tenantStateVersion(t.db, "tnt-fabrikam");
    t.db.$client
      .prepare(
        "INSERT INTO throttle_events (user_id, kind, subject, at) SELECT id, 'code_wrong', upn, '2026-01-01T00:00:00Z' FROM users WHERE upn = 'alex.healthy@contoso.example'",
      )
      .run();
    expect(tenantStateVersion(t.db, "tnt-contoso")).toBe(before + 1);
    expect(tenantStateVersion(t.db, "tnt-fabrikam")).toBe(elsewhere);
  });
});
