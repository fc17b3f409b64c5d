/**
 * Bring people in from a CSV file (an HR or directory export) into a tenant made here:
 *   npm run import:csv -- contoso.example ./people.csv [--dry-run]
 * Prints what was (or, with --dry-run, would be) created and updated; a file with bad
 * rows is refused whole, each bad row named by row and column, and nothing is written.
 * Exit codes: 0 imported (or nothing to change), 1 rows rejected, 2 bad arguments.
 */
import "./closed-pipe";
import { Command } from "commander";
import { readFileSync, statSync } from "node:fs";
import { systemClock } from "../clock";
import { loadConfig } from "../config";
import { openDb } from "../db/client";
import { findTenant } from "../db/tenants";
import { CSV_MAX_BYTES, importCsv } from "../import/csv/csv-import";
import { csvImportSummary } from "../import/csv/csv-report";

const program = new Command("import:csv")
  .description(
    "bring people in from an HR or directory CSV; a file with bad rows is refused whole; re-importing changes nothing",
  )
  .argument("<tenant-domain>", "the tenant to import into (its domain or id)")
  .argument(
    "<file>",
    "a CSV file (, or ;) with a header row: userPrincipalName and displayName, optionally department, groups (separated by | or ;), accountEnabled, licence, userType, mail, mobile, usageLocation",
  )
  .option("--dry-run", "check the file and show what would change, writing nothing")
  .action((domain: string, file: string, opts: { dryRun?: boolean }) => {
    const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (size === 0 || size > CSV_MAX_BYTES) {
      console.error(`${file} is missing, empty or larger than ${CSV_MAX_BYTES / 1024 / 1024} MiB.`);
      process.exitCode = 2;
      return;
    }
    const config = loadConfig(process.env);
    const { db, close } = openDb(config.dbPath);
    try {
      const tenant = findTenant(db, domain);
      if (!tenant) {
        console.error(`No tenant ${domain}. Create it first: npm run admin -- tenant create <name> ${domain}`);
        process.exitCode = 2;
        return;
      }
      const report = importCsv(db, tenant, readFileSync(file, "utf8"), {
        dryRun: Boolean(opts.dryRun),
        now: systemClock.now(),
        actor: { type: "system", id: "cli:import-csv" },
        file,
      });
      const summary = csvImportSummary(report);
      if (report.rejected.length) console.error(summary);
      else console.log(summary);
      process.exitCode = report.rejected.length ? 1 : 0;
    } finally {
      close();
    }
  });

await program.parseAsync();
