/**
 * Staff console sessions: opened at /admin/sign-in, looked up on every /admin request,
 * revoked at sign-out. The cookie's session token is 256 random bits stored only as its
 * SHA-256 (secrets/token.ts: a fast hash is right for full-entropy secrets), so a copy
 * of the database opens no session, and a revoked row stops a copied cookie at once.
 */
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { newId, type Clock, type Random } from "../clock";
import { newToken, tokenHash } from "../secrets/token";
import type { Db } from "./client";
import { staffSessions } from "./schema";

/**
 * Open a session for the staff token with SHA-256 `credentialHash`, lasting `seconds`.
 * Sessions that have expired are deleted first: they can never open a page again, and
 * sign-ins, not a timer, are what make them pile up.
 * @example const { token } = openStaffSession(db, clock, random, tokenHash(staffToken), STAFF_SESSION_SECONDS)
 */
export function openStaffSession(
  db: Db,
  clock: Clock,
  random: Random,
  credentialHash: string,
  seconds: number,
): { token: string; expiresAt: string } {
  const token = newToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + seconds * 1000).toISOString();
  db.transaction((tx) => {
    tx.delete(staffSessions).where(lte(staffSessions.expiresAt, now.toISOString())).run();
    tx.insert(staffSessions)
      .values({
        id: newId(random, "ssn_"),
        tokenHash: tokenHash(token),
        credentialHash,
        createdAt: now.toISOString(),
        expiresAt,
      })
      .run();
  });
  return { token, expiresAt };
}

/** The staff-token hash a live (unexpired, unrevoked) session with this token stands for, or undefined. */
export function liveStaffSession(db: Db, clock: Clock, token: string): { credentialHash: string } | undefined {
  return db
    .select({ credentialHash: staffSessions.credentialHash })
    .from(staffSessions)
    .where(
      and(
        eq(staffSessions.tokenHash, tokenHash(token)),
        isNull(staffSessions.revokedAt),
        gt(staffSessions.expiresAt, clock.now().toISOString()),
      ),
    )
    .get();
}

/** Revoke the session with this token; false when there was no live one. */
export function revokeStaffSession(db: Db, clock: Clock, token: string): boolean {
  const res = db
    .update(staffSessions)
    .set({ revokedAt: clock.now().toISOString() })
    .where(and(eq(staffSessions.tokenHash, tokenHash(token)), isNull(staffSessions.revokedAt)))
    .run();
  return res.changes > 0;
}
