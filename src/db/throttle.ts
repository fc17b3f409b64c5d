/**
 * The throttle store: counting, reserving, blocking and clearing against the budgets of
 * domain/throttle.ts, in `throttle_events` (one row per counted event and subject) and
 * the block tables. The one rule that makes limits hold under parallel requests:
 * `reserve` counts and inserts in ONE immediate transaction, before any slow work
 * (scrypt, delivery), so N requests in flight can never evaluate more than the budget.
 * A step that turns out not to count (a right code) releases its reservation.
 */
import { and, eq, gt, inArray, or, sql } from "drizzle-orm";
import { BLOCK_MS, BUDGETS, SNAPSHOT_COUNTS, type BudgetName } from "../domain/throttle";
import type { Snapshot } from "../domain/snapshot";
import type { Db, Store } from "./client";
import { throttleBlocks, throttleEvents, throttleSubjectBlocks } from "./schema";

/** One budget charged to one subject. `check: false` only records; `record: false` only checks. */
export type Charge = { budget: BudgetName; key: string; check?: boolean; record?: boolean };
/** Who the events belong to, for staff views and clear_throttle (null for an unknown login). */
export type Owner = { userId: string | null; flowId?: string | null };
export type Counted = { n: number; oldest: string | null };
export type Reserved = { ok: true; ids: number[] } | { ok: false; budget: BudgetName; key: string; counted: Counted };

const since = (budget: BudgetName, now: Date) => new Date(now.getTime() - BUDGETS[budget].windowMs).toISOString();

/**
 * A subject's events in the budget's window. Rows written before the registry (and the
 * demo seed) carry no subject but a user id: they count for that account.
 */
export function countRecent(
  store: Store,
  budget: BudgetName,
  key: string,
  now: Date,
  userId: string | null = null,
): Counted {
  // The same query for a real and an unknown login (an id that matches nothing): the same work.
  const owner = or(
    eq(throttleEvents.subject, key),
    and(eq(throttleEvents.userId, userId ?? ""), eq(throttleEvents.subject, "")),
  );
  return store
    .select({ n: sql<number>`count(*)`, oldest: sql<string | null>`min(${throttleEvents.at})` })
    .from(throttleEvents)
    .where(and(eq(throttleEvents.kind, budget), gt(throttleEvents.at, since(budget, now)), owner))
    .get()!;
}

/** Record events without checking (inside a caller's transaction). */
export function record(store: Store, charges: readonly Charge[], owner: Owner, now: Date): number[] {
  return charges.map(
    (c) =>
      store
        .insert(throttleEvents)
        .values({
          userId: owner.userId,
          flowId: owner.flowId ?? null,
          kind: c.budget,
          subject: c.key,
          at: now.toISOString(),
        })
        .returning({ id: throttleEvents.id })
        .get().id,
  );
}

/**
 * Check every charge and, when none is at its limit, record them all — atomically.
 * The first charge at its limit is returned and nothing is recorded.
 *
 * @example
 * const r = reserve(db, [{ budget: "verification_failed", key: loginKey(login) }], { userId, flowId }, now, userId);
 * if (!r.ok) refuse(r.budget); // …then the slow check, then release(db, r.ids) if it succeeded
 */
export function reserve(
  db: Db,
  charges: readonly Charge[],
  owner: Owner,
  now: Date,
  accountUserId: string | null = null,
): Reserved {
  const run = db.$client.transaction((): Reserved => {
    for (const c of charges) {
      if (c.check === false) continue;
      const counted = countRecent(db, c.budget, c.key, now, accountUserId);
      if (counted.n >= BUDGETS[c.budget].max) return { ok: false, budget: c.budget, key: c.key, counted };
    }
    return {
      ok: true,
      ids: record(
        db,
        charges.filter((c) => c.record !== false),
        owner,
        now,
      ),
    };
  });
  // IMMEDIATE takes the write lock at BEGIN: two processes on one file cannot both count first.
  return run.immediate();
}

/** Un-count reserved events (the attempt succeeded, or went nowhere). */
export function release(store: Store, ids: readonly number[]): void {
  if (ids.length > 0)
    store
      .delete(throttleEvents)
      .where(inArray(throttleEvents.id, [...ids]))
      .run();
}

/** Forget a subject's events of one budget (a successful sign-in clears its failures). */
export function forget(store: Store, budget: BudgetName, key: string): void {
  store
    .delete(throttleEvents)
    .where(and(eq(throttleEvents.kind, budget), eq(throttleEvents.subject, key)))
    .run();
}

