/**
 * User rows as staff and fixes see them: finding users by what staff type (part of the
 * sign-in name or display name, taken literally with LIKE's % and _ escaped,
 * case-insensitive, in upn order with a keyset cursor), and one user's stored row.
 */
import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import type { Db, Store } from "./client";
import { users } from "./schema";

/** `text` escaped for a LIKE … ESCAPE '\' pattern, so the user's % and _ mean themselves. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (m) => "\\" + m);

export type UserSummary = { id: string; upn: string; displayName: string };

/**
 * @example searchUsers(db, { q: "oscar", limit: 50 }) // { users: [{ id: "usr-oscar.outside", … }] }
 */
export function searchUsers(
  db: Db,
  o: { q: string; limit: number; cursor?: string },
): { users: UserSummary[]; nextCursor?: string } {
  const q = o.q.trim();
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  const match = q
    ? or(
        sql`lower(${users.upn}) LIKE ${pattern} ESCAPE '\\'`,
        sql`lower(${users.displayName}) LIKE ${pattern} ESCAPE '\\'`,
      )
    : undefined;
  const rows = db
    .select({ id: users.id, upn: users.upn, displayName: users.displayName })
    .from(users)
    .where(and(match, o.cursor ? gt(users.upn, o.cursor) : undefined))
    .orderBy(asc(users.upn))
    .limit(o.limit + 1)
    .all();
  const page = rows.slice(0, o.limit);
  return rows.length > o.limit ? { users: page, nextCursor: page.at(-1)!.upn } : { users: page };
}

export type UserRow = typeof users.$inferSelect;

/** The user's stored row. @example userRow(db, "usr-dana.disabled")?.enabled; // false */
export function userRow(store: Store, userId: string): UserRow | undefined {
  return store.select().from(users).where(eq(users.id, userId)).get();
}

/**
 * The user's account flags the fixes change: enabled, licence, the on-premises lockout.
 * @example updateUserAccount(tx, "usr-dana.disabled", { enabled: true });
 */
export function updateUserAccount(
  store: Store,
  userId: string,
  set: Partial<Pick<typeof users.$inferInsert, "enabled" | "license" | "onPremLockedOut">>,
): void {
  store.update(users).set(set).where(eq(users.id, userId)).run();
}
