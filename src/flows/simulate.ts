/**
 * The simulator off the event loop: POST /diagnose/simulate parses, validates and
 * diagnoses a snapshot on a worker thread of its own, so the thread serving HTTP does
 * only the HTTP (ADR 015, "Off the event loop"). On two cores a simulate's CPU was two
 * fifths parse, validation and diagnosis, which the second core now does while the first
 * reads the next request; and a snapshot with many unknown facts (up to 2,304 worlds, tens
 * of milliseconds) no longer holds up every other page and reset while it is diagnosed.
 *
 * The worker answers only the good case. Anything it cannot diagnose (not JSON, not a
 * snapshot) and any trouble with the worker itself (not started yet, failed, gone) is
 * answered `undefined`, and the route goes on to its usual validator and handler, which
 * say what is wrong exactly as before: one code path for bad input, in the main thread.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { FINDING_CODES, type FindingCode, type Severity } from "../domain/catalogue";
import type { ArticleRef } from "../domain/diagnosis";
import { SnapshotSchema } from "../domain/snapshot";
import type { Diagnoser } from "../diagnosis/engine";
import type { Log } from "../log";

/** A diagnosed snapshot as the route sends it: the response body, and the findings for the metrics. */
export type Simulated = { json: string; findings: { code: FindingCode; severity: Severity }[] };

/** What a simulate worker is started with: the main thread's articles per code and its ruleset's version. */
export type SimulateWorkerData = { articles: Partial<Record<FindingCode, ArticleRef[]>>; rulesVersion: string };

/** Worker → main: ready (or not) once, then one answer per request id. */
export type SimulateWorkerMessage =
  | { kind: "ready" }
  | { kind: "failed"; error: string }
  | { kind: "answer"; id: number; simulated: Simulated | undefined };

/**
 * The diagnosis of a snapshot sent as JSON text, or undefined when the text is not JSON or
 * not a snapshot (the route's validator then says why). The worker and the tests run this.
 *
 * @example
 * (await simulateText('{"now":"2026-11-24T09:30:00Z", …}', diagnoser))?.json; // '{"id":"D-…","verdict":"blocked",…}'
 */
export async function simulateText(
  text: string,
  diagnoser: Pick<Diagnoser, "diagnoseInteractive">,
): Promise<Simulated | undefined> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = SnapshotSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const diagnosis = await diagnoser.diagnoseInteractive(parsed.data);
  return {
    json: JSON.stringify(diagnosis),
    findings: diagnosis.findings.map((f) => ({ code: f.code, severity: f.severity })),
  };
}

export type Simulator = {
  /** The diagnosis of `text`, or undefined: not a snapshot, or no worker to ask (then the caller diagnoses it). */
  simulate(text: string): Promise<Simulated | undefined>;
  /** Stops the worker; later calls answer undefined. */
  close(): Promise<void>;
};

/**
 * Whether to simulate on a worker: when the machine has a second core to run it on (with
 * one core a worker only adds the messages' cost). SSPR_SIMULATE_WORKER overrides.
 */
export function simulateWorkerByDefault(): boolean {
  return availableParallelism() > 1;
}

/**
 * Starts the worker and answers through it. `onFindings` sees each diagnosed snapshot's
 * findings (the metrics count them, as they count the main thread's diagnoses).
 *
 * @example
 * const simulator = createSimulator({ diagnoser, articlesFor: kb.articlesFor, log });
 * const simulated = await simulator.simulate(await c.req.text());
 */
export function createSimulator(o: {
  diagnoser: Pick<Diagnoser, "rulesVersion">;
  articlesFor: (code: FindingCode) => readonly ArticleRef[];
  log: Log;
  onFindings?: (findings: Simulated["findings"]) => void;
  /** Tests: start the worker with other data (e.g. another rules version, to see it refused). */
  workerData?: Partial<SimulateWorkerData>;
}): Simulator {
  const data: SimulateWorkerData = {
    articles: Object.fromEntries(FINDING_CODES.map((code) => [code, [...o.articlesFor(code)]])),
    rulesVersion: o.diagnoser.rulesVersion,
    ...o.workerData,
  };
  let worker: Worker | undefined = new Worker(new URL("./simulate-worker.mjs", import.meta.url), { workerData: data });
  const waiting = new Map<number, (simulated: Simulated | undefined) => void>();
  let next = 0;
  // Unreferenced while idle, so a process that is otherwise done is not kept alive by it.
  worker.unref();

  const stop = (reason: string | undefined) => {
    if (!worker) return;
    if (reason) o.log.warn("simulate worker stopped; simulating on the main thread", { reason });
    const w = worker;
    worker = undefined;
    for (const answer of waiting.values()) answer(undefined);
    waiting.clear();
    return w.terminate();
  };
  worker.on("message", (m: SimulateWorkerMessage) => {
    if (m.kind === "failed") return void stop(m.error);
    if (m.kind !== "answer") return;
    const answer = waiting.get(m.id);
    waiting.delete(m.id);
    if (waiting.size === 0) worker?.unref();
    if (m.simulated) o.onFindings?.(m.simulated.findings);
    answer?.(m.simulated);
  });
  worker.on("error", (error) => void stop(String(error)));
  worker.on("exit", (code) => void stop(`exited with code ${code}`));

  return {
    simulate(text) {
      if (!worker) return Promise.resolve(undefined);
      const id = ++next;
      if (waiting.size === 0) worker.ref();
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        // Messages sent before the worker listens wait on its port.
        worker!.postMessage({ id, text });
      });
    },
    async close() {
      await stop(undefined);
    },
  };
}
