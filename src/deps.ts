/**
 * Everything the app needs from the outside world, handed in through createApp(deps).
 * Production builds it in main.ts; tests build it with test/support/test-deps.ts on
 * an in-memory database with a fixed clock.
 */
import type { Clock, Random } from "./clock";
import type { Db } from "./db/client";
import type { Log } from "./log";

export type Deps = {
  db: Db;
  clock: Clock;
  random: Random;
  log: Log;
  /** Bootstrap admin bearer token (SSPR_ADMIN_TOKEN), if set. */
  adminToken?: string;
  /** Demo mode: the dev mailbox page and demo hints are shown. */
  demo: boolean;
};
