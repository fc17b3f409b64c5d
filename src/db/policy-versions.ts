/**
 * Policy versions: the numbered history of a tenant's applied policies (who, when, why,
 * the whole policy). Rows are only added; a revert is a new row pointing at the old one.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Policy } from "../domain/snapshot";
import type { Store } from "./client";
import { policyVersions } from "./schema";

export type PolicyVersion = {
  version: number;
  policy: Policy;
  actorId: string | null;
  actorName: string;
  at: string;
  reason: string;
  revertOf: number | null;
};

const asVersion = (row: typeof policyVersions.$inferSelect): PolicyVersion => ({
  version: row.version,
  policy: row.policy as Policy,
  actorId: row.actorId,
  actorName: row.actorName,
  at: row.at,
  reason: row.reason,
  revertOf: row.revertOf,
});

/**
 * Appends the next version of the tenant's policy and returns its number (1 for the first).
 * Call it inside the transaction that writes the policy, so number and policy agree.
 */
export function addPolicyVersion(store: Store, tenantId: string, entry: Omit<PolicyVersion, "version">): number {
  const last = store
    .select({ max: sql<number | null>`max(${policyVersions.version})` })
    .from(policyVersions)
    .where(eq(policyVersions.tenantId, tenantId))
    .get();
  const version = (last?.max ?? 0) + 1;
  store
    .insert(policyVersions)
    .values({ tenantId, version, ...entry, policy: entry.policy as Record<string, unknown> })
    .run();
  return version;
}

/** Every version of the tenant's policy, newest first. */
export function listPolicyVersions(store: Store, tenantId: string): PolicyVersion[] {
  return store
    .select()
    .from(policyVersions)
    .where(eq(policyVersions.tenantId, tenantId))
    .orderBy(desc(policyVersions.version))
    .all()
    .map(asVersion);
}

/** One version of the tenant's policy, or undefined. */
export function findPolicyVersion(store: Store, tenantId: string, version: number): PolicyVersion | undefined {
  const row = store
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.tenantId, tenantId), eq(policyVersions.version, version)))
    .get();
  return row ? asVersion(row) : undefined;
}
