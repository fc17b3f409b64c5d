/**
 * Progress of a live read: steps done out of steps known (the total grows once the number of
 * groups is known), requests sent, and an ETA — on stderr with cli-progress, so stdout keeps
 * the import report.
 */
import { Presets, SingleBar } from "cli-progress";

export type Progress = {
  start(total: number): void;
  /** More steps became known (e.g. one per group). */
  grow(by: number): void;
  step(label: string): void;
  request(): void;
  stop(): void;
};

export function consoleProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const bar = new SingleBar(
    {
      format: "graph {bar} {value}/{total} steps | {requests} requests | ETA {eta_formatted} | {label}",
      stream,
      etaBuffer: 50,
      noTTYOutput: !stream.isTTY,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
  let total = 0;
  let requests = 0;
  return {
    start: (n) => {
      total = n;
      bar.start(n, 0, { requests: 0, label: "" });
    },
    grow: (by) => {
      total += by;
      bar.setTotal(total);
    },
    step: (label) => bar.increment(1, { label, requests }),
    request: () => {
      requests++;
      bar.update({ requests });
    },
    stop: () => bar.stop(),
  };
}
