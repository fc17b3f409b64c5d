/**
 * Bulk fixes from the user list: one automatic per-user fix over every user the list's
 * filter selects — previewed per user (a dry run each, nothing written), then applied in a
 * server-side loop, each user through the single-apply path (its own transaction, proof
 * and audit row carrying the reason). The run is stored (db/bulk-jobs.ts) as it goes, so
 * its progress and outcome outlive the process and any process can show it; a run whose
 * process stopped reads as interrupted, with how far it got. Starting it again with the
 * same filter finishes the rest: a fix that is no longer needed is counted "not
 * applicable" and changes nothing.
 */
import { randomUUID } from "node:crypto";
import {
  bulkJobById,
  bulkJobUsersOf,
  createBulkJob,
  finishBulkJob,
  interruptBulkJobsQuietSince,
  recordBulkOutcome,
  type BulkJobRow,
  type BulkJobUser,
} from "../db/bulk-jobs";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { applyFix } from "../fixes/apply";
import { outcomeOf } from "../fixes/bulk";
import { applyRefusal, type Operator } from "../fixes/permission";
import { previewFix, type PreviewResult } from "../fixes/preview";
import { listFixes } from "../fixes/registry";
import { selectUsers, type UserFilter, type UserListRow } from "./user-list";

/** The fixes a bulk run can apply: automatic, one user at a time. */
export function bulkFixes() {
  return listFixes().filter((f) => f.automatic && f.scope === "user");
}

function bulkFixOr400(fixId: string) {
  const fix = bulkFixes().find((f) => f.id === fixId);
  if (!fix)
    throw new AppError(400, "invalid_request", `fix: "${fixId}" is not an automatic per-user fix.`, { field: "fix" });
  return fix;
}

/** How many users a preview shows in full; the rest are counted (a preview per user is a dry run each). */
export const BULK_PREVIEW_LIMIT = 50;

/**
 * The dry run of `fixId` for every user the filter selects (the first BULK_PREVIEW_LIMIT
 * in full): changes, the findings it would clear, or why it does not apply. Writes nothing.
 */
export function bulkPreview(
  deps: Deps,
  operator: Operator,
  fixId: string,
  filter: UserFilter,
): { total: number; users: { row: UserListRow; preview?: PreviewResult; error?: string }[] } {
  bulkFixOr400(fixId);
  const rows = selectUsers(deps, filter);
  return {
    total: rows.length,
    users: rows.slice(0, BULK_PREVIEW_LIMIT).map((row) => {
      try {
        return { row, preview: previewFix(deps, operator, fixId, { user: row.id }) };
      } catch (err) {
        return { row, error: err instanceof AppError ? err.code : "internal_error" };
      }
    }),
  };
}

/** A run as its page shows it: the stored row, its filter, and each user it reached. */
export type BulkJob = Omit<BulkJobRow, "filter"> & { filter: UserFilter; users: BulkJobUser[]; finished: boolean };

/** Yield to the event loop this often, so a long run does not stall other requests. */
const YIELD_EVERY = 25;

/**
 * The loop bumps a run's heartbeat after every user; one fix, a directory write-back
 * included, ends well inside this, so a running row this quiet has no loop behind it
 * (its process stopped) and is shown — and stored — as interrupted.
 */
export const BULK_JOB_QUIET_MS = 2 * 60_000;

/**
 * Start applying `fixId` to every user the filter selects; returns the stored job at once,
 * and the loop runs on. Role checks happen before anything starts.
 *
 * @example
 * const job = startBulkFix(deps, operator, "clear_throttle", { tenant: "contoso.example" }, "throttle clean-up");
 * bulkJob(deps, job.id, operator)?.done; // grows to job.total
 */
export function startBulkFix(
  deps: Deps,
  operator: Operator,
  fixId: string,
  filter: UserFilter,
  reason: string,
  opts: { ip?: string } = {},
): BulkJob {
  if (operator.role === "support")
    throw new AppError(403, "forbidden", "Support staff preview fixes; applying them needs helpdesk or admin.");
  const fix = bulkFixOr400(fixId);
  // Refused once up front rather than once per user (a helpdesk token and an admin's fix).
  const refusal = applyRefusal(operator.role, fix.actor);
  if (refusal) throw new AppError(403, "forbidden", refusal);
  const why = reason.trim();
  if (!why)
    throw new AppError(400, "invalid_request", "reason: say why these users are being changed.", { field: "reason" });
  const rows = selectUsers(deps, filter);
  const id = randomUUID();
  const at = () => deps.clock.now().toISOString();
  createBulkJob(deps.db, {
    id,
    operatorId: operator.id,
    operatorName: operator.name,
    fix: fixId,
    filter,
    reason: why,
    total: rows.length,
    startedAt: at(),
  });
  void (async () => {
    let done = 0;
    for (const row of rows) {
      let user: BulkJobUser;
      try {
        await applyFix(deps, operator, fixId, { user: row.id, reason: why }, { ip: opts.ip });
        user = { userId: row.id, upn: row.upn, outcome: "applied", code: null };
      } catch (err) {
        const { outcome, code } = outcomeOf(err);
        if (code === "internal_error")
          deps.log.error("bulk fix failed", { job: id, fix: fixId, user: row.id, error: String(err) });
        user = { userId: row.id, upn: row.upn, outcome, code };
      }
      recordBulkOutcome(deps.db, id, user, at());
      if (++done % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    finishBulkJob(deps.db, id, at());
  })().catch((err: unknown) => deps.log.error("bulk fix loop stopped", { job: id, error: String(err) }));
  return bulkJob(deps, id, operator)!;
}

/**
 * Mark runs left running by a stopped process as interrupted; called at start-up and
 * before a run is shown. Returns how many it marked.
 */
export function interruptAbandonedBulkJobs(deps: Pick<Deps, "db" | "clock">): number {
  const now = deps.clock.now();
  return interruptBulkJobsQuietSince(
    deps.db,
    new Date(now.getTime() - BULK_JOB_QUIET_MS).toISOString(),
    now.toISOString(),
  );
}

/** A bulk job by id, only for the operator who started it. */
export function bulkJob(deps: Pick<Deps, "db" | "clock">, id: string, operator: Operator): BulkJob | undefined {
  let row = bulkJobById(deps.db, id);
  if (!row || row.operatorId !== operator.id) return undefined;
  if (row.status === "running" && interruptAbandonedBulkJobs(deps) > 0) row = bulkJobById(deps.db, id)!;
  return {
    ...row,
    filter: row.filter as UserFilter,
    users: bulkJobUsersOf(deps.db, id),
    finished: row.status !== "running",
  };
}
