/**
 * The stored rows fixes read and write that the snapshot does not carry as such: a
 * user's row and direct groups, the tenant's groups, the connector row,
 * throttle events with their times, and the last reminder in the audit log. Reads go
 * through the shared connection, so inside a transaction they see its own writes.
 */
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog, groupMemberships, groups, throttleBlocks, throttleEvents, users, writebackConnectors } from "../db/schema";

export type UserRow = typeof users.$inferSelect;
export type ConnectorRow = typeof writebackConnectors.$inferSelect;
export type GroupRow = { id: string; name: string };

/** The user's stored row. @example userRow(db, "usr-dana.disabled")?.enabled; // false */
export function userRow(db: Db, userId: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, userId)).get();
}

/** The tenant's writeback connector row, if any. @example connectorRow(db, "tnt-adatum")?.permResetPassword; // false */
export function connectorRow(db: Db, tenantId: string): ConnectorRow | undefined {
  return db.select().from(writebackConnectors).where(eq(writebackConnectors.tenantId, tenantId)).get();
}

/** The tenant's groups in the order they were created ("the first group" is the oldest). @example tenantGroups(db, "tnt-contoso")[0]?.id; // "grp-contoso-sspr-users" */
export function tenantGroups(db: Db, tenantId: string): GroupRow[] {
  return db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.tenantId, tenantId)).orderBy(sql`rowid`).all();
}

/** Groups the user is a direct member of, oldest membership first. @example directGroupIds(db, "usr-oscar.outside"); // ["grp-contoso-finance"] */
export function directGroupIds(db: Db, userId: string): string[] {
  return db.select({ id: groupMemberships.groupId }).from(groupMemberships).where(eq(groupMemberships.userId, userId)).orderBy(sql`rowid`).all().map((r) => r.id);
}

export type ThrottleKind = "code_sent" | "verification_failed" | "reset_completed";

/** The user's counted events of one kind after `since`, oldest first (ISO instants). @example throttleEventTimes(db, "usr-carl.codes", "code_sent", hourAgo).length; // 5 */
export function throttleEventTimes(db: Db, userId: string, kind: ThrottleKind, since: Date): string[] {
  return db
    .select({ at: throttleEvents.at })
    .from(throttleEvents)
    .where(and(eq(throttleEvents.userId, userId), eq(throttleEvents.kind, kind), gt(throttleEvents.at, since.toISOString())))
    .orderBy(asc(throttleEvents.at))
    .all()
    .map((r) => r.at);
}

/** When the user's block ends (possibly in the past), if there is one. @example throttleBlockUntil(db, "usr-bob.blocked"); // "2026-11-25T05:30:00.000Z" */
export function throttleBlockUntil(db: Db, userId: string): string | undefined {
  return db.select({ until: throttleBlocks.blockedUntil }).from(throttleBlocks).where(eq(throttleBlocks.userId, userId)).get()?.until;
}

/**
 * The newest audit row of an action for a user after `since`.
 * @example lastAudit(db, "fix.send_registration_reminder", "usr-nina.noreg", dayAgo); // { at: "…", outcome: "success" }
 */
export function lastAudit(db: Db, action: string, userId: string, since: Date): { at: string; outcome: "success" | "failure" } | undefined {
  return db
    .select({ at: auditLog.at, outcome: auditLog.outcome })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetUserId, userId), gt(auditLog.at, since.toISOString())))
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
}

