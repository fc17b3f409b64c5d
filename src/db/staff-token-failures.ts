/**
 * Counting wrong staff tokens per client address, for the throttle whose budget is
 * STAFF_TOKEN_FAILURES in domain/staff.ts. Rows older than the window are pruned when
 * an address fails again, so the table holds at most one window of failures per address.
 * They are read back, with the token itself, by `checkBearer` in staff-tokens.ts.
 */
import { and, eq, lte } from "drizzle-orm";
import type { Db } from "./client";
import { staffTokenFailures } from "./schema";

/** Record one failure from `ip` at `at`, dropping that address's failures that have left the window (at or before `since`). */
export function recordStaffTokenFailure(db: Db, ip: string, at: string, since: string): void {
  db.transaction((tx) => {
    tx.delete(staffTokenFailures)
      .where(and(eq(staffTokenFailures.ip, ip), lte(staffTokenFailures.at, since)))
      .run();
    tx.insert(staffTokenFailures).values({ ip, at }).run();
  });
}
