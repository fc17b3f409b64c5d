/**
 * A large tenant's sweep or what-if on every core: its users cut into contiguous upn
 * ranges, one per thread, each read on its own read-only connection and diagnosed by the
 * same pass as the single-thread sweep (flows/tenant-pass.ts), the main thread doing the
 * first range itself; the answers are laid end to end in upn order, so they equal the
 * single-thread ones. When this cannot be done as well — a database in memory (no second
 * connection can open it), a small tenant, a caller's open transaction, a worker that
 * fails, a commit landing while the threads pin their reads — it answers undefined and the
 * caller runs the single-thread pass.
 *
 * The main thread waits for the workers synchronously (Atomics.wait on shared memory, the
 * answers taken with receiveMessageOnPort): the sweep was and stays a synchronous call for
 * its callers (the admin pages, the API, the CLI, the self-watch), and it held the event
 * loop for the whole sweep before too, only twice as long.
 */
import { availableParallelism } from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { withTenantRangeSnapshots, type UpnRange } from "../db/snapshots";
import {
  databaseFile,
  inOpenTransaction,
  inPinnedRead,
  tenantSharedContactValues,
  tenantUpnRanges,
  tenantUserCount,
  watchCommits,
} from "../db/tenant-partition";
import type { Deps } from "../deps";
import type { SweepResult, WhatIfResult } from "../diagnosis/sweep";
import { FINDING_CODES, type FindingCode } from "../domain/catalogue";
import { tenantPass, type PassResult, type TenantJob } from "./tenant-pass";

/** What the main thread hands a worker when it starts: its port, and its two signal slots (state, progress). */
export type WorkerStart = { port: MessagePort; signals: Int32Array };

/** One range's work, posted once the main thread has pinned its own read and cut the ranges. */
export type RangeJob = {
  file: string;
  tenantId: string;
  now: string;
  range: UpnRange;
  shared: [string, number][];
  job: TenantJob;
  /** The main thread's ruleset: a worker that loads other rules must not answer. */
  rulesVersion: string;
};

export type RangeAnswer = { ok: true; result: unknown; readMs: number; users: number } | { ok: false; error: string };

/** How the threads talk. A worker's state slot: 0 working, then one of these. */
export const PINNED = 1;
export const DONE = 2;
export const FAILED = 3;
/** Users between progress updates. */
export const PROGRESS_EVERY = 500;

/**
 * Below this many users one thread is quicker: starting a worker (a thread, tsx, the
 * ruleset) costs a few hundred milliseconds, about what 10,000 users take to sweep.
 */
export const PARALLEL_MIN_USERS = 20_000;
/** Threads at most: past four the slices' shared work (each walks the tenant's user index) outweighs the split. */
export const PARALLEL_MAX_THREADS = 4;
/** A worker that has neither answered nor died in this long is given up on (the sweep then runs on one thread). */
const WORKER_TIMEOUT_MS = 120_000;

export type ParallelOptions = {
  /** Least users for a split (default `PARALLEL_MIN_USERS`; tests lower it). */
  minUsers?: number;
  /** Most threads, the main one included (default: the cores, at most `PARALLEL_MAX_THREADS`). */
  threads?: number;
};

type PassDeps = Pick<Deps, "db" | "clock" | "diagnoser">;

const WORKER_ENTRY = new URL("./sweep-worker.mjs", import.meta.url);

/** A worker with its port and signals. */
type Running = { worker: Worker; port: MessagePort; signals: Int32Array };

/**
 * Workers kept between sweeps: starting one (a thread, tsx, loading and compiling the
 * ruleset) costs about a second on a busy machine, as much as its half of a 100,000-user
 * sweep saves. They are unref'd (they never keep the process alive) and stopped after
 * `IDLE_MS` without a sweep, or by `stopSweepWorkers`.
 */
const idle: Running[] = [];
const IDLE_MS = 60_000;
let idleTimer: NodeJS.Timeout | undefined;

function takeWorkers(n: number): Running[] {
  clearTimeout(idleTimer);
  const taken = idle.splice(0, n);
  while (taken.length < n) {
    const { port1, port2 } = new MessageChannel();
    const signals = new Int32Array(new SharedArrayBuffer(8));
    const start: WorkerStart = { port: port2, signals };
    const worker = new Worker(WORKER_ENTRY, { workerData: start, transferList: [port2] });
    worker.unref();
    taken.push({ worker, port: port1, signals });
  }
  return taken;
}

function returnWorkers(workers: Running[]): void {
  idle.push(...workers);
  idleTimer = setTimeout(() => void stopSweepWorkers(), IDLE_MS);
  idleTimer.unref();
}

function stop(workers: Running[]): Promise<unknown> {
  return Promise.all(
    workers.map((r) => {
      r.port.close();
      return r.worker.terminate();
    }),
  );
}

/** Stops the idle sweep workers (a test's afterAll; a server stops with its process). */
export async function stopSweepWorkers(): Promise<void> {
  clearTimeout(idleTimer);
  await stop(idle.splice(0));
}

