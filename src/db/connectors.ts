/**
 * The tenant's writeback connector row: whether one is registered, its heartbeat and
 * the rights of its service account, as the on-premises fixes and runbooks read them.
 */
import { eq } from "drizzle-orm";
import type { Store } from "./client";
import { directoryConfigs, imports, writebackConnectors } from "./schema";

export type ConnectorRow = typeof writebackConnectors.$inferSelect;

/** The tenant's writeback connector row, if any. @example connectorRow(db, "tnt-adatum")?.permResetPassword; // false */
export function connectorRow(store: Store, tenantId: string): ConnectorRow | undefined {
  return store.select().from(writebackConnectors).where(eq(writebackConnectors.tenantId, tenantId)).get();
}

/** Mark the tenant's connector as registered, creating its row when there is none. */
export function markConnectorConfigured(store: Store, tenantId: string): void {
  if (connectorRow(store, tenantId))
    store.update(writebackConnectors).set({ configured: true }).where(eq(writebackConnectors.tenantId, tenantId)).run();
  else store.insert(writebackConnectors).values({ tenantId, configured: true }).run();
}

/**
 * Whether the tenant's connector is known only from a reading: the tenant was imported and
 * has no directory of ours whose heartbeat would report on it, so nothing after the import
 * says whether it still beats (ADR 010, addendum). Its row is neither simulated nor live.
 *
 * @example connectorIsReading(db, "tnt-northwind.example"); // true after `npm run import:entra`
 */
export function connectorIsReading(store: Store, tenantId: string): boolean {
  const imported = store.select({ id: imports.id }).from(imports).where(eq(imports.tenantId, tenantId)).limit(1).get();
  if (!imported) return false;
  return !store
    .select({ id: directoryConfigs.tenantId })
    .from(directoryConfigs)
    .where(eq(directoryConfigs.tenantId, tenantId))
    .get();
}
