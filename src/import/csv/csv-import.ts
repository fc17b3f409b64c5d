/**
 * A CSV of people → a tenant's users, groups and direct memberships (issue 16 item 1).
 * The file is what an HR system or an Entra "Download users" export gives: one row per
 * person, columns such as userPrincipalName, displayName, mail, mobile, department,
 * groups, accountEnabled, usageLocation, licence, userType. Header names are matched
 * without regard to case, spaces or underscores, so "User principal name" works too.
 *
 * The import is all or nothing: every row is checked, and if any row is rejected the
 * report names each one by row and column and nothing is written. A clean file is written
 * in one transaction; a dry run does the very same work and rolls it back, so its report
 * is exactly what the real run will do. Running the same file twice changes nothing the
 * second time: users are matched by sign-in name and groups by name, and memberships are
 * only ever added (a department export must not empty the groups it does not mention).
 */
import { CsvError, parse } from "csv-parse/sync";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { audit } from "../../db/audit";
import type { Db, Store } from "../../db/client";
import * as store from "../../db/setup";
import type { TenantRef } from "../../db/tenants";
import { userToSave, type SetupActor } from "../../flows/setup";

/** A file larger than this is a whole directory, not a set-up file: use the directory import. */
export const CSV_MAX_BYTES = 20 * 1024 * 1024;
/**
 * A CSV uploaded on /admin may be up to this (the one exception to the 64 KiB body limit,
 * in app.ts): 5 MiB is some 50,000 people; a bigger file goes through `npm run import:csv`.
 */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/**
 * The people an upload may hold: the 50,000 its byte limit was sized for. Checking and
 * writing a row costs about 0.25 ms of the one event loop, and 5 MiB of minimal rows is
 * 175,000 of them (some 50 s in which the server answers nobody); more goes through the CLI.
 */
export const MAX_UPLOAD_ROWS = 50_000;
/**
 * Columns a people file may have (an Entra export has about 30). A header of a million
 * columns fits in 5 MiB and makes the parser build a million-key object per row: seconds
 * and hundreds of MB for a file that cannot be a people file.
 */
export const MAX_COLUMNS = 200;

export type CsvRejection = { row: number; column: string; reason: string };

export type CsvImportReport = {
  dryRun: boolean;
  /** Whether anything was stored: false for a dry run, a file with rejected rows, or a file that changes nothing. */
  written: boolean;
  rows: number;
  usersCreated: string[];
  usersUpdated: string[];
  groupsCreated: string[];
  membershipsAdded: number;
  unchanged: number;
  rejected: CsvRejection[];
};

/** Our column → the header names exports use for it (compared folded: lower case, no spaces, _ or -). */
const COLUMNS = {
  upn: ["userprincipalname", "upn", "signinname", "username"],
  displayName: ["displayname", "name", "fullname"],
  mail: ["mail", "email", "emailaddress"],
  mobile: ["mobile", "mobilephone", "phone"],
  department: ["department"],
  groups: ["groups", "memberof", "group"],
  enabled: ["accountenabled", "enabled", "blocksignin"],
  usageLocation: ["usagelocation", "country"],
  license: ["licence", "license", "licenses", "licences", "assignedlicenses"],
  type: ["usertype", "type"],
  source: ["source", "onpremisessyncenabled", "dirsyncenabled"],
} as const;
type Column = keyof typeof COLUMNS;

const fold = (header: string) => header.toLowerCase().replace(/[\s_-]/g, "");

const TRUE = new Set(["true", "yes", "1", "enabled", "y", "jā", "ja"]);
const FALSE = new Set(["false", "no", "0", "disabled", "n", "nē", "ne"]);

/** Licence names as exports spell them: our plan names, and Microsoft's SKU part numbers for Entra ID. */
const LICENCES: Record<string, store.UserFields["license"]> = {
  none: "none",
  free: "free",
  basic: "basic",
  p1: "p1",
  p2: "p2",
  aad_basic: "basic",
  aad_premium: "p1",
  aad_premium_p2: "p2",
  entraidp1: "p1",
  entraidp2: "p2",
};

const EMAIL = z.string().email();

