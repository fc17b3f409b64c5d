/**
 * The directory heartbeat: on a schedule, every configured directory is bound and its
 * rootDSE read; the outcome sets the tenant's writeback status and lastHeartbeatAt, the
 * facts behind writeback_connector_unreachable and writeback_heartbeat_late. A failure
 * keeps its classification, so a TLS certificate problem is reported as one.
 */
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { tenantsWithDirectory } from "../db/directory-configs";
import { recordConnectorHealth } from "../db/directory-facts";
import { noteConnectorStatus } from "../db/connector-status";
import type { HeartbeatResult } from "./connector";
import type { DirectoryRegistry } from "./registry";

/** Beat one tenant's directory now; undefined when it has none. */
export async function beat(
  db: Db,
  clock: Clock,
  registry: DirectoryRegistry,
  tenantId: string,
): Promise<HeartbeatResult | undefined> {
  const directory = registry.directoryFor(tenantId);
  if (!directory) return undefined;
  const result = await directory.heartbeat();
  // A directory that answers but refuses our bind is reachable yet unusable: degraded.
  const status = result.ok
    ? "healthy"
    : result.failure.code === "writeback_connector_unreachable"
      ? "unreachable"
      : "degraded";
  const now = clock.now();
  recordConnectorHealth(db, tenantId, { status, ...(result.ok && { at: now.toISOString() }) });
  // The connector page's history keeps changes only, so a steady directory adds no rows.
  noteConnectorStatus(db, tenantId, status, now, "directory");
  return result;
}

/** Beat every configured directory every `everyMs`; returns a stop function. */
export function startDirectoryHeartbeats(
  db: Db,
  clock: Clock,
  registry: DirectoryRegistry,
  onResult: (tenantId: string, r: HeartbeatResult) => void,
  everyMs = 60_000,
): () => void {
  let running = false;
  const round = async () => {
    if (running) return; // a slow directory must not stack rounds
    running = true;
    try {
      for (const tenantId of tenantsWithDirectory(db)) {
        const r = await beat(db, clock, registry, tenantId).catch(() => undefined);
        if (r) onResult(tenantId, r);
      }
    } finally {
      running = false;
    }
  };
  void round();
  const timer = setInterval(() => void round(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
