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
import { DONE, FAILED, PINNED, type RangeAnswer, type RangeJob, type WorkerStart } from "./sweep-protocol";
import { mergePasses, rangesPass, type PassResult, type TenantJob } from "./tenant-pass";

/**
 * Below this many users one thread is quicker: starting a worker (a thread, tsx, the
 * ruleset) costs a few hundred milliseconds, about what 10,000 users take to sweep.
 */
export const PARALLEL_MIN_USERS = 20_000;
/** Threads at most: past four the slices' shared work (each walks the tenant's user index) outweighs the split. */
export const PARALLEL_MAX_THREADS = 4;
/**
 * Most users read at once by a thread: its share of the tenant is cut into ranges of at
 * most this many, read one after the other, so it holds one range's child rows (about
 * 3 MB of heap per 5,000 generated users) rather than its whole share's (31 MB for half
 * of 100,000); every range costs a handful of queries more, each walking only its users
 * through the `users_tenant_upn` index (ADR 016, "Memory of a sweep").
 */
export const SLICE_USERS = 5_000;
/**
 * A worker's young generation, in MB (V8 sizes it from the machine's memory, up to 48 MB
 * here): a sweep's garbage is one user's snapshot and facts at a time and a worker holds
 * little else, so a small nursery costs more, cheap scavenges and saves ~30 MB of RSS per
 * worker (ADR 016, "Memory of a sweep").
 */
const WORKER_YOUNG_GENERATION_MB = 4;
/** A worker that has neither answered nor died in this long is given up on (the sweep then runs on one thread). */
const WORKER_TIMEOUT_MS = 120_000;

export type ParallelOptions = {
  /** Least users for a split (default `PARALLEL_MIN_USERS`; tests lower it). */
  minUsers?: number;
  /** Most threads, the main one included (default: the cores, at most `PARALLEL_MAX_THREADS`). */
  threads?: number;
  /** Most users a thread reads at once (default `SLICE_USERS`; tests lower it). */
  sliceUsers?: number;
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
    const worker = new Worker(WORKER_ENTRY, {
      workerData: start,
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
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
      // Each thread's share, cut into ranges of at most `sliceUsers`: thread t takes the t-th run of `perThread`.
      const perThread = Math.ceil(count / threads / (options.sliceUsers ?? SLICE_USERS));
      const ranges = tenantUpnRanges(deps.db, tenantId, threads * perThread);
      const share = (t: number) => ranges.slice(t * perThread, (t + 1) * perThread);
      const shared = tenantSharedContactValues(deps.db, tenantId);
      const rulesVersion = deps.diagnoser.rulesVersion;
      running.forEach((r, i) => {
        const rangeJob: RangeJob = {
          file,
          tenantId,
          now: now.toISOString(),
          ranges: share(i + 1),
          shared: [...shared],
          job,
          rulesVersion,
        };
        r.port.postMessage(rangeJob);
      });
      setupMs = performance.now() - started;
      return rangesPass(deps.db, now, tenantId, share(0), deps.diagnoser, shared, job, (done) => {
        checkPinned();
        progress?.(done + workersDone(), count);
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
    const merged = mergePasses(job, results);
    merged.durationMs = wallMs - loadMs;
    return { result: merged, loadMs };
  } finally {
    // A worker that failed or was given up on may still be busy: none of this sweep's are kept then.
    if (healthy) returnWorkers(running);
    else void stop(running);
    commits.close();
  }
}
