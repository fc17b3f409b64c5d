/**
 * A tenant's read split across connections, for a sweep run on several threads: where
 * to cut its users (upn ranges), the one tenant-wide fact a slice cannot count by itself
 * (contact values shared by several users), a read-only connection of its own per thread,
 * and the check that every connection read the same state of the file.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { methodValueKey } from "../domain/methods";
import type { RegisteredMethod } from "../domain/snapshot";
import type { Db } from "./client";
import * as schema from "./schema";
import type { UpnRange } from "./snapshots";

/** The database file behind `db`, or undefined when it lives in memory (no other connection can open it). */
export function databaseFile(db: Db): string | undefined {
  const sqlite = db.$client;
  return sqlite.memory || sqlite.name === "" ? undefined : sqlite.name;
}

/** Whether `db` is inside a transaction (whose writes, if any, no other connection can see yet). */
export function inOpenTransaction(db: Db): boolean {
  return db.$client.inTransaction;
}

/** How many users a tenant has. */
export function tenantUserCount(db: Db): (tenantId: string) => number {
  const statement = db.$client.prepare("SELECT count(*) FROM users WHERE tenant_id = ?").pluck();
  return (tenantId) => statement.get(tenantId) as number;
}

/**
 * A tenant's users cut into `parts` contiguous upn ranges of (nearly) equal size, in upn
 * order, so the slices' results laid end to end are in the order one pass gives. Upns are
 * unique, so no user falls in two ranges or between them.
 *
 * @example
 * tenantUpnRanges(db, "tnt-bench", 2); // [{ to: "user55000@…" }, { from: "user55000@…" }]
 */
export function tenantUpnRanges(db: Db, tenantId: string, parts: number): UpnRange[] {
  const count = tenantUserCount(db)(tenantId);
  const cuts = Array.from({ length: parts - 1 }, (_, k) => Math.floor(((k + 1) * count) / parts));
  // One sort for every cut (row_number), rather than an OFFSET query (and a sort) per cut.
  const bounds = db.$client
    .prepare(
      `SELECT upn FROM (SELECT upn, row_number() OVER (ORDER BY upn) - 1 AS i FROM users WHERE tenant_id = ?)
       WHERE i IN (SELECT value FROM json_each(?)) ORDER BY i`,
    )
    .pluck()
    .all(tenantId, JSON.stringify(cuts)) as string[];
  return Array.from({ length: bounds.length + 1 }, (_, k) => ({
    ...(k > 0 ? { from: bounds[k - 1] } : {}),
    ...(k < bounds.length ? { to: bounds[k] } : {}),
  }));
}

const WITH_KEY_FUNCTION = new WeakSet<Database.Database>();

/**
 * Users per contact value (`methodValueKey`) across the whole tenant, only the values more
 * than one user registered: what each slice of a split sweep is handed, so "a phone shared
 * by several users" stays tenant-wide. A value only one user holds cannot pass
 * `MAX_USERS_PER_METHOD_VALUE` (3), so leaving those out changes no finding. The key is the
 * domain's own function, run inside SQLite, so the grouping is exactly `usersPerContactValue`'s.
 *
 * @example
 * tenantSharedContactValues(db, "tnt-contoso").get("phone:+37126000007"); // 4
 */
export function tenantSharedContactValues(db: Db, tenantId: string): Map<string, number> {
  const sqlite = db.$client;
  if (!WITH_KEY_FUNCTION.has(sqlite)) {
    sqlite.function("sspr_contact_key", { deterministic: true }, (type, value) =>
      methodValueKey({ type, value } as Pick<RegisteredMethod, "type" | "value">),
    );
    WITH_KEY_FUNCTION.add(sqlite);
  }
  const rows = sqlite
    .prepare(
      `SELECT k, count(DISTINCT user_id) AS n FROM (
         SELECT sspr_contact_key(m.type, m.value) AS k, m.user_id FROM methods m JOIN users u ON u.id = m.user_id
         WHERE u.tenant_id = ? AND m.value IS NOT NULL)
       WHERE k IS NOT NULL GROUP BY k HAVING n > 1`,
    )
    .raw()
    .all(tenantId) as [string, number][];
  return new Map(rows);
}

/**
 * A read-only connection to the database file, for a thread of its own (better-sqlite3
 * connections cannot cross threads). WAL lets it read while the app's connection writes.
 */
export function openReadOnlyDb(file: string): { db: Db; close(): void } {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return { db: drizzle(sqlite, { schema }) as Db, close: () => sqlite.close() };
}

/**
 * Opens a read transaction on `db` and pins its view of the file at once (WAL fixes a
 * reader's snapshot at its first read, not at BEGIN), runs `fn`, and ends it.
 */
export function inPinnedRead<T>(db: Db, fn: () => T): T {
  const sqlite = db.$client;
  sqlite.prepare("BEGIN").run();
  try {
    sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
    return fn();
  } finally {
    sqlite.prepare("COMMIT").run();
  }
}

/**
 * Watches a database file for commits: `changed()` says whether any connection committed
 * since the watch began (SQLite's `data_version`, read on a connection of its own outside
 * any transaction). Read it after every slice has pinned its view: unchanged means all of
 * them pinned the same state.
 */
export function watchCommits(file: string): { changed(): boolean; close(): void } {
  const { db, close } = openReadOnlyDb(file);
  const version = db.$client.prepare("PRAGMA data_version").pluck();
  const first = version.get() as number;
  return { changed: () => version.get() !== first, close };
}
