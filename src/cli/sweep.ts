/**
 * Who in a tenant cannot reset today, and why:
 *   npm run sweep -- contoso.example [--csv]
 * A progress bar while users are diagnosed, then a table of counts per finding code;
 * --csv prints one line per user and finding instead, for a spreadsheet.
 */
import "./closed-pipe";
import { Command } from "commander";
import Table from "cli-table3";
import { systemClock } from "../clock";
import { loadConfig } from "../config";
import { openDb } from "../db/client";
import { FINDINGS, FINDING_CODES } from "../domain/catalogue";
import { allTenants, openTenant, tenantSweep } from "../flows/diagnosis";
import { loadDoctor } from "../wiring";
import { progressBar } from "./progress-bar";

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

const program = new Command("sweep")
  .description("who in a tenant cannot reset today, and why: counts per finding, or one CSV line per user and finding")
  .argument("<tenant>", "tenant id or domain")
  .option("--csv", "one line per user and finding, for export")
  .action(async (name: string, opts: { csv?: boolean }) => {
    const config = loadConfig(process.env);
    const { db, close } = openDb(config.dbPath);
    try {
      const tenant = openTenant({ db }, name);
      if (!tenant) {
        console.error(
          `No tenant "${name}". Tenants: ${allTenants({ db })
            .map((t) => t.domain)
            .join(", ")}`,
        );
        process.exitCode = 2;
        return;
      }
      const { diagnoser } = await loadDoctor({ cacheDir: `${config.cacheDir}/kb` });
      const bar = progressBar("diagnosing {bar} {value}/{total} users", opts.csv);
      const result = tenantSweep({ db, clock: systemClock, diagnoser }, tenant.id, {
        progress: (done, total) => bar.update(done, total),
      });
      const loadMs = result.loadMs;
      bar.stop();

      if (opts.csv) {
        console.log("upn,user_id,code,severity");
        for (const code of FINDING_CODES) {
          for (const u of result.usersByCode[code])
            console.log([u.upn, u.userId, code, FINDINGS[code].severity].map(csvCell).join(","));
        }
        return;
      }
      const table = new Table({ head: ["finding", "severity", "users"], style: { head: [], border: [] } });
      for (const code of FINDING_CODES)
        if (result.counts[code]) table.push([code, FINDINGS[code].severity, result.counts[code]]);
      console.log(
        `${tenant.name} (${tenant.domain}): ${result.users} users — ${result.verdicts.can_reset} can reset, ${result.verdicts.at_risk} at risk, ${result.verdicts.blocked} blocked`,
      );
      console.log(table.toString());
      console.log(`loaded in ${loadMs.toFixed(0)} ms, diagnosed in ${result.durationMs.toFixed(0)} ms`);
    } finally {
      close();
    }
  });

await program.parseAsync();
