/**
 * Seed the demo tenants into the configured database (SSPR_DB); a no-op when they are
 * there already:  npm run seed
 */
import { systemClock } from "../clock";
import { loadConfig } from "../config";
import { openDb } from "../db/client";
import { seedDemo } from "../db/seed/seed";

const config = loadConfig(process.env);
const { db, close } = openDb(config.dbPath);
const result = await seedDemo(db, systemClock);
close();
console.log(result.seeded ? `seeded ${result.users} demo users into ${config.dbPath}` : `demo tenants already present in ${config.dbPath}; nothing changed`);
