/**
 * The reset-flow store: flow rows (the persisted state machine), their one-time codes,
 * the registered contacts and authenticator a flow checks against, and what a new
 * password is checked with. Every query the reset flow runs lives here; flows/ decides.
 */
import { and, desc, eq, isNull, notInArray, or, lt, sql } from "drizzle-orm";
import type { Method } from "../domain/catalogue";
import type { Store } from "./client";
import { methods, passwordHistory, policies, resetFlows, sessions, tenants, users, verificationCodes } from "./schema";

export type Flow = typeof resetFlows.$inferSelect;
export type NewFlow = typeof resetFlows.$inferInsert;
export type FlowAttempt = NonNullable<Flow["attempt"]>;

export const insertFlow = (store: Store, row: NewFlow) => void store.insert(resetFlows).values(row).run();

export const flowById = (store: Store, id: string): Flow | undefined =>
  store.select().from(resetFlows).where(eq(resetFlows.id, id)).get();

export const setQuestionIds = (store: Store, id: string, ids: string[]) =>
  void store.update(resetFlows).set({ questionIds: ids }).where(eq(resetFlows.id, id)).run();

export const setVerified = (store: Store, id: string, verified: string[], done: boolean) =>
  void store
    .update(resetFlows)
    .set({ verifiedMethods: verified, state: done ? "verified" : "started" })
    .where(eq(resetFlows.id, id))
    .run();

/** The flow's last failed step: what the snapshot's `attempt` reads. */
export const recordAttempt = (store: Store, id: string, attempt: FlowAttempt, now: Date) =>
  void store.update(resetFlows).set({ attempt, attemptAt: now.toISOString() }).where(eq(resetFlows.id, id)).run();

/** Take the flow from verified to completing; false when another request got there first. */
export const claimFlow = (store: Store, id: string): boolean =>
  store
    .update(resetFlows)
    .set({ state: "completing" })
    .where(and(eq(resetFlows.id, id), eq(resetFlows.state, "verified")))
    .run().changes === 1;

export const releaseFlow = (store: Store, id: string) =>
  void store
    .update(resetFlows)
    .set({ state: "verified" })
    .where(and(eq(resetFlows.id, id), eq(resetFlows.state, "completing")))
    .run();

export const markCompleted = (store: Store, id: string, now: Date) =>
  void store
    .update(resetFlows)
    .set({ state: "completed", completedAt: now.toISOString() })
    .where(eq(resetFlows.id, id))
    .run();

/** The verified values a user registered for a contact method. */
export function verifiedContacts(store: Store, userId: string, method: Method): string[] {
  return store
    .select({ value: methods.value })
    .from(methods)
    .where(and(eq(methods.userId, userId), eq(methods.type, method), eq(methods.verified, true)))
    .all()
    .flatMap((m) => (m.value === null ? [] : [m.value]));
}

/** The user's verified authenticator (either app method type), if any. */
export function verifiedApp(
  store: Store,
  userId: string,
): { id: string; totpSecret: string; totpLastStep: number | null } | undefined {
  const row = store
    .select({ id: methods.id, totpSecret: methods.totpSecret, totpLastStep: methods.totpLastStep })
    .from(methods)
    .where(
      and(
        eq(methods.userId, userId),
        eq(methods.verified, true),
        or(eq(methods.type, "authenticator_code"), eq(methods.type, "authenticator_notification")),
      ),
    )
    .all()
    .find((m) => m.totpSecret);
  return row && { id: row.id, totpSecret: row.totpSecret!, totpLastStep: row.totpLastStep };
}

/** Spend a TOTP step: true only when no equal or later step was accepted before (single use under concurrency). */
export const spendTotpStep = (store: Store, methodId: string, step: number): boolean =>
  store
    .update(methods)
    .set({ totpLastStep: step })
    .where(and(eq(methods.id, methodId), or(isNull(methods.totpLastStep), lt(methods.totpLastStep, step))))
    .run().changes === 1;

/** Store a hashed code, superseding every earlier unused code of this flow and method. */
export function storeCode(
  store: Store,
  row: { id: string; flowId: string; method: Method; codeHash: string; now: Date; expiresAt: Date },
): void {
  store
    .update(verificationCodes)
    .set({ supersededAt: row.now.toISOString() })
    .where(
      and(
        eq(verificationCodes.flowId, row.flowId),
        eq(verificationCodes.method, row.method),
        isNull(verificationCodes.usedAt),
        isNull(verificationCodes.supersededAt),
      ),
    )
    .run();
  store
    .insert(verificationCodes)
    .values({
      id: row.id,
      flowId: row.flowId,
      method: row.method,
      codeHash: row.codeHash,
      createdAt: row.now.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    })
    .run();
}

