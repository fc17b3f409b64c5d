/**
 * Save a tenant from Microsoft Graph as an export folder, every answer exactly as Graph sent
 * it, in the layout `import:entra` reads — so a live pull can be replayed offline:
 *   npm run export:entra -- --live ./export [--settings ./sspr-settings.json] [--methods-for <user id>…]
 * (GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET or GRAPH_CERT_THUMBPRINT + GRAPH_CERT_KEY_FILE)
 */
import "./closed-pipe";
import { Command } from "commander";
import { ImportError } from "../import/entra/import-error";
import { fetchExport } from "../import/entra/live/fetch-export";
import { graphConfig } from "../import/entra/live/graph-config";
import { consoleProgress } from "../import/entra/live/progress";
import { readSettings } from "../import/entra/read-export";

const program = new Command("export:entra")
  .description(
    "save a tenant from Microsoft Graph as the folder import:entra reads (GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET)",
  )
  .argument("<folder>", "where to save the export")
  .requiredOption("--live", "read from Microsoft Graph (the only source an export has)")
  .option("--settings <file>", "a settings file to save alongside (sspr-settings.json)")
  .option("--methods-for <ids...>", "also read these users' authentication methods (slow endpoint: 5 requests / 10 s)")
  .action(async (folder: string, opts: { settings?: string; methodsFor?: string[] }) => {
    try {
      const x = await fetchExport(graphConfig(process.env), {
        saveTo: folder,
        settings: opts.settings ? readSettings(opts.settings) : undefined,
        methodsFor: opts.methodsFor,
        progress: consoleProgress(),
      });
      console.log(
        `Saved ${x.users.items.length} users, ${x.groups?.items.length ?? 0} groups and ${x.audits?.items.length ?? 0} audit events to ${folder}`,
      );
      console.log(`Import it with: npm run import:entra -- ${folder}`);
    } catch (err) {
      if (err instanceof ImportError) {
        console.error(`Export failed:\n  ${err.message}`);
        process.exitCode = 1;
        return;
      }
      throw err;
    }
  });

await program.parseAsync();
