/**
 * `npm run admin` in-process: a policy changed from the shell is a version like one made
 * on /admin or over the API (who, when, why; audited), so the history lists it and a
 * revert can go back past it; a change without a reason, or with a bad value, is refused
 * naming the option and writes nothing. Group and membership edits go through the same
 * set-up use cases as the pages.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { queryAudit } from "../../../src/db/audit";
import { openDb } from "../../../src/db/client";
import { directGroupIds } from "../../../src/db/groups";
import { loadPolicy } from "../../../src/db/snapshots";
import { groupByName, policyRow, userByUpn } from "../../../src/db/setup";
import { findTenant } from "../../../src/db/tenants";
import { policyHistory } from "../../../src/flows/policy-editor";
import { runCli } from "../../support/cli";

describe("npm run admin (in-process)", () => {
  const dir = mkdtempSync(join(tmpdir(), "sspr-admin-cli-"));
  const env = { SSPR_DB: join(dir, "sspr.db") };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const admin = (...args: string[]) => runCli("admin", args, env);
  const inDb = <T>(read: (db: ReturnType<typeof openDb>["db"]) => T): T => {
    const { db, close } = openDb(env.SSPR_DB);
    try {
      return read(db);
    } finally {
      close();
    }
  };

  it("sets the policy as a version with who, when and why; history lists it; revert goes back", async () => {
    expect((await admin("tenant", "create", "Acme", "acme.example")).code).toBe(0);
    expect((await admin("group", "create", "acme.example", "SSPR users")).code).toBe(0);

    const noReason = await admin("policy", "set", "acme.example", "--enablement", "all");
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain("--reason");
    const bad = await admin("policy", "set", "acme.example", "--methods-required", "3", "--reason", "Try");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--methods-required");
    const tenant = inDb((db) => findTenant(db, "acme.example")!);
    expect(inDb((db) => policyHistory({ db }, tenant.id))).toEqual([]);

    const set = await admin(
      "policy",
      "set",
      "acme.example",
      "--enablement",
      "selected",
      "--selected-groups",
      "SSPR users",
      "--admins-sspr-enabled",
      "false",
      "--reason",
      "Pilot for the SSPR users group",
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain("version 2");
    const sspr = inDb((db) => groupByName(db, tenant.id, "SSPR users")!);
    expect(inDb((db) => loadPolicy(db, tenant.id))).toMatchObject({
      enablement: "selected",
      selectedGroups: [sspr.id],
      admins: { ssprEnabled: false },
    });

    const history = await admin("policy", "history", "acme.example");
    expect(history.stdout).toMatch(/^2 \(current\)\t\S+\t.+ \(cli\)\tPilot for the SSPR users group$/m);
    expect(history.stdout).toMatch(/^1\t/m);
    const audit = inDb((db) => queryAudit(db, { action: "policy.*", limit: 10 }).entries);
    expect(audit).toMatchObject([{ action: "policy.change", actorType: "system", actorId: "cli:admin" }]);

    const revert = await admin("policy", "revert", "acme.example", "1", "--reason", "Pilot over");
    expect(revert.code, revert.stderr).toBe(0);
    expect(inDb((db) => loadPolicy(db, tenant.id)?.enablement)).toBe("none");
    expect(inDb((db) => policyHistory({ db }, tenant.id)[0])).toMatchObject({
      version: 3,
      revertOf: 1,
      reason: "Pilot over",
    });
  });

  it("edits the tenant, groups and memberships through the set-up use cases", async () => {
    expect(
      (await admin("tenant", "set", "acme.example", "--name", "Acme Ltd", "--banned-words", "acme,widget")).code,
    ).toBe(0);
    expect((await admin("group", "create", "acme.example", "All staff")).code).toBe(0);
    expect((await admin("group", "nest", "acme.example", "All staff", "SSPR users")).code).toBe(0);
    expect((await admin("user", "save", "acme.example", "ada@acme.example", "Ada")).code).toBe(0);
    expect((await admin("member", "add", "acme.example", "ada@acme.example", "All staff")).code).toBe(0);
    expect((await admin("member", "remove", "acme.example", "ada@acme.example", "All staff")).code).toBe(0);
    expect((await admin("group", "rename", "acme.example", "All staff", "Everyone")).code).toBe(0);
    expect((await admin("group", "unnest", "acme.example", "Everyone", "SSPR users")).code).toBe(0);
    expect((await admin("group", "delete", "acme.example", "Everyone")).code).toBe(0);
    const missing = await admin("member", "add", "acme.example", "nobody@acme.example", "SSPR users");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("upn");

    inDb((db) => {
      const tenant = findTenant(db, "acme.example")!;
      expect(tenant.name).toBe("Acme Ltd");
      expect(policyRow(db, tenant.id)?.bannedWords).toEqual(["acme", "widget"]);
      expect(groupByName(db, tenant.id, "Everyone")).toBeUndefined();
      expect(directGroupIds(db, userByUpn(db, "ada@acme.example")!.id)).toEqual([]);
    });
  });
  it("user save: a new user gets the defaults; saving again with one option changes that one and keeps the rest", async () => {
    const nameless = await admin("user", "save", "acme.example", "grace@acme.example", "--roles", "helpdesk_admin");
    expect(nameless.code).toBe(1);
    expect(nameless.stderr).toContain("--display-name:");

    expect((await admin("user", "save", "acme.example", "bob@acme.example", "Bob")).code).toBe(0);
    expect(inDb((db) => userByUpn(db, "bob@acme.example"))).toMatchObject({
      type: "member",
      source: "cloud",
      enabled: true,
      roles: [],
      license: "p1",
    });

    const made = await admin(
      "user",
      "save",
      "acme.example",
      "grace@acme.example",
      "--display-name",
      "Grace",
      "--roles",
      "helpdesk_admin",
      "--license",
      "p2",
      "--synced",
      "--disabled",
    );
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^created /);
    const renamed = await admin("user", "save", "acme.example", "grace@acme.example", "--display-name", "Grace Hopper");
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toMatch(/^updated /);
    expect(inDb((db) => userByUpn(db, "grace@acme.example"))).toMatchObject({
      displayName: "Grace Hopper",
      roles: ["helpdesk_admin"],
      license: "p2",
      source: "synced",
      enabled: false,
    });

    // A refused edit names the flag typed and writes nothing, not even an audit row.
    const saves = () => inDb((db) => queryAudit(db, { action: "setup.user_save", limit: 100 }).entries);
    const before = saves().length;
    const bad = await admin("user", "save", "acme.example", "grace@acme.example", "--license", "p3");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Refused: --license:/);
    expect(saves()).toHaveLength(before);
    expect(inDb((db) => userByUpn(db, "grace@acme.example"))?.license).toBe("p2");
    expect(saves()[0]).toMatchObject({
      actorId: "cli:admin",
      detail: { created: false, displayName: "Grace Hopper", from: { displayName: "Grace" } },
    });
  });
});
