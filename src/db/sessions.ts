/**
 * The session store: signed-in users' sessions, found by the SHA-256 of their token,
 * revoked on sign-out, and elevated for a few minutes by a step-up proof.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Store } from "./client";
import { sessions, users } from "./schema";

export const insertSession = (
  store: Store,
  row: { id: string; tokenHash: string; userId: string; createdAt: string; expiresAt: string },
) => void store.insert(sessions).values(row).run();

/** The live session of a token hash with its user's identity (undefined when revoked, expired or unknown). */
export function liveSession(store: Store, tokenHash: string, now: Date) {
  return store
    .select({
      sessionId: sessions.id,
      userId: users.id,
      tenantId: users.tenantId,
      upn: users.upn,
      displayName: users.displayName,
      expiresAt: sessions.expiresAt,
      elevatedUntil: sessions.elevatedUntil,
      enabled: users.enabled,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now.toISOString())),
    )
    .get();
}

export const revokeSession = (store: Store, sessionId: string, now: Date) =>
  void store
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .run();

export const elevateSession = (store: Store, sessionId: string, until: Date) =>
  void store.update(sessions).set({ elevatedUntil: until.toISOString() }).where(eq(sessions.id, sessionId)).run();
