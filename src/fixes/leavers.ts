/**
 * Leavers: a disabled account whose security info is still registered keeps recovery
 * channels (a phone, a private mailbox) that someone else may now hold, and a re-enabled
 * account would reset through them. Removing them is a change to our own rows — the
 * methods and the hashed security answers — proved by methods_kept_after_leave clearing.
 */
import { eq } from "drizzle-orm";
import { methods, securityAnswers } from "../db/schema";
import { automaticFix, type Change, type Plan } from "./definition";
import { NO_PARAMS } from "./params";

export const removeMethods = automaticFix({
  id: "remove_methods",
  scope: "user",
  automatic: true,
  proof: "finding_cleared",
  params: NO_PARAMS,
  plan(ctx): Plan {
    const user = ctx.user!;
    const db = ctx.deps.db;
    const rows = db.select({ id: methods.id, type: methods.type, value: methods.value }).from(methods).where(eq(methods.userId, user.id)).all();
    const answers = db.select({ questionId: securityAnswers.questionId }).from(securityAnswers).where(eq(securityAnswers.userId, user.id)).all();
    // Only a leaver's: an enabled account's methods are how its owner resets.
    if (user.snapshot.user?.enabled !== false) return { changes: [], params: {}, write() {}, refusal: { reason: "account_enabled", detail: `${user.upn} is enabled: their security info is how they reset, so it stays.` } };
    const changes: Change[] = [
      ...rows.map((m): Change => ({ entity: "user", key: user.id, field: `methods.${m.id}`, before: m.value === null ? m.type : `${m.type} ${m.value}`, after: null })),
      ...(answers.length ? [{ entity: "user", key: user.id, field: "securityAnswers", before: answers.length, after: 0 } satisfies Change] : []),
    ];
    return {
      params: {},
      changes,
      write(tx) {
        tx.delete(methods).where(eq(methods.userId, user.id)).run();
        tx.delete(securityAnswers).where(eq(securityAnswers.userId, user.id)).run();
      },
    };
  },
});
