/**
 * Bad exports are refused with the file, the record and the field named, and nothing of the
 * import is written: the tenant as imported before stays exactly as it was (issue 15 item 7).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../src/db/client";
import { listImports } from "../../src/db/imports";
import { ImportError } from "../../src/import/entra/import-error";
import { importFolder } from "../../src/import/entra/import-folder";

const SMALL = join(import.meta.dirname, "../fixtures/entra/small");
const TENANT = "tnt-northwind.example";
const GROUP_SALES = "a49c8517-e2b8-5ed6-b166-bd31c5675a63";

let db: Db;
let close: () => void;
let dir: string;
let fingerprint: () => unknown;

const edit = (file: string, change: (json: any) => unknown) => {
  const path = join(dir, file);
  const out = change(JSON.parse(readFileSync(path, "utf8")));
  writeFileSync(path, JSON.stringify(out ?? JSON.parse(readFileSync(path, "utf8"))));
};
const editInPlace = (file: string, change: (json: any) => void) => edit(file, (j) => (change(j), j));

/** The import's error, so a test can check where it points. */
function refusal(folder = dir): ImportError {
  try {
    importFolder(db, folder, { importedAt: "2026-11-24T10:00:00.000Z" });
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
  throw new Error("the import was accepted");
}

beforeAll(() => {
  ({ db, close } = openDb(":memory:"));
  importFolder(db, SMALL, { importedAt: "2026-11-24T09:05:00.000Z" });
  const q = (sql: string) => db.$client.prepare(sql).all(TENANT);
  fingerprint = () => ({
    users: q("SELECT id, upn, license, roles, enabled FROM users WHERE tenant_id = ? ORDER BY id"),
    groups: q("SELECT id, name FROM groups WHERE tenant_id = ? ORDER BY id"),
    memberships: q(
      "SELECT m.group_id, m.user_id FROM group_memberships m JOIN users u ON u.id = m.user_id WHERE u.tenant_id = ? ORDER BY 1, 2",
    ),
    methods: q(
      "SELECT m.id, m.type, m.value FROM methods m JOIN users u ON u.id = m.user_id WHERE u.tenant_id = ? ORDER BY 1",
    ),
    policy: q("SELECT * FROM policies WHERE tenant_id = ?"),
    imports: listImports(db, TENANT).length,
  });
});
afterAll(() => close());
let before: unknown;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "entra-bad-"));
  cpSync(SMALL, dir, { recursive: true });
  before = fingerprint();
});
afterEach(() => {
  // Whatever was refused, the tenant imported before is untouched.
  expect(fingerprint()).toEqual(before);
  rmSync(dir, { recursive: true, force: true });
});

