/**
 * One pass over a stream of a tenant's users — the sweep or a what-if — with the time
 * spent reading (building each snapshot) clocked apart from the diagnosing. The same pass
 * runs over the whole tenant on one thread and over each upn range of a split sweep
 * (flows/parallel-sweep.ts), so both diagnose with exactly the same code; the answers of
 * consecutive ranges laid end to end (`mergePasses`) are the answer over all of them.
 */
import type { Db } from "../db/client";
import { withTenantRangeSnapshots, type UpnRange } from "../db/snapshots";
import type { Diagnoser } from "../diagnosis/engine";
import { sweep, whatIf, type SweepResult, type TenantUser, type WhatIfResult } from "../diagnosis/sweep";
import { FINDING_CODES, type FindingCode } from "../domain/catalogue";
import type { PolicyOverride } from "../domain/snapshot";

/** What a pass computes: the sweep, or a what-if under `override`. */
export type TenantJob = { kind: "sweep" } | { kind: "whatIf"; override: PolicyOverride };

export type PassResult<J extends TenantJob> = J extends { kind: "sweep" } ? SweepResult : WhatIfResult;

/**
 * Runs `job` over `users` (with the tenant-wide shared contact values). `durationMs` of the
 * result is the whole pass; `streamMs` is the part spent inside the stream, i.e. reading.
 *
 * @example
 * const { result, streamMs } = tenantPass(users, diagnoser, shared, { kind: "sweep" });
 */
export function tenantPass<J extends TenantJob>(
  users: Iterable<TenantUser>,
  diagnoser: Diagnoser,
  sharedMethodValues: ReadonlyMap<string, number>,
  job: J,
): { result: PassResult<J>; streamMs: number } {
  let streamMs = 0;
  const timed = (function* () {
    const it = users[Symbol.iterator]();
    for (;;) {
      const t = performance.now();
      const next = it.next();
      streamMs += performance.now() - t;
      if (next.done) return;
      yield next.value;
    }
  })();
  const options = { sharedMethodValues };
  const result = (
    job.kind === "sweep" ? sweep(timed, diagnoser, options) : whatIf(timed, job.override, diagnoser, options)
  ) as PassResult<J>;
  return { result, streamMs };
}

/** Users between `tick` calls of `rangesPass`. */
export const TICK_EVERY = 500;

/**
 * `job` over consecutive upn ranges of a tenant, read and diagnosed one range after the
 * other inside the caller's read transaction, so only one range's child rows are held at
 * a time (a split sweep cuts each thread's share into several ranges for that: memory).
 * `tick` is told the users done so far every `TICK_EVERY` users; `readMs` is the reading
 * of every range (child rows and each step of the stream).
 *
 * @example
 * rangesPass(db, now, "tnt-bench", [{ to: "m" }, { from: "m" }], diagnoser, shared, { kind: "sweep" }).result.users; // every user
 */
export function rangesPass<J extends TenantJob>(
  db: Db,
  now: Date,
  tenantId: string,
  ranges: readonly UpnRange[],
  diagnoser: Diagnoser,
  sharedMethodValues: ReadonlyMap<string, number>,
  job: J,
  tick?: (done: number) => void,
): { result: PassResult<J>; readMs: number } {
  const results: PassResult<J>[] = [];
  let readMs = 0;
  let done = 0;
  for (const range of ranges) {
    const started = performance.now();
    const { result, streamMs } = withTenantRangeSnapshots(db, now, tenantId, range, (slice) => {
      readMs += performance.now() - started;
      const counted = (function* () {
        for (const user of slice.users) {
          yield user;
          if (++done % TICK_EVERY === 0) tick?.(done);
        }
      })();
      return tenantPass(counted, diagnoser, sharedMethodValues, job);
    });
    readMs += streamMs;
    results.push(result);
  }
  return { result: mergePasses(job, results), readMs };
}

/**
 * The answers of consecutive upn ranges as the answer over them all: counts summed, user
 * lists end to end in range order, a what-if's `byFinding` codes in first-seen order. The
 * first part is reused as the whole; `durationMs` is the first's (callers set their own).
 */
export function mergePasses<J extends TenantJob>(job: J, parts: PassResult<J>[]): PassResult<J> {
  return (
    job.kind === "sweep" ? mergeSweeps(parts as SweepResult[]) : mergeWhatIfs(parts as WhatIfResult[])
  ) as PassResult<J>;
}

function mergeSweeps(parts: SweepResult[]): SweepResult {
  const [first, ...rest] = parts;
  const merged = first!;
  for (const part of rest) {
    merged.users += part.users;
    for (const code of FINDING_CODES) {
      merged.counts[code] += part.counts[code];
      pushAll(merged.usersByCode[code], part.usersByCode[code]);
    }
    for (const verdict of ["can_reset", "blocked", "at_risk"] as const)
      merged.verdicts[verdict] += part.verdicts[verdict];
  }
  return merged;
}

function mergeWhatIfs(parts: WhatIfResult[]): WhatIfResult {
  const [first, ...rest] = parts;
  const merged = first!;
  for (const part of rest) {
    merged.users += part.users;
    merged.changed += part.changed;
    pushAll(merged.unblocked, part.unblocked);
    pushAll(merged.newlyBlocked, part.newlyBlocked);
    pushAll(merged.newlyAtRisk, part.newlyAtRisk);
    pushAll(merged.newlyAble, part.newlyAble);
    for (const group of ["newlyBlocked", "newlyAtRisk", "newlyAble"] as const) {
      const into = merged.byFinding[group];
      for (const [code, refs] of Object.entries(part.byFinding[group]) as [FindingCode, WhatIfResult["unblocked"]][])
        pushAll((into[code] ??= []), refs);
    }
    for (const code of FINDING_CODES) {
      const into = merged.perCode[code];
      into.before += part.perCode[code].before;
      into.after += part.perCode[code].after;
      into.delta = into.after - into.before;
    }
  }
  return merged;
}

/** Appends without spreading (a spread of 50,000 arguments can overflow the stack). */
function pushAll<T>(into: T[], from: readonly T[]): void {
  for (const item of from) into.push(item);
}
