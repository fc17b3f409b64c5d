/**
 * Bring a Microsoft Entra tenant in, from a Graph export folder or live from Graph:
 *   npm run import:entra -- ./export [--tenant contoso] [--settings ./sspr-settings.json]
 *   npm run import:entra -- --live [--settings ./sspr-settings.json]   (GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET)
 * Prints what was imported, what could not be told and what changed since the last import;
 * a bad file stops the import with the file, record and field named, and nothing written.
 */
import "./closed-pipe";
import { Command } from "commander";
import { systemClock } from "../clock";
import { loadConfig } from "../config";
import { openDb } from "../db/client";
import { ImportError } from "../import/entra/import-error";
import { importExport, importFolder } from "../import/entra/import-folder";
import { importReport } from "../import/entra/import-report";
import { graphConfig } from "../import/entra/live/graph-config";
import { fetchExport } from "../import/entra/live/fetch-export";
import { readSettings } from "../import/entra/read-export";
import { consoleProgress } from "../import/entra/live/progress";

const program = new Command("import:entra")
  .description(
    "bring a Microsoft Entra ID tenant in from a Graph export folder (or --live); prints what is unknown and what changed",
  )
  .argument("[folder]", "a Graph export folder (see docs/decisions/010 for its layout)")
  .option("--tenant <name>", "name the tenant (default: the organization's default verified domain)")
  .option("--settings <file>", "the settings file (default: sspr-settings.json in the folder)")
  .option("--live", "read the tenant from Microsoft Graph now (client credentials from GRAPH_* variables)")
  .option(
    "--methods-for <ids...>",
    "with --live: also read these users' authentication methods (single-user detail; never a whole tenant)",
  )
  .action(
    async (
      folder: string | undefined,
      opts: { tenant?: string; settings?: string; live?: boolean; methodsFor?: string[] },
    ) => {
      if (!folder && !opts.live) {
        console.error("Give an export folder, or --live.");
        process.exitCode = 2;
        return;
      }
      const config = loadConfig(process.env);
      const { db, close } = openDb(config.dbPath);
      const started = performance.now();
      try {
        const importedAt = systemClock.now().toISOString();
        const result = opts.live
          ? importExport(
              db,
              await fetchExport(graphConfig(process.env), {
                settings: opts.settings ? readSettings(opts.settings) : undefined,
                methodsFor: opts.methodsFor,
                progress: consoleProgress(),
              }),
              { tenant: opts.tenant, importedAt },
            )
          : importFolder(db, folder!, { tenant: opts.tenant, settingsFile: opts.settings, importedAt });
        console.log(importReport(result.record, result.tenant));
        console.log(
          `done in ${((performance.now() - started) / 1000).toFixed(1)} s — now: npm run sweep -- ${result.tenant.domain}`,
        );
      } catch (err) {
        if (err instanceof ImportError) {
          console.error(`Import refused, nothing was written:\n  ${err.message}`);
          process.exitCode = 1;
          return;
        }
        throw err;
      } finally {
        close();
      }
    },
  );

await program.parseAsync();
