/**
 * The progress bar of a CLI that learns its total with the first report (a sweep, a bulk
 * fix): on stderr, so stdout keeps the report, and absent when stderr is not a terminal or
 * the output is meant for a machine (`quiet`: --csv, --json).
 */
import { Presets, SingleBar } from "cli-progress";

export type ProgressBar = {
  update(done: number, total: number, payload?: Record<string, unknown>): void;
  stop(): void;
};

export function progressBar(format: string, quiet = false): ProgressBar {
  const bar =
    quiet || !process.stderr.isTTY
      ? undefined
      : new SingleBar({ format, stream: process.stderr }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total, payload) {
      if (!started) bar?.start(total, 0, payload);
      started = true;
      bar?.update(done, payload);
    },
    stop: () => bar?.stop(),
  };
}
