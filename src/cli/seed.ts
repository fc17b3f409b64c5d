/**
 * Seed the demo tenants into the configured database (SSPR_DB); a no-op when they are
 * there already. `--fresh` removes them first, for personas whose throttle windows,
 * blocks and password ages start again from now; `--remove` only removes them (and the
 * demo staff tokens), turning a demo database into one that may start with SSPR_DEMO=0:
 *   npm run seed [-- --fresh | --remove]
 */
import "./closed-pipe";
import { Command } from "commander";
import { systemClock } from "../clock";
import { loadConfig } from "../config";
import { openDb } from "../db/client";
import { removeDemo, seedDemo } from "../db/seed/seed";

await new Command("seed")
  .description("seed the demo tenants, personas and demo staff tokens into SSPR_DB (nothing happens when present)")
  .option("--fresh", "remove the demo tenants first and seed them again")
  .option("--remove", "remove the demo tenants, their users and the demo staff tokens, and seed nothing")
  .action(async (opts: { fresh?: boolean; remove?: boolean }) => {
    const config = loadConfig(process.env);
    const { db, close } = openDb(config.dbPath);
    if (opts.remove) {
      removeDemo(db);
      close();
      console.log(
        `removed the demo tenants and demo staff tokens from ${config.dbPath}; it may now start with SSPR_DEMO=0`,
      );
      return;
    }
    if (opts.fresh) removeDemo(db);
    const result = await seedDemo(db, systemClock);
    close();
    console.log(
      result.seeded
        ? `seeded ${result.users} demo users into ${config.dbPath}`
        : `demo tenants already present in ${config.dbPath}; nothing changed`,
    );
  })
  .parseAsync();
