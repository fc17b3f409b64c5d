/**
 * Staff tokens from the command line:
 *   npm run token -- create --role helpdesk [--name "Maija"]   prints the token once
 *   npm run token -- revoke <token-id>
 *   npm run token -- list
 */
import "./closed-pipe";
import { Command, Option } from "commander";
import { cryptoRandom, systemClock } from "../clock";
import { loadConfig } from "../config";
import { openDb } from "../db/client";
import { createStaffToken, listStaffTokens, revokeStaffToken } from "../db/staff-tokens";

const config = loadConfig(process.env);
const program = new Command("token").description("Manage staff bearer tokens");

program
  .command("create")
  .addOption(
    new Option("--role <role>", "support | helpdesk | admin")
      .choices(["support", "helpdesk", "admin"])
      .makeOptionMandatory(),
  )
  .option("--name <name>", "who or what holds it", "cli")
  .action((opts: { role: "support" | "helpdesk" | "admin"; name: string }) => {
    const { db, close } = openDb(config.dbPath);
    const { id, token } = createStaffToken(db, cryptoRandom, opts.role, opts.name);
    close();
    console.log(`id:    ${id}\nrole:  ${opts.role}\ntoken: ${token}\n(shown once; only its hash is stored)`);
  });

program.command("revoke <id>").action((id: string) => {
  const { db, close } = openDb(config.dbPath);
  const ok = revokeStaffToken(db, systemClock, id);
  close();
  if (!ok) {
    console.error(`no active token with id ${id}`);
    process.exitCode = 1;
  } else console.log(`revoked ${id}`);
});

program.command("list").action(() => {
  const { db, close } = openDb(config.dbPath);
  for (const t of listStaffTokens(db))
    console.log(`${t.id}  ${t.role.padEnd(8)}  ${t.revokedAt ? "revoked " + t.revokedAt : "active"}  ${t.name}`);
  close();
});

program.parse();
