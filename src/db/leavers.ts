/**
 * A leaver's security info in the database: the registered methods and the hashed
 * security answers of one user, read for the remove_methods preview and deleted by its
 * apply (fixes/leavers.ts), so the fix itself stays free of SQL.
 */
import { eq } from "drizzle-orm";
import type { Store } from "./client";
import { methods, securityAnswers } from "./schema";

export type StoredMethod = { id: string; type: string; value: string | null };

/** The user's registered methods and how many security answers are stored. @example securityInfoOf(db, "usr-dana.disabled").methods.length; // 2 */
export function securityInfoOf(db: Store, userId: string): { methods: StoredMethod[]; answers: number } {
  const rows = db
    .select({ id: methods.id, type: methods.type, value: methods.value })
    .from(methods)
    .where(eq(methods.userId, userId))
    .all();
  const answers = db
    .select({ questionId: securityAnswers.questionId })
    .from(securityAnswers)
    .where(eq(securityAnswers.userId, userId))
    .all().length;
  return { methods: rows, answers };
}

/** Deletes every registered method and security answer of the user. @example removeSecurityInfo(tx, "usr-dana.disabled"); */
export function removeSecurityInfo(tx: Store, userId: string): void {
  tx.delete(methods).where(eq(methods.userId, userId)).run();
  tx.delete(securityAnswers).where(eq(securityAnswers.userId, userId)).run();
}
