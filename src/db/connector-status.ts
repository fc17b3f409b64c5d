/**
 * Connector status history and the connector overview. A heartbeat's outcome is kept
 * only when it differs from the last one recorded for the tenant (`noteConnectorStatus`),
 * so the table holds changes — "unreachable since 14:02", "healthy again at 15:10" — not
 * one row per beat. The overview joins every tenant with its writeback connector and the
 * non-secret half of its directory configuration for the connector page.
 */
import { and, desc, eq, inArray, notInArray } from "drizzle-orm";
import type { Store } from "./client";
import { connectorStatusHistory, directoryConfigs, imports, tenants, writebackConnectors } from "./schema";

export type ConnectorStatus = "healthy" | "unreachable" | "degraded";
export type StatusSource = "simulated" | "directory";

/** The last status recorded for the tenant, if any. */
export function lastRecordedStatus(store: Store, tenantId: string): ConnectorStatus | undefined {
  return store
    .select({ status: connectorStatusHistory.status })
    .from(connectorStatusHistory)
    .where(eq(connectorStatusHistory.tenantId, tenantId))
    .orderBy(desc(connectorStatusHistory.id))
    .limit(1)
    .get()?.status;
}

/**
 * Record a heartbeat's outcome when it changes the status; true when a row was written.
 * @example noteConnectorStatus(db, "tnt-litware", "unreachable", now, "simulated"); // true the first time, then false
 */
export function noteConnectorStatus(
  store: Store,
  tenantId: string,
  status: ConnectorStatus,
  at: Date,
  source: StatusSource,
): boolean {
  if (lastRecordedStatus(store, tenantId) === status) return false;
  store.insert(connectorStatusHistory).values({ tenantId, status, at: at.toISOString(), source }).run();
  return true;
}

/**
 * The simulated heartbeat's outcomes: each configured connector without a real directory
 * is as its row says (a simulated connector has no other state). Recorded on change only.
 * An imported tenant's connector is not simulated: its row is a reading (ADR 010, addendum).
 */
export function noteSimulatedStatuses(store: Store, at: Date): void {
  const rows = store
    .select({ tenantId: writebackConnectors.tenantId, status: writebackConnectors.status })
    .from(writebackConnectors)
    .where(
      and(
        eq(writebackConnectors.configured, true),
        notInArray(
          writebackConnectors.tenantId,
          store.select({ id: directoryConfigs.tenantId }).from(directoryConfigs),
        ),
        notInArray(writebackConnectors.tenantId, store.select({ id: imports.tenantId }).from(imports)),
      ),
    )
    .all();
  for (const r of rows) noteConnectorStatus(store, r.tenantId, r.status, at, "simulated");
}

/** The last `limit` status changes, newest first, of the given tenants (all when omitted). */
export function statusHistory(store: Store, limit: number, tenantIds?: readonly string[]) {
  return store
    .select({
      id: connectorStatusHistory.id,
      tenantId: connectorStatusHistory.tenantId,
      tenantName: tenants.name,
      at: connectorStatusHistory.at,
      status: connectorStatusHistory.status,
      source: connectorStatusHistory.source,
    })
    .from(connectorStatusHistory)
    .innerJoin(tenants, eq(tenants.id, connectorStatusHistory.tenantId))
    .where(tenantIds ? inArray(connectorStatusHistory.tenantId, [...tenantIds]) : undefined)
    .orderBy(desc(connectorStatusHistory.id))
    .limit(limit)
    .all();
}

/**
 * Every tenant with its connector row and directory summary (kind, URLs, base DN —
 * never the bind secret, which this query does not even select).
 */
export function connectorOverview(store: Store) {
  return store
    .select({
      tenantId: tenants.id,
      tenantName: tenants.name,
      domain: tenants.domain,
      connector: writebackConnectors,
      directory: {
        kind: directoryConfigs.kind,
        urls: directoryConfigs.urls,
        startTls: directoryConfigs.startTls,
        bindDn: directoryConfigs.bindDn,
        baseDn: directoryConfigs.baseDn,
        updatedAt: directoryConfigs.updatedAt,
      },
    })
    .from(tenants)
    .leftJoin(writebackConnectors, eq(writebackConnectors.tenantId, tenants.id))
    .leftJoin(directoryConfigs, eq(directoryConfigs.tenantId, tenants.id))
    .orderBy(tenants.name)
    .all();
}
