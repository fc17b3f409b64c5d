/**
 * The CSV import of people (issue 16 item 1) on a database without the demo: a dry run
 * writes nothing, a real run creates users, groups and memberships, the same file again
 * changes nothing, a bad file is refused whole with each bad row named by row and column,
 * and `npm run admin` / `npm run import:csv` do the same from the shell (run in-process).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../src/db/client";
import { queryAudit } from "../../src/db/audit";
import { groupByName, userByUpn } from "../../src/db/setup";
import { createTenant } from "../../src/flows/setup";
import { importCsv } from "../../src/import/csv/csv-import";
import { runCli } from "../support/cli";

const PEOPLE = [
  "userPrincipalName,displayName,mail,mobile,department,groups,accountEnabled,usageLocation,licence",
  "ada@acme.example,Ada Lovelace,ada@acme.example,+371 2000 0001,Engineering,SSPR users,true,LV,p2",
  "bob@acme.example,Bob Builder,,,Engineering,SSPR users|Helpdesk,false,LV,AAD_PREMIUM",
  'cy@acme.example,"Cy, the Guest",,,Sales,,TRUE,GB,',
].join("\n");

const actor = { type: "system" as const, id: "test" };
const now = new Date("2026-11-30T12:00:00Z");

function emptyDb() {
  const dir = mkdtempSync(join(tmpdir(), "sspr-csv-"));
  const path = join(dir, "sspr.db");
  const { db, close } = openDb(path);
  return { db, path, dir, close };
}

describe("importCsv", () => {
  const { db, dir, close } = emptyDb();
  afterAll(() => (close(), rmSync(dir, { recursive: true, force: true })));
  const tenant = createTenant({ db, now, actor }, { name: "Acme", domain: "acme.example" });

  it("a dry run reports what would change and writes nothing", () => {
    const r = importCsv(db, tenant, PEOPLE, { dryRun: true, now, actor });
    expect(r.rejected).toEqual([]);
    expect(r.usersCreated).toEqual(["ada@acme.example", "bob@acme.example", "cy@acme.example"]);
    expect(r.groupsCreated).toEqual(["Engineering", "SSPR users", "Helpdesk", "Sales"]);
    expect(r.written).toBe(false);
    expect(userByUpn(db, "ada@acme.example")).toBeUndefined();
    expect(groupByName(db, tenant.id, "Engineering")).toBeUndefined();
  });

  it("a real run creates users, groups and memberships, in one audited change", () => {
    const r = importCsv(db, tenant, PEOPLE, { dryRun: false, now, actor, file: "people.csv" });
    expect(r.written).toBe(true);
    expect(r.membershipsAdded).toBe(6);
    expect(userByUpn(db, "bob@acme.example")).toMatchObject({
      enabled: false,
      license: "p1",
      displayName: "Bob Builder",
    });
    expect(userByUpn(db, "ada@acme.example")).toMatchObject({ enabled: true, license: "p2" });
    expect(userByUpn(db, "cy@acme.example")).toMatchObject({ displayName: "Cy, the Guest", license: "p1" });
    const rows = queryAudit(db, { action: "setup.csv_import", limit: 10 }).entries;
    expect(rows).toHaveLength(1);
  });

  it("the same file again changes nothing", () => {
    const r = importCsv(db, tenant, PEOPLE, { dryRun: false, now, actor });
    expect(r).toMatchObject({
      written: false,
      usersCreated: [],
      usersUpdated: [],
      groupsCreated: [],
      membershipsAdded: 0,
      unchanged: 3,
    });
  });

  it("a file with bad rows is refused whole, each named by row and column", () => {
    const bad = [
      "UserPrincipalName;Display name;Account enabled;Licence;Mobile",
      "new@acme.example;New Person;true;p1;",
      "not-an-upn;X;true;p1;",
      "z@acme.example;Z;maybe;gold;12345",
      "new@acme.example;Again;true;p1;",
    ].join("\r\n");
    const r = importCsv(db, tenant, bad, { dryRun: false, now, actor });
    expect(r.rejected).toEqual([
      { row: 3, column: "UserPrincipalName", reason: expect.any(String) },
      { row: 4, column: "Account enabled", reason: expect.any(String) },
      { row: 4, column: "Licence", reason: expect.any(String) },
      { row: 4, column: "Mobile", reason: expect.any(String) },
      { row: 5, column: "UserPrincipalName", reason: "the same person as row 2" },
    ]);
    expect(r.written).toBe(false);
    expect(userByUpn(db, "new@acme.example")).toBeUndefined();
  });

  it("a file without the sign-in name column is refused at row 1", () => {
    const r = importCsv(db, tenant, "displayName\nAda\n", { dryRun: false, now, actor });
    expect(r.rejected).toEqual([{ row: 1, column: "userPrincipalName", reason: "missing column" }]);
  });
});

describe("npm run admin / npm run import:csv (in-process)", () => {
  const dir = mkdtempSync(join(tmpdir(), "sspr-csv-cli-"));
  const path = join(dir, "sspr.db");
  const file = join(dir, "people.csv");
  writeFileSync(file, PEOPLE);
  const env = { SSPR_DB: path };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("sets a tenant up and imports a file: dry run, real run, re-run, bad file", async () => {
    expect((await runCli("admin", ["tenant", "create", "Acme", "acme.example"], env)).code).toBe(0);
    expect((await runCli("admin", ["group", "create", "acme.example", "All staff"], env)).code).toBe(0);
    expect(
      (await runCli("admin", ["group", "create", "acme.example", "SSPR users", "--parent", "All staff"], env)).code,
    ).toBe(0);
    const policy = await runCli(
      "admin",
      [
        "policy",
        "set",
        "acme.example",
        "--enablement",
        "selected",
        "--selected-groups",
        "SSPR users",
        "--methods-allowed",
        "email,mobile_sms",
        "--methods-required",
        "2",
        "--admins-sspr-enabled",
        "false",
        "--reason",
        "Set-up from the shell",
      ],
      env,
    );
    expect(policy.code, policy.stderr).toBe(0);
    const user = await runCli(
      "admin",
      ["user", "save", "acme.example", "root@acme.example", "Root", "--roles", "global_admin"],
      env,
    );
    expect(user.code, user.stderr).toBe(0);
    expect((await runCli("admin", ["member", "add", "acme.example", "root@acme.example", "All staff"], env)).code).toBe(
      0,
    );
    const refused = await runCli("admin", ["tenant", "create", "Acme again", "acme.example"], env);
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.stderr).toContain("acme.example");

    const dry = await runCli("import-csv", ["acme.example", file, "--dry-run"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("dry run — nothing written");
    expect(dry.stdout).toContain("3 users created");
    const real = await runCli("import-csv", ["acme.example", file], env);
    expect(real.stdout).toContain("imported");
    expect(real.stdout).toContain("3 users created");
    const again = await runCli("import-csv", ["acme.example", file], env);
    expect(again.stdout).toContain("no changes — nothing written");
    writeFileSync(file, "userPrincipalName,displayName,accountEnabled\nx@acme.example,X,perhaps\n");
    const bad = await runCli("import-csv", ["acme.example", file], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("row 2, column accountEnabled");

    const { db, close } = openDb(path);
    try {
      expect(userByUpn(db, "ada@acme.example")).toBeDefined();
      expect(userByUpn(db, "x@acme.example")).toBeUndefined();
      expect(userByUpn(db, "root@acme.example")?.roles).toEqual(["global_admin"]);
    } finally {
      close();
    }
  });
});
