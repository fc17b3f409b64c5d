/**
 * The tenant state version: a counter per tenant that database triggers bump on any change
 * to what its users' standing verdicts are read from (migration 0019 lists the tables).
 * Equal versions mean the same stored state, so a reader may keep what it computed from it.
 */
import { eq } from "drizzle-orm";
import type { Store } from "./client";
import { tenantStateVersions } from "./schema";

/**
 * The tenant's current version; 0 before its first change.
 * @example const before = tenantStateVersion(db, "tnt-contoso"); // … a method added … → before + 1
 */
export function tenantStateVersion(db: Store, tenantId: string): number {
  return (
    db
      .select({ version: tenantStateVersions.version })
      .from(tenantStateVersions)
      .where(eq(tenantStateVersions.tenantId, tenantId))
      .get()?.version ?? 0
  );
}
