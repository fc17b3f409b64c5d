/**
 * Helpdesk actions' writes: a temporary password set on a user's behalf (hashed by the
 * caller), which also marks that the next sign-in must choose a new one. The person's own
 * password before it goes to history (it may be the one an attacker knows, so it must not
 * come back as the new choice); the temporary one never does: it was never their choice.
 * And a corrected phone number or email of a registered method, and one-time passes to
 * sign in once and register security info (kept as hashes, claimed atomically).
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Store } from "./client";
import { methods, registrationPasses, sessions, users } from "./schema";
import { keepInHistory, type UserRow } from "./reset-flows";

/** Set a temporary password hash, require a change at the next sign-in, and end the user's live sessions. */
export function setTemporaryPassword(store: Store, user: UserRow, hash: string, now: Date, keep: number): void {
  // A second temporary password replaces the first; only a password the person chose is history.
  if (!user.mustChangePassword) keepInHistory(store, user, now, keep);
  const userId = user.id;
  store
    .update(users)
    .set({ passwordHash: hash, passwordLastSetAt: now.toISOString(), mustChangePassword: true })
    .where(eq(users.id, userId))
    .run();
  // Whoever was signed in with the old password is signed out: the helpdesk reset is a takeover answer too.
  store
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .run();
}

/** The user chose a new password at first sign-in: store it and clear the flag. */
export function setChosenPassword(store: Store, userId: string, hash: string, now: Date): void {
  store
    .update(users)
    .set({ passwordHash: hash, passwordLastSetAt: now.toISOString(), mustChangePassword: false })
    .where(eq(users.id, userId))
    .run();
}

/** Correct a registered method's contact value (validated by the caller). */
export function correctMethodValue(store: Store, userId: string, methodId: string, value: string): void {
  store
    .update(methods)
    .set({ value })
    .where(and(eq(methods.id, methodId), eq(methods.userId, userId)))
    .run();
}

/** Keep a registration pass (its hash only). */
export const insertRegistrationPass = (store: Store, row: typeof registrationPasses.$inferInsert) =>
  void store.insert(registrationPasses).values(row).run();

/**
 * Use a pass: one UPDATE that marks it used only if it is the user's, unused and unexpired,
 * so two sign-ins racing with the same pass cannot both succeed.
 */
export function claimRegistrationPass(store: Store, passHash: string, userId: string, now: Date): boolean {
  const claimed = store
    .update(registrationPasses)
    .set({ usedAt: now.toISOString() })
    .where(
      and(
        eq(registrationPasses.passHash, passHash),
        eq(registrationPasses.userId, userId),
        isNull(registrationPasses.usedAt),
        gt(registrationPasses.expiresAt, now.toISOString()),
      ),
    )
    .returning({ id: registrationPasses.id })
    .get();
  return claimed !== undefined;
}
