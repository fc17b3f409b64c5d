/**
 * Staff tokens: created (shown once), listed and revoked. Only the SHA-256 of a token
 * is stored; see secrets/token.ts for why a fast hash is right for 256-bit secrets.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { newId, type Clock, type Random } from "../clock";
import type { StaffRole } from "../domain/staff";
import { newToken, tokenHash } from "../secrets/token";
import type { Db } from "./client";
import { perDb } from "./prepared";
import { staffTokens } from "./schema";

export function createStaffToken(db: Db, random: Random, role: StaffRole, name: string): { id: string; token: string } {
  const token = newToken();
  const id = newId(random, "tok_").slice(0, 16);
  db.insert(staffTokens)
    .values({ id, name, role, tokenHash: tokenHash(token) })
    .run();
  return { id, token };
}

export function revokeStaffToken(db: Db, clock: Clock, id: string): boolean {
  const res = db
    .update(staffTokens)
    .set({ revokedAt: clock.now().toISOString() })
    .where(and(eq(staffTokens.id, id), isNull(staffTokens.revokedAt)))
    .run();
  return res.changes > 0;
}

// Runs on every staff request: prepared once per connection.
const activeByHash = perDb((db) =>
  db
    .select({ id: staffTokens.id, name: staffTokens.name, role: staffTokens.role })
    .from(staffTokens)
    .where(and(eq(staffTokens.tokenHash, sql.placeholder("hash")), isNull(staffTokens.revokedAt)))
    .prepare(),
);

/** The live (unrevoked) token with this SHA-256, or undefined. */
export function activeStaffToken(db: Db, hash: string): { id: string; name: string; role: StaffRole } | undefined {
  return activeByHash(db).get({ hash });
}

export function listStaffTokens(db: Db) {
  return db
    .select({ id: staffTokens.id, name: staffTokens.name, role: staffTokens.role, revokedAt: staffTokens.revokedAt })
    .from(staffTokens)
    .all();
}