/** Read `text` as the tenant's people; see the module comment for the guarantees. */
export function importCsv(
  db: Db,
  tenant: TenantRef,
  text: string,
  opts: { dryRun: boolean; now: Date; actor: SetupActor; file?: string; maxRows?: number },
): CsvImportReport {
  const report: CsvImportReport = {
    dryRun: opts.dryRun,
    written: false,
    rows: 0,
    usersCreated: [],
    usersUpdated: [],
    groupsCreated: [],
    membershipsAdded: 0,
    unchanged: 0,
    rejected: [],
  };
  const rows = readRows(text, report, opts.maxRows);
  if (!rows) return report;
  report.rows = rows.records.length;
  const people = checkRows(db, tenant, rows, report);
  if (report.rejected.length) return report;

  class RolledBack extends Error {}
  try {
    db.transaction((tx) => {
      write(tx, tenant, people, report);
      const changed =
        report.usersCreated.length + report.usersUpdated.length + report.groupsCreated.length + report.membershipsAdded;
      if (opts.dryRun || changed === 0) throw new RolledBack();
      audit(tx, opts.now, {
        tenantId: tenant.id,
        actorType: opts.actor.type,
        actorId: opts.actor.id,
        action: "setup.csv_import",
        outcome: "success",
        ip: opts.actor.ip ?? null,
        detail: {
          file: opts.file ?? null,
          rows: report.rows,
          usersCreated: report.usersCreated.length,
          usersUpdated: report.usersUpdated.length,
          groupsCreated: report.groupsCreated,
          membershipsAdded: report.membershipsAdded,
        },
      });
    });
    report.written = true;
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
  return report;
}

type Rows = { columns: Partial<Record<Column, string>>; records: Record<string, string>[] };

/** Parse the file; a broken file is one rejection at the line the parser stopped. */
function readRows(text: string, report: CsvImportReport, maxRows?: number): Rows | undefined {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  // Spreadsheets in locales with a decimal comma (Latvian Excel among them) save with ";".
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  // Counted before parsing (a quoted delimiter over-counts, far below any real header's reach).
  const width = firstLine.split(delimiter).length;
  if (width > MAX_COLUMNS) {
    report.rejected.push({
      row: 1,
      column: "(file)",
      reason: `${width} columns; a people file has at most ${MAX_COLUMNS}`,
    });
    return undefined;
  }
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: true,
      bom: true,
      delimiter,
      skip_empty_lines: true,
      trim: true,
      // One record past the limit is enough to refuse; the rest is never parsed.
      ...(maxRows !== undefined && { to: maxRows + 1 }),
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines ?? 1;
    report.rejected.push({ row: line, column: "(file)", reason: e.message });
    return undefined;
  }
  if (maxRows !== undefined && records.length > maxRows) {
    report.rejected.push({
      row: maxRows + 2,
      column: "(file)",
      reason: `more than ${maxRows} people; import a file this large with npm run import:csv`,
    });
    return undefined;
  }
  const headers = records[0] ? Object.keys(records[0]) : firstLine.split(delimiter).map((h) => h.trim());
  const columns: Partial<Record<Column, string>> = {};
  for (const [ours, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const header = headers.find((h) => names.includes(fold(h)));
    if (header !== undefined) columns[ours] = header;
  }
  for (const needed of ["upn", "displayName"] as const)
    if (!columns[needed])
      report.rejected.push({
        row: 1,
        column: needed === "upn" ? "userPrincipalName" : "displayName",
        reason: "missing column",
      });
  return report.rejected.length ? undefined : { columns, records };
}

type Person = {
  row: number;
  fields: Partial<store.UserFields> & { upn: string; displayName: string };
  groups: string[];
};

/** Every row checked; each problem becomes a rejection naming row (header = row 1) and column header. */
function checkRows(db: Db, tenant: TenantRef, rows: Rows, report: CsvImportReport): Person[] {
  const people: Person[] = [];
  const seen = new Map<string, number>();
  rows.records.forEach((record, i) => {
    const row = i + 2;
    const cell = (c: Column) => (rows.columns[c] ? (record[rows.columns[c]!] ?? "").trim() : "");
    const reject = (c: Column, reason: string) => report.rejected.push({ row, column: rows.columns[c] ?? c, reason });
    const before = report.rejected.length;

    const upn = cell("upn").toLowerCase();
    if (!EMAIL.safeParse(upn).success) reject("upn", "not a sign-in name like ada@contoso.example");
    else if (seen.has(upn)) reject("upn", `the same person as row ${seen.get(upn)}`);
    else {
      const other = store.userByUpn(db, upn);
      if (other && other.tenantId !== tenant.id) reject("upn", "belongs to another tenant");
    }
    seen.set(upn, row);
    const displayName = cell("displayName");
    if (!displayName || displayName.length > 200) reject("displayName", "empty or longer than 200 characters");

    const fields: Person["fields"] = { upn, displayName };
    const enabled = cell("enabled").toLowerCase();
    if (enabled) {
      // Microsoft 365's admin export has "Block sign-in", the opposite of accountEnabled.
      const inverted = fold(rows.columns.enabled ?? "") === "blocksignin";
      if (TRUE.has(enabled)) fields.enabled = !inverted;
      else if (FALSE.has(enabled)) fields.enabled = inverted;
      else reject("enabled", "not true or false");
    }
    const license = cell("license").toLowerCase().replace(/\s+/g, "");
    if (license) {
      if (LICENCES[license]) fields.license = LICENCES[license];
      else reject("license", "not one of none, free, basic, p1, p2, AAD_PREMIUM, AAD_PREMIUM_P2");
    }
    const type = cell("type").toLowerCase();
    if (type) {
      if (type === "member" || type === "guest") fields.type = type;
      else reject("type", "not Member or Guest");
    }
    const source = cell("source").toLowerCase();
    if (source) {
      if (source === "cloud" || FALSE.has(source)) fields.source = "cloud";
      else if (source === "synced" || TRUE.has(source)) fields.source = "synced";
      else reject("source", "not cloud or synced");
    }
    // Contact values are checked so a typo is caught, but not stored as security info: a
    // method counts only when its owner registered it (CONTRACT §1 methods).
    const mail = cell("mail");
    if (mail && !EMAIL.safeParse(mail).success) reject("mail", "not an email address");
    const mobile = cell("mobile").replace(/[\s()-]/g, "");
    if (mobile && !/^\+[1-9]\d{6,14}$/.test(mobile)) reject("mobile", "not a phone number in +country format");
    const usageLocation = cell("usageLocation");
    if (usageLocation && !/^[A-Za-z]{2}$/.test(usageLocation)) reject("usageLocation", "not a two-letter country code");

    const groups = [cell("department"), ...cell("groups").split(/[|;]/)].map((g) => g.trim()).filter(Boolean);
    for (const g of groups)
      if (g.length > 200)
        reject(cell("department") === g ? "department" : "groups", "a group name longer than 200 characters");
    if (report.rejected.length === before) people.push({ row, fields, groups: [...new Set(groups)] });
  });
  return people;
}

function write(tx: Store, tenant: TenantRef, people: Person[], report: CsvImportReport): void {
  const groupIds = new Map<string, string>();
  const groupId = (name: string) => {
    const key = name.toLowerCase();
    let id = groupIds.get(key) ?? store.groupByName(tx, tenant.id, name)?.id;
    if (!id) {
      id = `grp-${randomUUID()}`;
      store.insertGroup(tx, tenant.id, { id, name });
      report.groupsCreated.push(name);
    }
    groupIds.set(key, id);
    return id;
  };
  for (const p of people) {
    const existing = store.userByUpn(tx, p.fields.upn);
    let userId: string;
    let changed = false;
    if (existing) {
      userId = existing.id;
      const next = userToSave(existing, p.fields);
      if ((Object.keys(next) as (keyof store.UserFields)[]).some((k) => k !== "roles" && next[k] !== existing[k])) {
        store.updateUser(tx, userId, next);
        report.usersUpdated.push(existing.upn);
        changed = true;
      }
    } else {
      userId = `usr-${randomUUID()}`;
      store.insertUser(tx, tenant.id, userId, userToSave(undefined, p.fields));
      report.usersCreated.push(p.fields.upn);
      changed = true;
    }
    for (const name of p.groups)
      if (store.addMembership(tx, groupId(name), userId)) {
        report.membershipsAdded++;
        changed = true;
      }
    if (!changed) report.unchanged++;
  }
}