/** The newest code of a flow and method that nothing superseded. */
export const liveCode = (store: Store, flowId: string, method: Method) =>
  store
    .select()
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.flowId, flowId),
        eq(verificationCodes.method, method),
        isNull(verificationCodes.supersededAt),
      ),
    )
    .orderBy(desc(verificationCodes.createdAt))
    .get();

/** Mark a code used; false when someone else used it first. */
export const consumeCode = (store: Store, codeId: string, now: Date): boolean =>
  store
    .update(verificationCodes)
    .set({ usedAt: now.toISOString() })
    .where(and(eq(verificationCodes.id, codeId), isNull(verificationCodes.usedAt)))
    .run().changes === 1;

/** Retire every unused code of a pseudo-flow (a registration whose method was removed). */
export const supersedeCodes = (store: Store, flowId: string, now: Date) =>
  void store
    .update(verificationCodes)
    .set({ supersededAt: now.toISOString() })
    .where(
      and(
        eq(verificationCodes.flowId, flowId),
        isNull(verificationCodes.usedAt),
        isNull(verificationCodes.supersededAt),
      ),
    )
    .run();

export type UserRow = typeof users.$inferSelect;
export const userById = (store: Store, id: string): UserRow | undefined =>
  store.select().from(users).where(eq(users.id, id)).get();

/** What a new password is checked against besides the user: the tenant's name and banned words. */
export function passwordContext(store: Store, tenantId: string): { tenantName: string; bannedWords: string[] } {
  const tenant = store.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)).get();
  const policy = store
    .select({ banned: policies.bannedWords })
    .from(policies)
    .where(eq(policies.tenantId, tenantId))
    .get();
  return { tenantName: tenant?.name ?? "", bannedWords: policy?.banned ?? [] };
}

/** The current password hash and the last `n` before it, newest first. */
export function recentPasswordHashes(store: Store, user: UserRow, n: number): string[] {
  const history = store
    .select({ hash: passwordHistory.hash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, user.id))
    .orderBy(desc(passwordHistory.id))
    .limit(n)
    .all();
  return [user.passwordHash, ...history.map((h) => h.hash)].filter((h): h is string => Boolean(h));
}

/** Push the user's current password hash to history, keeping the newest `keep`. */
export function keepInHistory(store: Store, user: UserRow, now: Date, keep: number): void {
  if (user.passwordHash)
    store
      .insert(passwordHistory)
      .values({ userId: user.id, hash: user.passwordHash, createdAt: now.toISOString() })
      .run();
  const kept = store
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, user.id))
    .orderBy(desc(passwordHistory.id))
    .limit(keep)
    .all()
    .map((r) => r.id);
  store
    .delete(passwordHistory)
    .where(and(eq(passwordHistory.userId, user.id), notInArray(passwordHistory.id, kept.length ? kept : [-1])))
    .run();
}

/** Set a new password: push the old one to history (keeping `keep`), revoke every session. */
export function setPassword(
  store: Store,
  user: UserRow,
  newHash: string,
  now: Date,
  keep: number,
  unlocked: boolean,
): void {
  keepInHistory(store, user, now, keep);
  store
    .update(users)
    .set({
      passwordHash: newHash,
      passwordLastSetAt: now.toISOString(),
      // A password the person chose ends a helpdesk temporary one's "change at first sign-in".
      mustChangePassword: false,
      ...(unlocked && { onPremLockedOut: false }),
    })
    .where(eq(users.id, user.id))
    .run();
  store
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)))
    .run();
}

export const clearOnPremLockout = (store: Store, userId: string) =>
  void store.update(users).set({ onPremLockedOut: false }).where(eq(users.id, userId)).run();

/** A user found by sign-in name, case-insensitively (the index on lower(upn)). */
export const userByLogin = (store: Store, login: string): UserRow | undefined =>
  store
    .select()
    .from(users)
    .where(sql`lower(${users.upn}) = ${login.trim().toLowerCase()}`)
    .get();
