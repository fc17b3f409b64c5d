/**
 * Everything the app needs from the outside world, handed in through createApp(deps).
 * Production builds it in main.ts (src/wiring.ts); tests build it with
 * test/support/test-deps.ts on an in-memory database with a fixed clock.
 */
import type { Clock, Random } from "./clock";
import type { Db } from "./db/client";
import type { DevMailbox } from "./delivery/dev-mailbox";
import type { Mailer } from "./delivery/mailer";
import type { SmsSender } from "./delivery/sms";
import type { Diagnoser } from "./diagnosis/engine";
import type { Simulator } from "./flows/simulate";
import type { KnowledgeBase } from "./knowledge/knowledge-base";
import type { TrustedProxies } from "./http/client-ip";
import type { Metrics } from "./http/metrics";
import type { RateLimits } from "./http/rate-limit";
import type { Log } from "./log";
import type { WritebackConnector } from "./writeback/connector";
import type { DirectoryRegistry } from "./directory/registry";
import type { LiveFactsReader } from "./directory/live-facts";

export type Deps = {
  db: Db;
  clock: Clock;
  random: Random;
  log: Log;
  mailer: Mailer;
  sms: SmsSender;
  /** Present in demo mode (or when SMTP_URL is unset): where codes land, shown at /dev/mailbox. */
  devMailbox?: DevMailbox;
  /** Routes each write to the tenant's connector (its real directory, or the simulated one). */
  writeback: WritebackConnector;
  /** Real directories: per-tenant connectors, live on-premises facts, the secret key for their bind secrets. */
  directory: { registry: DirectoryRegistry; liveFacts: LiveFactsReader; secretKey?: Buffer };
  diagnoser: Diagnoser;
  /** Simulates snapshots on a worker thread (flows/simulate.ts); absent, the route diagnoses on the main thread. */
  simulator?: Simulator;
  kb: KnowledgeBase;
  /** Per-installation key for stable decoys (db/instance.ts). */
  instanceKey: Buffer;
  /** Bootstrap admin bearer token (SSPR_ADMIN_TOKEN), if set. */
  adminToken?: string;
  /** Demo mode: the dev mailbox page and demo hints are shown. */
  demo: boolean;
  /** HTTP edge settings (SSPR_TRUST_PROXY, SSPR_RATE_LIMITS, SSPR_METRICS_TOKEN); defaults when absent. */
  http?: {
    trustedProxies?: TrustedProxies;
    rateLimits?: Partial<RateLimits>;
    metricsToken?: string;
    metrics?: Metrics;
  };
};
