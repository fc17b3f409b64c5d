/**
 * Opening the SQLite database: pragmas, drizzle, and the committed migrations.
 * Only db/ knows SQL: its named stores take a `Store` (the database or a transaction);
 * everything else calls them (test/unit/architecture.test.ts holds the line).
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** A transaction handed out by `db.transaction`: it runs the same queries as a `Db`, inside the open transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * What every store function takes: the database, or a transaction on it. Stores never
 * care which, so a use case can call the same store inside `inTransaction` without a cast.
 */
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

/**
 * The whole database as bytes (SQLite's serialization), to open copies of it with
 * `openDbImage`: the test suite seeds the demo once and hands every test its own copy.
 */
export function dbImage(db: Db): Buffer {
  return db.$client.serialize();
}

/**
 * An in-memory database opened from `dbImage` bytes (already migrated: the image came from
 * openDb), with foreign keys on as openDb sets them; the bytes are copied, so changes
 * never reach the image or each other.
 * @example const { db } = openDbImage(dbImage(template));
 */
export function openDbImage(image: Buffer): { db: Db; close(): void } {
  const sqlite = new Database(image);
  sqlite.pragma("foreign_keys = ON");
  return { db: drizzle(sqlite, { schema }) as Db, close: () => sqlite.close() };
}

/** Run `fn` in one transaction: it all happens or none of it does. */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => T): T {
  return db.transaction((tx) => fn(tx));
}

/**
 * Run `fn` in one transaction on the connection itself, so drizzle queries and the stores'
 * prepared statements made through `db` inside it all commit or roll back together.
 */
export function atomically<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn)();
}
