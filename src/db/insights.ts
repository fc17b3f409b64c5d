/**
 * The insights query: a tenant's reset and registration activity over a date range,
 * counted per day, action, outcome and finding code. It reads `audit_daily`, which a
 * trigger on audit_log keeps as rows arrive (migration 0012), so a year is at most a few
 * thousand rows however busy the tenant — a year of a 100k-user tenant in milliseconds
 * (bench/insights.ts). Folding the counts into charts is domain/insights.ts's job.
 */
import { and, eq, gte, lte } from "drizzle-orm";
import type { Store } from "./client";
import { auditDaily, groupMemberships, groups } from "./schema";
import type { InsightCountRow } from "../domain/insights";

/**
 * Counts for `tenantId` on the UTC days `fromDay`..`toDay` (YYYY-MM-DD, inclusive).
 * @example insightCounts(db, "tnt-contoso", "2026-11-01", "2026-11-30")[0]?.action // "reset.start"
 */
export function insightCounts(store: Store, tenantId: string, fromDay: string, toDay: string): InsightCountRow[] {
  return store
    .select({
      day: auditDaily.day,
      action: auditDaily.action,
      outcome: auditDaily.outcome,
      code: auditDaily.code,
      rows: auditDaily.rows,
    })
    .from(auditDaily)
    .where(and(eq(auditDaily.tenantId, tenantId), gte(auditDaily.day, fromDay), lte(auditDaily.day, toDay)))
    .all()
    .map((r) => ({ ...r, code: r.code === "" ? null : r.code }));
}

/** Direct group memberships of a tenant's users, with the group's name (top blocked groups). */
export function tenantMemberships(store: Store, tenantId: string): { userId: string; groupId: string; name: string }[] {
  return store
    .select({ userId: groupMemberships.userId, groupId: groups.id, name: groups.name })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(eq(groups.tenantId, tenantId))
    .all();
}
