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
const program = new Command("token").description(
  "create, revoke and list staff bearer tokens (for the API and /admin)",
);

program
  .command("create")
  .description("a new token, printed once (only its SHA-256 is stored)")
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

program
  .command("revoke <id>")
  .description("stop a token working (its id, from list)")
  .action((id: string) => {
    const { db, close } = openDb(config.dbPath);
    const ok = revokeStaffToken(db, systemClock, id);
    close();
    if (!ok) {
      console.error(`no active token with id ${id}`);
      process.exitCode = 1;
    } else console.log(`revoked ${id}`);
  });

program
  .command("list")
  .description("every stored token: id, role, state, name (never the token)")
  .action(() => {
    const { db, close } = openDb(config.dbPath);
    const tokens = listStaffTokens(db);
    // SSPR_ADMIN_TOKEN lives in the environment only: an empty list must not read as "no way in".
    if (!tokens.length) console.log("no stored staff tokens (SSPR_ADMIN_TOKEN, if set, is not stored)");
    for (const t of tokens)
      console.log(`${t.id}  ${t.role.padEnd(8)}  ${t.revokedAt ? "revoked " + t.revokedAt : "active"}  ${t.name}`);
    close();
  });

program.parse();
