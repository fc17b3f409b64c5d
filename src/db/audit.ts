/**
 * The audit log: every step, success or failure, with actor, target, outcome, code
 * and IP. Rows are append-only (a migration's triggers refuse UPDATE and DELETE).
 * Actions are a closed list (`AuditAction`), so a reader filtering by action (the
 * admin page, `?action=me.*`) and a writer cannot drift apart by a typo.
 */
import { and, desc, eq, gt, gte, lt, sql, type SQL } from "drizzle-orm";
import type { FixId, Stage } from "../domain/catalogue";
import type { Db, Store } from "./client";
import { auditLog, users } from "./schema";
import { findUser } from "./snapshots";
import { escapeLike } from "./users";

/** Every action the log records: reset steps, registration steps and step-up, sign-ins (people and staff), applied fixes, and the self-watch's incidents. */
export type AuditAction =
  | "reset.start"
  | "reset.challenge"
  | "reset.verify"
  | "reset.complete"
  | "reset.unlock"
  | `reset.${Stage}`
  | "me.sign_in"
  | "me.sign_out"
  | "me.method_add"
  | "me.method_verify"
  | "me.method_remove"
  | "me.security_questions_set"
  | "me.confirm"
  | "me.step_up"
  | "me.step_up_verify"
  | "staff.sign_in"
  | "staff.sign_out"
  | "staff.token_rejected"
  | "helpdesk.temporary_password"
  | "helpdesk.correct_contact"
  | "helpdesk.registration_pass"
  | "me.password_change"
  | "watch.incident_raised"
  | "watch.incident_resolved"
  | "policy.change"
  | "policy.revert"
  | "setup.tenant_create"
  | "setup.tenant_update"
  | "setup.group_save"
  | "setup.group_delete"
  | "setup.group_nest"
  | "setup.group_unnest"
  | "setup.user_save"
  | "setup.membership_add"
  | "setup.membership_remove"
  | "setup.csv_import"
  | `fix.${FixId}`;

export type AuditEntry = {
  tenantId?: string | null;
  actorType: "user" | "staff" | "system" | "anonymous";
  actorId?: string | null;
  action: AuditAction;
  targetUserId?: string | null;
  outcome: "success" | "failure";
  code?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

export function audit(db: Store, at: Date, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      at: at.toISOString(),
      tenantId: entry.tenantId ?? null,
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetUserId: entry.targetUserId ?? null,
      outcome: entry.outcome,
      code: entry.code ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail ?? null,
    })
    .run();
}

export type AuditQuery = {
  /** A upn or id; a login we do not know is taken as a raw id (rows outlive deleted users). */
  user?: string;
  /** ISO time; entries at or after it. */
  since?: string;
  /** An exact action, or a prefix ending in `*` (`me.*`). */
  action?: string;
  /** Only the successes or only the failures. */
  outcome?: "success" | "failure";
  /** The `nextCursor` of the previous page. */
  cursor?: number;
  limit: number;
};

/**
 * Audit entries, newest first, one keyset page at a time.
 * @example queryAudit(db, { user: "bob.blocked@contoso.example", limit: 50 }).entries[0]?.action // "fix.clear_throttle"
 */
export function queryAudit(db: Db, q: AuditQuery) {
  const where: (SQL | undefined)[] = [];
  if (q.user !== undefined) where.push(eq(auditLog.targetUserId, findUser(db, q.user)?.id ?? q.user));
  if (q.since !== undefined) where.push(gte(auditLog.at, new Date(q.since).toISOString()));
  if (q.action !== undefined) {
    where.push(
      q.action.endsWith("*")
        ? sql`${auditLog.action} LIKE ${escapeLike(q.action.slice(0, -1)) + "%"} ESCAPE '\\'`
        : eq(auditLog.action, q.action),
    );
  }
  if (q.outcome !== undefined) where.push(eq(auditLog.outcome, q.outcome));
  if (q.cursor !== undefined) where.push(lt(auditLog.id, q.cursor));
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      action: auditLog.action,
      targetUserId: auditLog.targetUserId,
      targetUpn: users.upn,
      outcome: auditLog.outcome,
      code: auditLog.code,
      ip: auditLog.ip,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.targetUserId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1)
    .all();
  const entries = rows.slice(0, q.limit);
  return { entries, nextCursor: rows.length > q.limit ? entries.at(-1)!.id : undefined };
}

/**
 * The newest audit row of an action for a user after `since` (the reminder fix's
 * "sent in the last day").
 * @example lastAudit(db, "fix.send_registration_reminder", "usr-nina.noreg", dayAgo); // { at: "…", outcome: "success" }
 */
export function lastAudit(
  db: Store,
  action: AuditAction,
  userId: string,
  since: Date,
): { at: string; outcome: "success" | "failure" } | undefined {
  return db
    .select({ at: auditLog.at, outcome: auditLog.outcome })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetUserId, userId), gt(auditLog.at, since.toISOString())))
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
}
