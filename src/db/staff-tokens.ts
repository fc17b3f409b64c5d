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

/** A bearer request's two reads: the address's wrong tokens in the window, and the token itself. */
export type BearerCheck = {
  failures: { count: number; oldestAt?: string };
  token?: { id: string; name: string; role: StaffRole };
};

// Every staff API request runs this, so both reads are one statement, prepared once per
// connection and read as a raw row: the two drizzle statements it replaces cost a sixth
// of a simulate request's CPU (ADR 015). A null hash (a malformed header) matches no token.
const bearerReads = perDb((db) =>
  db.$client
    .prepare(
      `SELECT f.n, f.oldest, t.id, t.name, t.role
         FROM (SELECT count(*) AS n, min(at) AS oldest FROM staff_token_failures WHERE ip = @ip AND at > @since) f
         LEFT JOIN staff_tokens t ON t.token_hash = @hash AND t.revoked_at IS NULL`,
    )
    .raw(),
);

/**
 * The wrong staff tokens from `ip` after `since` (see staff-token-failures.ts) and the live
 * token with SHA-256 `hash`, read together.
 *
 * @example
 * checkBearer(db, { ip: "203.0.113.7", since: "2026-11-24T09:15:00.000Z", hash }); // { failures: { count: 0 }, token: { id: "tok_…", name: "support desk", role: "support" } }
 */
export function checkBearer(db: Db, q: { ip: string; since: string; hash: string | null }): BearerCheck {
  const [n, oldest, id, name, role] = bearerReads(db).get(q) as [
    number,
    string | null,
    string | null,
    string | null,
    StaffRole | null,
  ];
  return {
    failures: oldest === null ? { count: n } : { count: n, oldestAt: oldest },
    ...(id !== null && { token: { id, name: name!, role: role! } }),
  };
}

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
