/**
 * Bulk-fix runs as rows: the run (who, what fix, for which filter, why, its counts and
 * status) and each user it reached. The loop writes one user's outcome, the counters and
 * the heartbeat in one transaction, so a reader (this process or another) never sees a
 * count that disagrees with the list, and a run cut off mid-way shows exactly how far it got.
 */
import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { atomically, type Db, type Store } from "./client";
import { bulkJobs, bulkJobUsers } from "./schema";

export type BulkStatus = "running" | "finished" | "interrupted";
export type BulkOutcome = "applied" | "skipped" | "failed";

export type BulkJobRow = {
  id: string;
  operatorId: string;
  operatorName: string;
  fix: string;
  filter: Record<string, unknown>;
  reason: string;
  total: number;
  done: number;
  applied: number;
  notApplicable: number;
  failed: number;
  status: BulkStatus;
  startedAt: string;
  heartbeatAt: string;
  finishedAt: string | null;
};

export type BulkJobUser = { userId: string; upn: string; outcome: BulkOutcome; code: string | null };

/** Record a run about to start, as running with nothing done. */
export function createBulkJob(
  db: Store,
  job: Pick<BulkJobRow, "id" | "operatorId" | "operatorName" | "fix" | "filter" | "reason" | "total" | "startedAt">,
): void {
  db.insert(bulkJobs)
    .values({ ...job, status: "running", heartbeatAt: job.startedAt })
    .run();
}

const plusOne = (column: SQLiteColumn) => sql`${column} + 1`;

/** One more user done: their outcome, the matching counter and the heartbeat, together. */
export function recordBulkOutcome(db: Db, jobId: string, user: BulkJobUser, at: string): void {
  atomically(db, () => {
    const row = db
      .update(bulkJobs)
      .set({
        done: plusOne(bulkJobs.done),
        heartbeatAt: at,
        ...(user.outcome === "applied"
          ? { applied: plusOne(bulkJobs.applied) }
          : user.outcome === "skipped"
            ? { notApplicable: plusOne(bulkJobs.notApplicable) }
            : { failed: plusOne(bulkJobs.failed) }),
      })
      .where(eq(bulkJobs.id, jobId))
      .returning({ seq: bulkJobs.done })
      .get();
    if (!row) return;
    db.insert(bulkJobUsers)
      .values({ jobId, seq: row.seq, ...user })
      .run();
  });
}

/** The run reached its last user. */
export function finishBulkJob(db: Store, jobId: string, at: string): void {
  db.update(bulkJobs)
    .set({ status: "finished", finishedAt: at, heartbeatAt: at })
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.status, "running")))
    .run();
}

/**
 * Mark as interrupted every running job whose heartbeat is older than `before`: its loop
 * belonged to a process that is gone. Returns how many.
 */
export function interruptBulkJobsQuietSince(db: Store, before: string, at: string): number {
  return db
    .update(bulkJobs)
    .set({ status: "interrupted", finishedAt: at })
    .where(and(eq(bulkJobs.status, "running"), lt(bulkJobs.heartbeatAt, before)))
    .run().changes;
}

export function bulkJobById(db: Store, id: string): BulkJobRow | undefined {
  return db.select().from(bulkJobs).where(eq(bulkJobs.id, id)).get() as BulkJobRow | undefined;
}

/** The users a run reached, in the order it reached them. */
export function bulkJobUsersOf(db: Store, id: string): BulkJobUser[] {
  return db
    .select({
      userId: bulkJobUsers.userId,
      upn: bulkJobUsers.upn,
      outcome: bulkJobUsers.outcome,
      code: bulkJobUsers.code,
    })
    .from(bulkJobUsers)
    .where(eq(bulkJobUsers.jobId, id))
    .orderBy(asc(bulkJobUsers.seq))
    .all() as BulkJobUser[];
}
