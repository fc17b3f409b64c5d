/**
 * A sweep worker thread: it reads its share of a tenant (consecutive upn ranges) on a
 * read-only connection of its own and runs the same pass as the single-thread sweep over
 * it (flows/tenant-pass.ts).
 * It tells the main thread through shared memory when its read is pinned, how many users
 * it has done, and when its answer is on the port, because the main thread waits for it
 * synchronously (flows/parallel-sweep.ts explains why).
 */
import { workerData } from "node:worker_threads";
import { inPinnedRead, openReadOnlyDb } from "../db/tenant-partition";
import { createDiagnoser, type Diagnoser } from "../diagnosis/engine";
import { loadRules } from "../diagnosis/rules";
import { DONE, FAILED, PINNED, type RangeAnswer, type RangeJob, type WorkerStart } from "./sweep-protocol";
import { rangesPass } from "./tenant-pass";

function signal(signals: Int32Array, state: number): void {
  Atomics.store(signals, 0, state);
  Atomics.notify(signals, 0);
}

/** The ruleset, loaded and compiled once per worker (the worker serves sweep after sweep). */
let diagnoser: Diagnoser | undefined;

function run(start: WorkerStart, job: RangeJob): RangeAnswer {
  // Codes only: a sweep renders no texts, so no articles are needed.
  const codes = (diagnoser ??= createDiagnoser({
    rules: loadRules({ hasArticle: () => true }),
    articlesFor: () => [],
  }));
  if (codes.rulesVersion !== job.rulesVersion)
    return { ok: false, error: `rules ${codes.rulesVersion} here, ${job.rulesVersion} in the app` };
  const { db, close } = openReadOnlyDb(job.file);
  try {
    return inPinnedRead(db, () => {
      signal(start.signals, PINNED);
      const { result, readMs } = rangesPass(
        db,
        new Date(job.now),
        job.tenantId,
        job.ranges,
        codes,
        new Map(job.shared),
        job.job,
        (done) => Atomics.store(start.signals, 1, done),
      );
      return { ok: true, result, readMs };
    });
  } finally {
    close();
  }
}

const start = workerData as WorkerStart;
start.port.on("message", (job: RangeJob) => {
  let answer: RangeAnswer;
  try {
    answer = run(start, job);
  } catch (error) {
    answer = { ok: false, error: String(error) };
  }
  start.port.postMessage(answer);
  signal(start.signals, answer.ok ? DONE : FAILED);
});
