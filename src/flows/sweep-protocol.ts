/**
 * How the main thread and a sweep worker talk (flows/parallel-sweep.ts, flows/sweep-worker.ts):
 * what a worker is handed at start and per job, what it answers, and the states of its
 * shared-memory signal slot. Its own module so a worker loads only this, not the pool
 * that starts workers.
 */
import type { MessagePort } from "node:worker_threads";
import type { UpnRange } from "../db/snapshots";
import type { TenantJob } from "./tenant-pass";

/** What the main thread hands a worker when it starts: its port, and its two signal slots (state, users done). */
export type WorkerStart = { port: MessagePort; signals: Int32Array };

/** One thread's share of the work (consecutive upn ranges), posted once the main thread has pinned its own read and cut the ranges. */
export type RangeJob = {
  file: string;
  tenantId: string;
  now: string;
  ranges: UpnRange[];
  shared: [string, number][];
  job: TenantJob;
  /** The main thread's ruleset: a worker that loads other rules must not answer. */
  rulesVersion: string;
};

export type RangeAnswer = { ok: true; result: unknown; readMs: number } | { ok: false; error: string };

/** A worker's state slot: 0 working, then one of these. Its second slot counts the users it has done. */
export const PINNED = 1;
export const DONE = 2;
export const FAILED = 3;
