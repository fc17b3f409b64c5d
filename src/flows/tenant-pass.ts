/**
 * One pass over a stream of a tenant's users — the sweep or a what-if — with the time
 * spent reading (building each snapshot) clocked apart from the diagnosing. The same pass
 * runs over the whole tenant on one thread and over each upn range of a split sweep
 * (flows/parallel-sweep.ts), so both diagnose with exactly the same code.
 */
import type { Diagnoser } from "../diagnosis/engine";
import { sweep, whatIf, type SweepResult, type TenantUser, type WhatIfResult } from "../diagnosis/sweep";
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