/** The active block of a login key (or of the account, for blocks set by user id), the later of the two. */
export function activeBlock(
  store: Store,
  key: string,
  userId: string | null,
  now: Date,
): { until: string; reason: string } | undefined {
  const bySubject = store.select().from(throttleSubjectBlocks).where(eq(throttleSubjectBlocks.subject, key)).get();
  const byUser = store
    .select()
    .from(throttleBlocks)
    .where(eq(throttleBlocks.userId, userId ?? ""))
    .get();
  const live = [bySubject, byUser].filter((b) => b !== undefined && b.blockedUntil > now.toISOString()) as {
    blockedUntil: string;
    reason: string;
  }[];
  const last = live.sort((a, b) => (a.blockedUntil < b.blockedUntil ? 1 : -1))[0];
  return last && { until: last.blockedUntil, reason: last.reason };
}

/** Block a login key for BLOCK_MS from now; a known account gets the same block by id (what staff see). */
export function block(store: Store, key: string, userId: string | null, reason: string, now: Date): string {
  const until = new Date(now.getTime() + BLOCK_MS).toISOString();
  store
    .insert(throttleSubjectBlocks)
    .values({ subject: key, blockedUntil: until, reason })
    .onConflictDoUpdate({ target: throttleSubjectBlocks.subject, set: { blockedUntil: until, reason } })
    .run();
  if (userId) {
    store
      .insert(throttleBlocks)
      .values({ userId, blockedUntil: until, reason })
      .onConflictDoUpdate({ target: throttleBlocks.userId, set: { blockedUntil: until, reason } })
      .run();
  }
  return until;
}

/**
 * Clear an account's block and its counted codes and failures (a completed reset), and
 * with `resets` its completed resets too (the clear_throttle fix: staff clearing on purpose).
 */
export function clearThrottle(store: Store, userId: string, key: string, opts: { resets?: boolean } = {}): void {
  store.delete(throttleBlocks).where(eq(throttleBlocks.userId, userId)).run();
  store.delete(throttleSubjectBlocks).where(eq(throttleSubjectBlocks.subject, key)).run();
  const kinds: BudgetName[] = [
    "code_sent",
    "verification_failed",
    ...(opts.resets ? (["reset_completed"] as const) : []),
  ];
  store
    .delete(throttleEvents)
    .where(
      and(
        inArray(throttleEvents.kind, kinds),
        or(
          eq(throttleEvents.userId, userId),
          eq(throttleEvents.subject, key),
          sql`${throttleEvents.subject} LIKE ${key + ":%"}`,
        ),
      ),
    )
    .run();
}

/** An account's counted events of one budget in its window, oldest first (the wait fix). */
export function eventTimes(store: Store, userId: string, budget: BudgetName, now: Date): string[] {
  return store
    .select({ at: throttleEvents.at })
    .from(throttleEvents)
    .where(
      and(
        eq(throttleEvents.userId, userId),
        eq(throttleEvents.kind, budget),
        gt(throttleEvents.at, since(budget, now)),
      ),
    )
    .orderBy(throttleEvents.at)
    .all()
    .map((r) => r.at);
}

/**
 * The snapshot's `throttle` for a login key: the same numbers for a real and an unknown
 * login with the same history. Per-method budgets report their busiest method.
 */
export function throttleState(store: Store, key: string, userId: string | null, now: Date): Snapshot["throttle"] {
  const count = (budget: BudgetName) => {
    const rows = store
      .select({ n: sql<number>`count(*)` })
      .from(throttleEvents)
      .where(
        and(
          eq(throttleEvents.kind, budget),
          gt(throttleEvents.at, since(budget, now)),
          or(
            eq(throttleEvents.subject, key),
            sql`${throttleEvents.subject} LIKE ${key + ":%"}`,
            and(eq(throttleEvents.userId, userId ?? ""), eq(throttleEvents.subject, "")),
          ),
        ),
      )
      .groupBy(throttleEvents.subject)
      .all();
    return Math.max(0, ...rows.map((r) => r.n));
  };
  const state = Object.fromEntries(
    SNAPSHOT_COUNTS.map((c) => [c.field, count(c.budget)]),
  ) as unknown as Snapshot["throttle"];
  const blocked = activeBlock(store, key, userId, now);
  if (blocked) state.blockedUntil = blocked.until;
  return state;
}

/**
 * When the user's account block ends (possibly in the past), if there is one: what the wait
 * and clear_throttle fixes show and lift.
 * @example throttleBlockUntil(db, "usr-bob.blocked"); // "2026-11-25T05:30:00.000Z"
 */
export function throttleBlockUntil(store: Store, userId: string): string | undefined {
  return store
    .select({ until: throttleBlocks.blockedUntil })
    .from(throttleBlocks)
    .where(eq(throttleBlocks.userId, userId))
    .get()?.until;
}
