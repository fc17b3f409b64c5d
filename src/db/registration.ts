/**
 * Registration coverage of a tenant from the methods table: how many users registered
 * anything, and how many registered each kind of method (verified ones only: an
 * unverified address cannot receive a code, so it covers nobody).
 */
import { and, asc, countDistinct, eq } from "drizzle-orm";
import type { Store } from "./client";
import { methods, users } from "./schema";

/** @example methodCoverage(db, "tnt-contoso").byMethod.email // users with a verified email method */
export function methodCoverage(
  store: Store,
  tenantId: string,
): { registeredUsers: number; byMethod: Record<string, number> } {
  const registeredUsers =
    store
      .select({ n: countDistinct(methods.userId) })
      .from(methods)
      .innerJoin(users, eq(users.id, methods.userId))
      .where(eq(users.tenantId, tenantId))
      .get()?.n ?? 0;
  const rows = store
    .select({ type: methods.type, n: countDistinct(methods.userId) })
    .from(methods)
    .innerJoin(users, eq(users.id, methods.userId))
    .where(and(eq(users.tenantId, tenantId), eq(methods.verified, true)))
    .groupBy(methods.type)
    .orderBy(asc(methods.type))
    .all();
  return { registeredUsers, byMethod: Object.fromEntries(rows.map((r) => [r.type, r.n])) };
}
