/**
 * The entry of the simulate worker thread (flows/simulate.ts). Node starts a worker from a
 * JavaScript file and hands it no TypeScript loader, so this registers tsx for the thread
 * and imports the TypeScript worker; if that fails, it says so and the main thread simulates.
 */
import { parentPort } from "node:worker_threads";

try {
  const { tsImport } = await import("tsx/esm/api");
  await tsImport("./simulate-worker.ts", import.meta.url);
} catch (error) {
  parentPort.postMessage({ kind: "failed", error: String(error) });
}
