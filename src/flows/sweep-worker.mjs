/**
 * The entry of a sweep worker thread (flows/parallel-sweep.ts). Node starts a worker from
 * a JavaScript file and neither it nor vitest hands the thread a TypeScript loader, so
 * this registers tsx for the thread and imports the TypeScript worker; if that fails, it
 * says so through the same signals the worker would, and the sweep runs on one thread.
 */
import { workerData } from "node:worker_threads";

try {
  const { tsImport } = await import("tsx/esm/api");
  await tsImport("./sweep-worker.ts", import.meta.url);
} catch (error) {
  const { port, signals } = workerData;
  port.postMessage({ ok: false, error: String(error) });
  Atomics.store(signals, 0, 3);
  Atomics.notify(signals, 0);
}
