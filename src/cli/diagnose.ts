/**
 * Why can this user (not) reset? A readable report of a stored user's diagnosis:
 *   npm run diagnose -- alex.healthy@contoso.example [--json]
 */
import "./closed-pipe";
import { Command } from "commander";
import Table from "cli-table3";
import { cryptoRandom, systemClock } from "../clock";
import { loadConfig } from "../config";
import { openDb } from "../db/client";
import { diagnoseUser } from "../flows/diagnosis";
import { loadDoctor } from "../wiring";

const program = new Command("diagnose")
  .description("why this user can or cannot reset: verdict, findings with evidence, fixes and articles")
  .argument("<user>", "upn or user id")
  .option("--json", "print the diagnosis as JSON (CONTRACT §2)")
  .action(async (login: string, opts: { json?: boolean }) => {
    const config = loadConfig(process.env);
    const { db, close } = openDb(config.dbPath);
    try {
      const { diagnoser } = await loadDoctor({ cacheDir: `${config.cacheDir}/kb` });
      // A report, not a hand-out: nothing is stored, so the engine's derived id stands.
      const diagnosed = await diagnoseUser({ db, clock: systemClock, random: cryptoRandom, diagnoser }, login, {
        store: false,
      });
      if (!diagnosed) {
        console.error(`No user "${login}" in ${config.dbPath}.`);
        process.exitCode = 2;
        return;
      }
      const loaded = diagnosed.subject;
      const d = diagnosed.diagnosis;
      if (opts.json) {
        console.log(JSON.stringify(d, null, 2));
        return;
      }
      const verdict = { can_reset: "CAN RESET", blocked: "BLOCKED", at_risk: "AT RISK" }[d.verdict];
      console.log(
        `${loaded.upn}: ${verdict}${d.primary ? ` — ${d.primary}` : ""}   (${d.checks.passed}/${d.checks.evaluated} checks passed, rules ${d.engine.rulesVersion})\n`,
      );
      for (const f of d.findings) {
        console.log(`[${f.severity}] ${f.code}: ${f.title}`);
        console.log(`  ${f.explanation}`);
        if (f.evidence.length) {
          const table = new Table({
            head: ["fact", "operator", "expected", "actual"],
            style: { head: [], border: [] },
          });
          for (const e of f.evidence)
            table.push([
              e.path ? `${e.fact}.${e.path}` : e.fact,
              e.operator,
              JSON.stringify(e.expected),
              JSON.stringify(e.actual),
            ]);
          console.log(table.toString().replace(/^/gm, "  "));
        }
        for (const fix of f.fixes)
          console.log(`  fix: ${fix.id} (${fix.actor}${fix.automatic ? ", automatic" : ""}) — ${fix.title}`);
        for (const a of f.articles) console.log(`  read: ${a.title} ${a.url}`);
        console.log("");
      }
    } finally {
      close();
    }
  });

await program.parseAsync();
