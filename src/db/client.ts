/**
 * Opening the SQLite database: pragmas, drizzle, and the committed migrations.
 * Only db/ knows SQL; everything else receives a `Db`.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** A transaction handed to `db.transaction(tx => …)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** What a store function runs on: the database, or a transaction in progress. */
export type Store = Db | Tx;

const MIGRATIONS = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * Open (creating if needed) and migrate a database.
 * @example const { db, isNew } = openDb(":memory:");
 */
export function openDb(path: string): { db: Db; isNew: boolean; close(): void } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers proceed while a reset commits; the busy timeout rides out a
  // concurrent writer instead of failing with SQLITE_BUSY; foreign keys are off by default in SQLite.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema }) as Db;
  const isNew = !sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'tenants'").get();
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { db, isNew, close: () => sqlite.close() };
}

/** Run `fn` in one transaction: it all happens or none of it does. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => T): T {
  return db.transaction((tx) => fn(tx as unknown as Db)) as T;
}
