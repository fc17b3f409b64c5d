/**
 * Sessions of signed-in users — what lets a person register and manage their security
 * info. Sign-in checks the password with scrypt and answers an unknown login, a wrong
 * password and a disabled account with the same 401 after the same work (Better Auth's
 * rule: the same path, work and words). A session is a 256-bit token shown once (the
 * cookie), stored only as its SHA-256, valid SESSION_TTL_HOURS, revoked by sign-out
 * and by any completed reset (flows/complete.ts). Failed sign-ins are throttled per
 * account (known or not) and per IP, counted from the audit log, which already records
 * every attempt with its target, IP and outcome (docs/decisions/004).
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { newId } from "../clock";
import { audit } from "../db/audit";
import type { Db } from "../db/client";
import { sessions, users } from "../db/schema";
import { tenantIdOfLogin } from "../db/snapshots";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { decoyHash, verifySecret } from "../secrets/password-hash";
import { newToken, tokenHash } from "../secrets/token";

/** The cookie that carries the session token. */
export const SESSION_COOKIE = "sspr_session";
/** A working day: long enough to finish registering, short enough that a forgotten browser tab expires (OWASP session guidance). */
export const SESSION_TTL_HOURS = 8;
/** Failed sign-ins are counted over this sliding window. */
export const SIGN_IN_WINDOW_MINUTES = 15;
/** Per account: 10 guesses per 15 minutes is ~1,000 a day, hopeless against any password our policy accepts, and a typo-prone person never meets it. */
export const MAX_FAILED_SIGN_INS_PER_ACCOUNT = 10;
/** Per IP, across accounts: stops password spraying (one guess against many accounts) while leaving room for an office behind one NAT address. */
export const MAX_FAILED_SIGN_INS_PER_IP = 50;

/** Failure codes that count towards the limits (a refusal for being throttled does not, or the window would never end). */
const COUNTED = ["invalid_credentials", "account_disabled"] as const;

export type SessionUser = {
  sessionId: string;
  userId: string;
  tenantId: string;
  upn: string;
  displayName: string;
  expiresAt: string;
};
export type RequestCtx = { ip?: string; locale: "en" | "lv" };

/** One body for every refused sign-in: nothing in it tells an unknown login from a wrong password. */
const invalidCredentials = () => new AppError(401, "invalid_credentials", "The sign-in name or password is not right.");

type Counted = { n: number; oldest: string | null };

/**
 * Failed sign-ins in the window for an account (by user id, or by the typed login when
 * no such account exists, so unknown logins are throttled exactly like real ones), after
 * the account's last successful sign-in.
 */
function failuresForAccount(db: Db, since: string, who: { userId: string | null; login: string }): Counted {
  return db.$client
    .prepare(
      `SELECT count(*) AS n, min(at) AS oldest FROM audit_log
       WHERE action = 'me.sign_in' AND outcome = 'failure' AND code IN (${COUNTED.map((c) => `'${c}'`).join(",")}) AND at > @since
         AND (CASE WHEN @userId IS NULL THEN target_user_id IS NULL AND json_extract(detail, '$.login') = @login ELSE target_user_id = @userId END)
         AND id > coalesce((SELECT max(id) FROM audit_log WHERE action = 'me.sign_in' AND outcome = 'success' AND target_user_id = @userId), 0)`,
    )
    .get({ since, userId: who.userId, login: who.login }) as Counted;
}

function failuresForIp(db: Db, since: string, ip: string): Counted {
  return db.$client
    .prepare(
      `SELECT count(*) AS n, min(at) AS oldest FROM audit_log
       WHERE action = 'me.sign_in' AND outcome = 'failure' AND code IN (${COUNTED.map((c) => `'${c}'`).join(",")}) AND at > @since AND ip = @ip`,
    )
    .get({ since, ip }) as Counted;
}

/**
 * Sign in with login (the UPN) and password. Returns the session token — to be put in
 * the cookie and never stored — and the session.
 *
 * @example
 * const { token, session } = await signIn(deps, { login: "alex.healthy@contoso.example", password: "…" }, { locale: "en" });
 */