describe("refused exports name the file, the record and the field", () => {
  it("a truncated file", () => {
    const path = join(dir, "users.2.json");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    const err = refusal();
    expect(err.file).toBe("users.2.json");
    expect(err.message).toMatch(/^users\.2\.json: truncated or incomplete JSON/);
  });

  it("a page of the wrong shape (no value array)", () => {
    edit("groups.json", (j) => ({ "@odata.context": j["@odata.context"], groups: j.value }));
    const err = refusal();
    expect(err.file).toBe("groups.json");
    expect(err.message).toMatch(/groups\.json: .*(value|groups)/);
    expect(err.message).toContain("a page must be a Graph collection");
  });

  it("a page whose @odata.context names another resource", () => {
    editInPlace("users.2.json", (j) => (j["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#groups"));
    const err = refusal();
    expect(err).toMatchObject({ file: "users.2.json", field: "@odata.context" });
  });

  it("an unknown field on a record", () => {
    editInPlace("users.json", (j) => (j.value[2].favouriteColour = "teal"));
    const err = refusal();
    expect(err).toMatchObject({
      file: "users.json",
      record: expect.stringMatching(/^value\[2\] \(id [0-9a-f-]{36}\)$/),
      field: "favouriteColour",
    });
    expect(err.message).toContain("unknown field");
  });

  it("a field of the wrong type, deep in a record", () => {
    editInPlace("users.json", (j) => (j.value[0].assignedPlans[0].capabilityStatus = 1));
    expect(refusal()).toMatchObject({
      file: "users.json",
      record: expect.stringMatching(/^value\[0\]/),
      field: "assignedPlans[0].capabilityStatus",
    });
  });

  it("a user in a group that does not exist", () => {
    editInPlace(`groups/${GROUP_SALES}/transitiveMembers.json`, (j) =>
      j.value.push({ "@odata.type": "#microsoft.graph.group", id: "00000000-dead-4000-8000-000000000000" }),
    );
    const err = refusal();
    expect(err).toMatchObject({ file: `groups/${GROUP_SALES}/transitiveMembers.json`, field: "id" });
    expect(err.record).toMatch(/\(id 00000000-dead-4000-8000-000000000000\)$/);
    expect(err.message).toContain("is not in groups.json");
  });

  it("members listed for a group that groups.json does not have", () => {
    editInPlace("groups.json", (j) => (j.value = j.value.filter((g: { id: string }) => g.id !== GROUP_SALES)));
    const err = refusal();
    expect(err.message).toContain(`group ${GROUP_SALES} is not in groups.json`);
  });

  it("a member user that users.json does not have", () => {
    editInPlace(`groups/${GROUP_SALES}/transitiveMembers.json`, (j) =>
      j.value.push({ "@odata.type": "#microsoft.graph.user", id: "11111111-dead-4000-8000-000000000000" }),
    );
    expect(refusal().message).toMatch(
      /value\[\d+\] \(id 11111111-dead-4000-8000-000000000000\): id: user .* is not in users\.json/,
    );
  });

  it("a settings file with a wrong type", () => {
    editInPlace("sspr-settings.json", (j) => (j.sspr.methodsRequired = "two"));
    const err = refusal();
    expect(err).toMatchObject({ file: "sspr-settings.json", field: "sspr.methodsRequired" });
    expect(err.message).toBe("sspr-settings.json: sspr.methodsRequired: expected 1 or 2");
  });

  it("a settings file with an unknown key", () => {
    editInPlace("sspr-settings.json", (j) => (j.sspr.enablment = "all"));
    expect(refusal()).toMatchObject({ file: "sspr-settings.json", field: "sspr.enablment" });
  });

  it("a settings file selecting a group the export does not have", () => {
    editInPlace("sspr-settings.json", (j) => (j.sspr.selectedGroupId = "no-such-group"));
    expect(refusal()).toMatchObject({ file: "sspr-settings.json", field: "sspr.selectedGroupId" });
  });

  it("an export cut short: a page says there is more, and the next file is missing", () => {
    rmSync(join(dir, "users.2.json"));
    const err = refusal();
    expect(err).toMatchObject({ file: "users.json", field: "@odata.nextLink" });
    expect(err.message).toContain("users.2.json is missing: the export is incomplete");
  });

  it("a missing users.json", () => {
    rmSync(join(dir, "users.json"));
    rmSync(join(dir, "users.2.json"));
    expect(refusal().message).toBe("users.json: missing: this file is required");
  });
});

describe("nothing half-imported", () => {
  it("rolls the whole import back when a row fails late (a upn another tenant already holds)", () => {
    const other = openDb(":memory:");
    try {
      other.db.$client
        .prepare("INSERT INTO tenants (id, name, domain) VALUES ('tnt-other', 'Other', 'other.example')")
        .run();
      other.db.$client
        .prepare(
          "INSERT INTO users (id, tenant_id, upn, display_name) VALUES ('usr-x', 'tnt-other', 'trent@northwind.example', 'Trent')",
        )
        .run();
      expect(() => importFolder(other.db, SMALL, { importedAt: "2026-11-24T10:00:00.000Z" })).toThrow(
        /trent@northwind\.example .*already taken/,
      );
      const count = (sql: string) => other.db.$client.prepare(sql).pluck().get();
      expect(count("SELECT count(*) FROM tenants")).toBe(1);
      expect(count("SELECT count(*) FROM users")).toBe(1);
      expect(count("SELECT count(*) FROM groups")).toBe(0);
      expect(count("SELECT count(*) FROM imports")).toBe(0);
    } finally {
      other.close();
    }
  });
});