/**
 * `job` over the tenant on several threads, with `loadMs` (the set-up and the slowest
 * slice's reading) and `durationMs` (the rest of the wall time) summing to the whole, as
 * the single-thread sweep's do; or undefined when the single-thread pass should run.
 *
 * @example
 * tenantPassInParallel(deps, "tnt-bench", { kind: "sweep" })?.result.verdicts; // { can_reset: 38285, … }
 */
export function tenantPassInParallel<J extends TenantJob>(
  deps: PassDeps,
  tenantId: string,
  job: J,
  options: ParallelOptions & { progress?: (done: number, total: number) => void } = {},
): { result: PassResult<J>; loadMs: number } | undefined {
  const file = databaseFile(deps.db);
  const threads = Math.min(options.threads ?? availableParallelism(), PARALLEL_MAX_THREADS);
  // A caller's transaction may hold writes no other connection can see yet.
  if (!file || threads < 2 || inOpenTransaction(deps.db)) return undefined;
  const count = tenantUserCount(deps.db)(tenantId);
  // Fewer users than threads would cut empty ranges.
  if (count < Math.max(options.minUsers ?? PARALLEL_MIN_USERS, threads)) return undefined;

  const started = performance.now();
  // Taken (or started) first, so new ones load their code while this thread cuts the ranges.
  const running = takeWorkers(threads - 1);
  for (const r of running) {
    Atomics.store(r.signals, 0, 0);
    Atomics.store(r.signals, 1, 0);
  }
  let healthy = false;
  const commits = watchCommits(file);
  try {
    const now = deps.clock.now();
    const progress = options.progress;
    const workersDone = () => running.reduce((n, r) => n + Atomics.load(r.signals, 1), 0);
    let samePinnedState: boolean | undefined;
    // Once every worker has pinned its read: did anything commit since before the main thread pinned its own?
    const checkPinned = () => {
      if (samePinnedState === undefined && running.every((r) => Atomics.load(r.signals, 0) >= PINNED))
        samePinnedState = !commits.changed();
    };
    let setupMs = 0;
    const own = inPinnedRead(deps.db, () => {
      const ranges = tenantUpnRanges(deps.db, tenantId, threads);
      const shared = tenantSharedContactValues(deps.db, tenantId);
      const rulesVersion = deps.diagnoser.rulesVersion;
      running.forEach((r, i) => {
        const rangeJob: RangeJob = {
          file,
          tenantId,
          now: now.toISOString(),
          range: ranges[i + 1]!,
          shared: [...shared],
          job,
          rulesVersion,
        };
        r.port.postMessage(rangeJob);
      });
      setupMs = performance.now() - started;
      const sliceStarted = performance.now();
      return withTenantRangeSnapshots(deps.db, now, tenantId, ranges[0]!, (slice) => {
        const childRowsMs = performance.now() - sliceStarted;
        const polled = (function* () {
          let done = 0;
          for (const user of slice.users) {
            yield user;
            if (++done % PROGRESS_EVERY === 0) {
              checkPinned();
              progress?.(done + workersDone(), count);
            }
          }
        })();
        const pass = tenantPass(polled, deps.diagnoser, shared, job);
        return { ...pass, readMs: childRowsMs + pass.streamMs };
      });
    });

    const answers: Extract<RangeAnswer, { ok: true }>[] = [];
    const deadline = performance.now() + WORKER_TIMEOUT_MS;
    for (const r of running) {
      for (;;) {
        const state = Atomics.load(r.signals, 0);
        if (state === DONE || state === FAILED) break;
        // A worker that died (out of memory, terminated) never signals: its threadId turns -1.
        if (r.worker.threadId === -1 || performance.now() > deadline) return undefined;
        Atomics.wait(r.signals, 0, state, 50);
        checkPinned();
        progress?.(own.result.users + workersDone(), count);
      }
      const answer = receiveMessageOnPort(r.port)?.message as RangeAnswer | undefined;
      if (!answer?.ok) return undefined;
      answers.push(answer);
    }
    healthy = true;
    checkPinned();
    if (!samePinnedState) return undefined;
    progress?.(count, count);

    const results = [own.result, ...answers.map((a) => a.result as PassResult<J>)];
    const wallMs = performance.now() - started;
    const loadMs = Math.min(wallMs, setupMs + Math.max(own.readMs, ...answers.map((a) => a.readMs)));
    const merged = (
      job.kind === "sweep" ? mergeSweeps(results as SweepResult[]) : mergeWhatIfs(results as WhatIfResult[])
    ) as PassResult<J>;
    merged.durationMs = wallMs - loadMs;
    return { result: merged, loadMs };
  } finally {
    // A worker that failed or was given up on may still be busy: none of this sweep's are kept then.
    if (healthy) returnWorkers(running);
    else void stop(running);
    commits.close();
  }
}

/** Sweeps of consecutive upn ranges as the sweep of them all (lists end to end, in range order). */
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

/** What-ifs of consecutive upn ranges as the what-if of them all; codes in `byFinding` keep first-seen order. */
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