export async function signIn(deps: Deps, input: { login: string; password: string }, ctx: RequestCtx): Promise<{ token: string; session: SessionUser }> {
  const now = deps.clock.now();
  const login = input.login.trim().toLowerCase();
  // By UPN only (ids are internal, not a second name to guess), and always the same query:
  // an exact-match fast path would make unknown logins measurably slower.
  const user = deps.db.select().from(users).where(sql`lower(${users.upn}) = ${login}`).get();
  const tenantId = user?.tenantId ?? tenantIdOfLogin(deps.db, login);
  const entry = { tenantId, actorType: "anonymous" as const, action: "me.sign_in" as const, targetUserId: user?.id ?? null, ip: ctx.ip ?? null };
  const detail = user ? {} : { login };

  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000).toISOString();
  const account = failuresForAccount(deps.db, since, { userId: user?.id ?? null, login });
  const byIp = ctx.ip ? failuresForIp(deps.db, since, ctx.ip) : { n: 0, oldest: null };
  const tripped = account.n >= MAX_FAILED_SIGN_INS_PER_ACCOUNT ? account : byIp.n >= MAX_FAILED_SIGN_INS_PER_IP ? byIp : undefined;
  if (tripped) {
    audit(deps.db, now, { ...entry, outcome: "failure", code: "too_many_sign_in_attempts", detail: { ...detail, limit: tripped === account ? "account" : "ip" } });
    const freeAt = Date.parse(tripped.oldest ?? now.toISOString()) + SIGN_IN_WINDOW_MINUTES * 60_000;
    throw new AppError(429, "too_many_sign_in_attempts", `Too many failed sign-ins. Try again in ${SIGN_IN_WINDOW_MINUTES} minutes.`, {
      headers: { "Retry-After": String(Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000))) },
    });
  }

  // The same scrypt work for every login: a missing account or password checks a decoy.
  const matches = await verifySecret(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !matches) {
    audit(deps.db, now, { ...entry, outcome: "failure", code: "invalid_credentials", detail });
    throw invalidCredentials();
  }
  if (!user.enabled) {
    audit(deps.db, now, { ...entry, outcome: "failure", code: "account_disabled" });
    throw invalidCredentials();
  }

  const token = newToken();
  const session: SessionUser = {
    sessionId: newId(deps.random, "ses_"),
    userId: user.id,
    tenantId: user.tenantId,
    upn: user.upn,
    displayName: user.displayName,
    expiresAt: new Date(now.getTime() + SESSION_TTL_HOURS * 3_600_000).toISOString(),
  };
  deps.db.transaction((tx) => {
    tx.insert(sessions).values({ id: session.sessionId, tokenHash: tokenHash(token), userId: user.id, createdAt: now.toISOString(), expiresAt: session.expiresAt }).run();
    audit(tx as never, now, { ...entry, actorType: "user", actorId: user.id, outcome: "success", detail: { sessionId: session.sessionId } });
  });
  return { token, session };
}

/**
 * The live session a token belongs to: not revoked, not expired, its user still enabled.
 *
 * @example lookupSession(deps, getCookie(c, SESSION_COOKIE))?.upn
 */
export function lookupSession(deps: Deps, token: string | undefined): SessionUser | undefined {
  if (!token) return undefined;
  const now = deps.clock.now().toISOString();
  const row = deps.db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      tenantId: users.tenantId,
      upn: users.upn,
      displayName: users.displayName,
      expiresAt: sessions.expiresAt,
      enabled: users.enabled,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .get();
  if (!row || !row.enabled) return undefined;
  const { enabled: _enabled, ...session } = row;
  return session;
}

/**
 * Revoke a session (sign-out). Revoking twice is harmless.
 *
 * @example signOut(deps, session, { ip, locale: "en" })
 */
export function signOut(deps: Deps, session: SessionUser, ctx: RequestCtx): void {
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    tx.update(sessions).set({ revokedAt: now.toISOString() }).where(and(eq(sessions.id, session.sessionId), isNull(sessions.revokedAt))).run();
    audit(tx as never, now, { tenantId: session.tenantId, actorType: "user", actorId: session.userId, action: "me.sign_out", targetUserId: session.userId, outcome: "success", ip: ctx.ip, detail: { sessionId: session.sessionId } });
  });
}
