/**
 * The throttle as a history, read back for the fixes that explain or lift it (wait,
 * clear_throttle): when each counted event happened and when a block ends. Counting and
 * recording for the flows is the throttle store's own business; this file only reads.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import type { Store } from "./client";
import { throttleBlocks, throttleEvents } from "./schema";

export type ThrottleKind = "code_sent" | "verification_failed" | "reset_completed";

/** The user's counted events of one kind after `since`, oldest first (ISO instants). @example throttleEventTimes(db, "usr-carl.codes", "code_sent", hourAgo).length; // 5 */
export function throttleEventTimes(store: Store, userId: string, kind: ThrottleKind, since: Date): string[] {
  return store
    .select({ at: throttleEvents.at })
    .from(throttleEvents)
    .where(
      and(eq(throttleEvents.userId, userId), eq(throttleEvents.kind, kind), gt(throttleEvents.at, since.toISOString())),
    )
    .orderBy(asc(throttleEvents.at))
    .all()
    .map((r) => r.at);
}

/** When the user's block ends (possibly in the past), if there is one. @example throttleBlockUntil(db, "usr-bob.blocked"); // "2026-11-25T05:30:00.000Z" */
export function throttleBlockUntil(store: Store, userId: string): string | undefined {
  return store
    .select({ until: throttleBlocks.blockedUntil })
    .from(throttleBlocks)
    .where(eq(throttleBlocks.userId, userId))
    .get()?.until;
}
