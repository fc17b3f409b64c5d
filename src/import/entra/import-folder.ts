/**
 * One import, start to end: read (a folder, or a GraphExport the live client fetched) →
 * map (tenantImport) → write (one transaction). Whatever fails before the write leaves the
 * database untouched; whatever fails inside it is rolled back.
 */
import type { Db } from "../../db/client";
import { writeImport, type ImportRecord } from "../../db/imports";
import type { GraphExport } from "./graph-export";
import { readExport } from "./read-export";
import { tenantImport } from "./tenant-import";

export type ImportOptions = { tenant?: string; settingsFile?: string; importedAt: string };

export function importExport(
  db: Db,
  x: GraphExport,
  opts: ImportOptions,
): { record: ImportRecord; tenant: { id: string; name: string; domain: string } } {
  const mapped = tenantImport(x, { tenantName: opts.tenant, importedAt: opts.importedAt });
  const record = writeImport(db, mapped, opts.importedAt);
  return { record, tenant: mapped.tenant };
}

/**
 * @example importFolder(db, "./export", { importedAt: new Date().toISOString() }).record.counts.users
 */
export function importFolder(db: Db, folder: string, opts: ImportOptions) {
  // The parsed export is unreachable once mapped: 100,000 users are not held twice while writing.
  const mapped = tenantImport(readExport(folder, { settingsFile: opts.settingsFile }), {
    tenantName: opts.tenant,
    importedAt: opts.importedAt,
  });
  return { record: writeImport(db, mapped, opts.importedAt), tenant: mapped.tenant };
}
