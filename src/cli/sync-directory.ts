/**
 * Import a tenant's people, groups and nested memberships from its directory:
 *   npm run sync:directory -- contoso.example
 * Progress on stderr, a summary on stdout; run it again and it changes nothing unless
 * the directory did. Needs SSPR_SECRET_KEY to open the stored bind secret.
 */
import "./closed-pipe";
import { Command } from "commander";
import { loadConfig } from "../config";
import { openDb } from "../db/client";
import { loadDirectoryConfig } from "../db/directory-configs";
import { connectorFromConfig, openConfig } from "../directory/registry";
import { DirectoryError } from "../directory/session";
import { syncDirectory } from "../directory/sync";
import { findTenant } from "../db/tenants";

const program = new Command("sync:directory")
  .description("import people, groups and nested memberships from the tenant's configured OpenLDAP or AD directory")
  .argument("<tenant>", "tenant id or domain")
  .action(async (name: string) => {
    const config = loadConfig(process.env);
    const { db, close } = openDb(config.dbPath);
    try {
      const tenant = findTenant(db, name);
      if (!tenant) throw new Error(`No tenant "${name}".`);
      const stored = loadDirectoryConfig(db, tenant.id);
      if (!stored)
        throw new Error(
          `Tenant ${tenant.domain} has no directory configured (PUT /api/v1/tenants/${tenant.domain}/directory).`,
        );
      if (!config.secretKey)
        throw new Error("SSPR_SECRET_KEY is not set: the directory's bind secret cannot be opened.");
      const directory = connectorFromConfig(openConfig(stored, config.secretKey));
      const report = await syncDirectory(db, tenant.id, directory, (phase, done, total) => {
        process.stderr.write(`\r${phase}: ${done}/${total}   ${done === total ? "\n" : ""}`);
      });
      console.log(
        `${tenant.domain}: ${report.usersCreated} users created, ${report.usersUpdated} updated, ${report.groups} groups, ${report.memberships} direct memberships, ${report.nesting} nestings (${report.durationMs} ms)`,
      );
      for (const skipped of report.usersSkipped)
        console.log(`  skipped ${skipped}: that sign-in name belongs to another tenant`);
      for (const login of report.ambiguous) console.log(`  not imported: ${login} names several directory objects`);
      for (const m of report.transitiveMismatches)
        console.log(
          `  ${m.group}: the directory counts ${m.missing.length} more nested member(s) than the groups we can see`,
        );
    } catch (e) {
      if (e instanceof DirectoryError) console.error(`${e.failure.code}: ${e.failure.detail}`);
      else console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    } finally {
      close();
    }
  });

await program.parseAsync();
