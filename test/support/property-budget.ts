/**
 * Property tests on a busy machine: run up to `max` generated cases, stop early when the
 * time budget is spent, and fail unless at least `min` cases ran — so a loaded 2-core
 * CI box checks fewer cases instead of timing out, and a run that checked too few to
 * mean anything still fails. Counterexamples fail with fast-check's usual report.
 */
import fc from "fast-check";
import { expect } from "vitest";

export type RunBudget = { max: number; min: number; timeLimitMs: number };

const params = (b: RunBudget) => ({
  numRuns: b.max,
  interruptAfterTimeLimit: b.timeLimitMs,
  markInterruptAsFailure: false,
});

function judge(details: fc.RunDetails<unknown>, b: RunBudget): void {
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? "property failed");
  expect(
    details.numRuns,
    `only ${details.numRuns} of at least ${b.min} cases ran within ${b.timeLimitMs} ms`,
  ).toBeGreaterThanOrEqual(b.min);
}

/** fc.assert for a synchronous property, within a run budget. */
export function assertWithin<T>(property: fc.IProperty<T>, budget: RunBudget): void {
  judge(fc.check(property, params(budget)) as fc.RunDetails<unknown>, budget);
}

/** fc.assert for an asynchronous property, within a run budget. */
export async function assertWithinAsync<T>(property: fc.IAsyncProperty<T>, budget: RunBudget): Promise<void> {
  judge((await fc.check(property, params(budget))) as fc.RunDetails<unknown>, budget);
}
