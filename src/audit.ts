/**
 * The audit log: every step, success or failure, with actor, target, outcome, code
 * and IP. Rows are append-only (a migration's triggers refuse UPDATE and DELETE).
 */
import type { Db } from "./db/client";
import { auditLog } from "./db/schema";

export type AuditEntry = {
  tenantId?: string | null;
  actorType: "user" | "staff" | "system" | "anonymous";
  actorId?: string | null;
  action: string;
  targetUserId?: string | null;
  outcome: "success" | "failure";
  code?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

export function audit(db: Db, at: Date, entry: AuditEntry): void {
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
