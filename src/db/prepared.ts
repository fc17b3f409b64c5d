/**
 * Queries prepared once per connection. Building a drizzle query and preparing its SQL
 * costs more than running it (a tenth of a staff request's CPU was drizzle's builder and
 * SQLite's prepare for the token-failure count), so a query that runs on every request
 * is built once per database and then only bound and run.
 */
import { memoByIdentity } from "../domain/memo";
import type { Db } from "./client";

/**
 * Wraps a builder of prepared queries so each database gets its own, built on first use.
 * A WeakMap, so a closed in-memory test database takes its statements with it.
 *
 * @example
 * const countQuery = perDb((db) => db.select({ n: count() }).from(t).where(eq(t.ip, sql.placeholder("ip"))).prepare());
 * countQuery(db).get({ ip });
 */
export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  return memoByIdentity(build);
}
