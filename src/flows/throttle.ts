/**
 * Throttling: counted events in sliding windows, per account AND per flow, so an
 * attacker cannot dodge the account limit with new flows, and an unknown login (no
 * account) is throttled by its flow exactly like a real one. Hitting a limit blocks
 * the account for BLOCK_HOURS (CATALOGUE.md limits).
 */
import { and, count, eq, gt, or } from "drizzle-orm";
import {
  BLOCK_HOURS,
  MAX_CODES_PER_HOUR,
  MAX_FAILED_VERIFICATIONS_24H,
  MAX_RESETS_24H,
  type FindingCode,
} from "../domain/catalogue";
import type { Db } from "../db/client";
import { throttleBlocks, throttleEvents } from "../db/schema";

const HOUR = 3_600_000;
type Kind = "code_sent" | "verification_failed" | "reset_completed";

/** Each limit: its window and the finding code a refusal carries. */
export const LIMITS: Record<Kind, { max: number; windowMs: number; code: FindingCode }> = {
  code_sent: { max: MAX_CODES_PER_HOUR, windowMs: HOUR, code: "too_many_codes_sent" },
  verification_failed: { max: MAX_FAILED_VERIFICATIONS_24H, windowMs: 24 * HOUR, code: "too_many_failed_verifications" },
  reset_completed: { max: MAX_RESETS_24H, windowMs: 24 * HOUR, code: "too_many_resets" },
};

export type Subject = { userId: string | null; flowId: string };

/** How many events of a kind the subject had in the kind's window (the larger of account and flow counts). */
export function countRecent(db: Db, subject: Subject, kind: Kind, now: Date): number {
  const since = new Date(now.getTime() - LIMITS[kind].windowMs).toISOString();
  const byFlow = db
    .select({ n: count() })
    .from(throttleEvents)
    .where(and(eq(throttleEvents.flowId, subject.flowId), eq(throttleEvents.kind, kind), gt(throttleEvents.at, since)))
    .get()!.n;
  if (!subject.userId) return byFlow;
  const byUser = db
    .select({ n: count() })
    .from(throttleEvents)
    .where(and(eq(throttleEvents.userId, subject.userId), eq(throttleEvents.kind, kind), gt(throttleEvents.at, since)))
    .get()!.n;
  return Math.max(byFlow, byUser);
}

export function record(db: Db, subject: Subject, kind: Kind, now: Date): void {
  db.insert(throttleEvents).values({ userId: subject.userId, flowId: subject.flowId, kind, at: now.toISOString() }).run();
}

/** The account's active block, if any. */
export function activeBlock(db: Db, userId: string | null, now: Date): { until: string; reason: string } | undefined {
  if (!userId) return undefined;
  const row = db.select().from(throttleBlocks).where(eq(throttleBlocks.userId, userId)).get();
  return row && row.blockedUntil > now.toISOString() ? { until: row.blockedUntil, reason: row.reason } : undefined;
}

/** Block the account for BLOCK_HOURS from now. */
export function block(db: Db, userId: string | null, reason: FindingCode, now: Date): string {
  const until = new Date(now.getTime() + BLOCK_HOURS * HOUR).toISOString();
  if (userId) {
    db.insert(throttleBlocks)
      .values({ userId, blockedUntil: until, reason })
      .onConflictDoUpdate({ target: throttleBlocks.userId, set: { blockedUntil: until, reason } })
      .run();
  }
  return until;
}

/** Clear the block and the counted failures and codes (a completed reset, or the clear_throttle fix). */
export function clearThrottle(db: Db, userId: string): void {
  db.delete(throttleBlocks).where(eq(throttleBlocks.userId, userId)).run();
  db.delete(throttleEvents)
    .where(and(eq(throttleEvents.userId, userId), or(eq(throttleEvents.kind, "code_sent"), eq(throttleEvents.kind, "verification_failed"))))
    .run();
}
