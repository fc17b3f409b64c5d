/**
 * A CSV import's report as the CLI prints it: what changed (or would, on a dry run), and
 * every rejected row by row and column — the words an operator fixes the file from.
 */
import type { CsvImportReport } from "./csv-import";

/** @example csvImportSummary(report) // "dry run — nothing written\n3 rows: 2 users created, …" */
export function csvImportSummary(r: CsvImportReport): string {
  if (r.rejected.length)
    return [
      `Import refused, nothing was written: ${r.rejected.length} problem(s).`,
      ...r.rejected.map((x) => `  row ${x.row}, column ${x.column}: ${x.reason}`),
    ].join("\n");
  const head = r.dryRun ? "dry run — nothing written" : r.written ? "imported" : "no changes — nothing written";
  return [
    head,
    `${r.rows} rows: ${r.usersCreated.length} users created, ${r.usersUpdated.length} updated, ` +
      `${r.groupsCreated.length} groups created, ${r.membershipsAdded} memberships added, ${r.unchanged} unchanged`,
    ...(r.groupsCreated.length ? [`new groups: ${r.groupsCreated.join(", ")}`] : []),
  ].join("\n");
}
