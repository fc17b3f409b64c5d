/**
 * The methods store: a user's registered methods and security answers, as registration
 * adds, proves and removes them, and the few user rows a notice or a confirmation reads
 * or writes. flows/ decides; this module only asks and writes.
 */
import { and, asc, eq, ne } from "drizzle-orm";
import type { Method } from "../domain/catalogue";
import type { Store } from "./client";
import { methods, securityAnswers, users } from "./schema";

export type MethodRow = typeof methods.$inferSelect;

/** A user's methods, oldest first. */
export const methodsOf = (store: Store, userId: string): MethodRow[] =>
  store
    .select()
    .from(methods)
    .where(eq(methods.userId, userId))
    .orderBy(asc(methods.registeredAt), asc(methods.id))
    .all();

/** One of the user's methods (another user's id answers like a missing one). */
export const methodOf = (store: Store, userId: string, methodId: string): MethodRow | undefined =>
  store
    .select()
    .from(methods)
    .where(and(eq(methods.id, methodId), eq(methods.userId, userId)))
    .get();

export const insertMethod = (store: Store, row: typeof methods.$inferInsert) =>
  void store.insert(methods).values(row).run();

/** Drop the user's unproven methods of a type (a new authenticator secret replaces a pending one). */
export const deletePending = (store: Store, userId: string, type: Method) =>
  void store
    .delete(methods)
    .where(and(eq(methods.userId, userId), eq(methods.type, type), eq(methods.verified, false)))
    .run();

export const deleteMethod = (store: Store, methodId: string) =>
  void store.delete(methods).where(eq(methods.id, methodId)).run();

export const markMethodVerified = (store: Store, methodId: string, totpLastStep?: number) =>
  void store
    .update(methods)
    .set({ verified: true, ...(totpLastStep !== undefined && { totpLastStep }) })
    .where(eq(methods.id, methodId))
    .run();

/** The ids of the questions a user answered. */
export const answeredQuestionIds = (store: Store, userId: string): string[] =>
  store
    .select({ id: securityAnswers.questionId })
    .from(securityAnswers)
    .where(eq(securityAnswers.userId, userId))
    .all()
    .map((r) => r.id);

/** The user's answer hashes by question id. */
export const answerHashes = (store: Store, userId: string): Map<string, string> =>
  new Map(
    store
      .select()
      .from(securityAnswers)
      .where(eq(securityAnswers.userId, userId))
      .all()
      .map((r) => [r.questionId, r.answerHash]),
  );

export const deleteAnswers = (store: Store, userId: string) =>
  void store.delete(securityAnswers).where(eq(securityAnswers.userId, userId)).run();

/** Replace all answers and keep one verified `security_questions` method (knowing the answers is its own proof). */
export function replaceAnswers(
  store: Store,
  userId: string,
  answers: { questionId: string; answerHash: string }[],
  now: string,
  newMethodId: () => string,
): void {
  deleteAnswers(store, userId);
  for (const a of answers)
    store
      .insert(securityAnswers)
      .values({ userId, questionId: a.questionId, answerHash: a.answerHash, createdAt: now })
      .run();
  const where = and(eq(methods.userId, userId), eq(methods.type, "security_questions"));
  if (store.select({ id: methods.id }).from(methods).where(where).all().length > 0)
    store.update(methods).set({ verified: true }).where(where).run();
  else
    store
      .insert(methods)
      .values({ id: newMethodId(), userId, type: "security_questions", verified: true, registeredAt: now })
      .run();
}

export const confirmRegistrationAt = (store: Store, userId: string, now: Date) =>
  void store.update(users).set({ registrationConfirmedAt: now.toISOString() }).where(eq(users.id, userId)).run();

/** The other users of a tenant (admin reset notices). */
export const otherUsersOfTenant = (store: Store, tenantId: string, userId: string) =>
  store
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), ne(users.id, userId)))
    .all();
