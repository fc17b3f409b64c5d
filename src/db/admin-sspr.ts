/**
 * The tenant's switch for administrators' self-service reset (policies.admins_sspr_enabled,
 * Graph authorizationPolicy.allowedToUseSSPR), written by the enable_sspr_for_admins fix.
 */
import { eq } from "drizzle-orm";
import type { Store } from "./client";
import { policies } from "./schema";

/** Sets whether administrators of the tenant may reset. @example setAdminsSsprEnabled(tx, "tnt-margie", true, now); */
export function setAdminsSsprEnabled(tx: Store, tenantId: string, enabled: boolean, now: Date): void {
  tx.update(policies)
    .set({ adminsSsprEnabled: enabled, updatedAt: now.toISOString() })
    .where(eq(policies.tenantId, tenantId))
    .run();
}
