/**
 * Counting wrong staff tokens per client address, for the throttle whose budget is
 * STAFF_TOKEN_FAILURES in domain/staff.ts. Rows older than the window are pruned when
 * an address fails again, so the table holds at most one window of failures per address.
 */
import { and, count, eq, gt, lte, min, sql } from "drizzle-orm";
import type { Db } from "./client";
import { perDb } from "./prepared";
import { staffTokenFailures } from "./schema";

// Runs before every staff request with a token: prepared once per connection.
const failuresSince = perDb((db) =>
  db
    .select({ n: count(), oldest: min(staffTokenFailures.at) })
    .from(staffTokenFailures)
    .where(and(eq(staffTokenFailures.ip, sql.placeholder("ip")), gt(staffTokenFailures.at, sql.placeholder("since"))))
    .prepare(),
);

/** Failures from `ip` after `since` (a failure exactly one window old has left it), with the oldest of them. */
export function staffTokenFailuresSince(db: Db, ip: string, since: string): { count: number; oldestAt?: string } {
  const row = failuresSince(db).get({ ip, since });
  return { count: row?.n ?? 0, ...(row?.oldest ? { oldestAt: row.oldest } : {}) };
}

/** Record one failure from `ip` at `at`, dropping that address's failures that have left the window (at or before `since`). */
export function recordStaffTokenFailure(db: Db, ip: string, at: string, since: string): void {
  db.transaction((tx) => {
    tx.delete(staffTokenFailures)
      .where(and(eq(staffTokenFailures.ip, ip), lte(staffTokenFailures.at, since)))
      .run();
    tx.insert(staffTokenFailures).values({ ip, at }).run();
  });
}
