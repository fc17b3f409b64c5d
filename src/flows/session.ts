/**
 * Sessions of signed-in users — what lets a person register and manage their security
 * info. Sign-in checks the password with scrypt and answers an unknown login, a wrong
 * password and a disabled account with the same 401 after the same work (Better Auth's
 * rule: the same path, work and words). A session is a 256-bit token shown once (the
 * cookie), stored only as its SHA-256, valid SESSION_TTL_HOURS, revoked by sign-out
 * and by any completed reset (flows/complete.ts). Failed sign-ins are throttled per login
 * (known or not, keyed by its hash) and per IP through the throttle registry
 * (domain/throttle.ts): each attempt is reserved BEFORE the scrypt work, so parallel
 * guesses cannot outrun the limit; a success forgets the login's failures. A user whose
 * password was set by the helpdesk (a temporary one) must choose a new one here: the
 * right temporary password alone answers 403 password_change_required; with
 * `newPassword` (checked like a reset's: policy, history, and written back to the
 * on-premises directory of a synced account) it is replaced, and the temporary one stops
 * working; refused choices spend the account's `password_choice` budget, and over it the
 * choice is refused (429) before any check runs. A temporary password unused after
 * TEMPORARY_PASSWORD_TTL_HOURS answers like a wrong one. The pass sign-in spends the same
 * per-login and per-IP budgets.
 */
import { newId } from "../clock";
import { audit, type AuditEntry } from "../db/audit";
import { inTransaction, type Tx } from "../db/client";
import { forget, release, reserve, type Charge } from "../db/throttle";
import { accountKey, BUDGETS, ipKey, loginKey } from "../domain/throttle";
import { userByLogin } from "../db/reset-flows";
import { elevateSession, insertSession, liveSession, revokeSession } from "../db/sessions";
import { tenantIdOfLogin } from "../db/snapshots";
import type { Deps } from "../deps";
import { AppError, type AppErrorExtra } from "../errors";
import { claimRegistrationPass, setChosenPassword } from "../db/helpdesk-actions";
import { passwordContext, recentPasswordHashes } from "../db/reset-flows";
import { checkNewPassword, PASSWORD_HISTORY_COUNT } from "../domain/password";
import type { FindingCode } from "../domain/catalogue";
import { decoyHash, hashSecret, verifySecret } from "../secrets/password-hash";
import { newToken, tokenHash } from "../secrets/token";

/** The cookie that carries the session token. */
export const SESSION_COOKIE = "sspr_session";
/** A working day: long enough to finish registering, short enough that a forgotten browser tab expires (OWASP session guidance). */
export const SESSION_TTL_HOURS = 8;
/** Failed sign-ins are counted over this sliding window (the registry's `sign_in_account`). */
export const SIGN_IN_WINDOW_MINUTES = BUDGETS.sign_in_account.windowMs / 60_000;
export const MAX_FAILED_SIGN_INS_PER_ACCOUNT = BUDGETS.sign_in_account.max;
export const MAX_FAILED_SIGN_INS_PER_IP = BUDGETS.sign_in_ip.max;
/**
 * How long a helpdesk's temporary password signs in: it is read out on a call and meant
 * for the same day; one left unused (in a ticket, a chat, a note) must not stay a way in.
 */
export const TEMPORARY_PASSWORD_TTL_HOURS = 24;

/** When a temporary password set at `setAt` stops signing in. */
export const temporaryPasswordExpiry = (setAt: string | Date) =>
  new Date(new Date(setAt).getTime() + TEMPORARY_PASSWORD_TTL_HOURS * 3_600_000);

export type SessionUser = {
  sessionId: string;
  userId: string;
  tenantId: string;
  upn: string;
  displayName: string;
  expiresAt: string;
  /** Until when the session proved an existing method again (flows/step-up.ts). */
  elevatedUntil?: string;
};
export type RequestCtx = { ip?: string; locale: "en" | "lv" };

/** One body for every refused sign-in: nothing in it tells an unknown login from a wrong password. */
const invalidCredentials = () => new AppError(401, "invalid_credentials", "The sign-in name or password is not right.");

/**
 * Who a sign-in names, and what every audit row of it says: the tenant (of the user, or
 * of the login's domain when no user has it), the target and the address.
 */
function signInSubject(deps: Deps, rawLogin: string, ctx: RequestCtx) {
  const login = rawLogin.trim().toLowerCase();
  // By UPN only (ids are internal, not a second name to guess), and always the same query:
  // an exact-match fast path would make unknown logins measurably slower.
  const user = userByLogin(deps.db, login);
  const entry = {
    tenantId: user?.tenantId ?? tenantIdOfLogin(deps.db, login),
    action: "me.sign_in" as const,
    targetUserId: user?.id ?? null,
    ip: ctx.ip ?? null,
  };
  return { login, user, entry };
}

/**
 * Count this attempt as a failed sign-in of the login (and the address) before any
 * secret is checked, so parallel guesses cannot outrun the limit; both sign-ins (password
 * and pass) spend the same budgets. Over a limit: audited, and 429 with Retry-After.
 */
function reserveSignIn(
  deps: Deps,
  { login, user, entry }: ReturnType<typeof signInSubject>,
  ctx: RequestCtx,
  now: Date,
  detail: Record<string, unknown>,
): { ids: number[]; key: string } {
  const key = loginKey(login);
  const charges: Charge[] = [
    { budget: "sign_in_account", key },
    ...(ctx.ip ? [{ budget: "sign_in_ip" as const, key: ipKey(ctx.ip) }] : []),
  ];
  const reserved = reserve(deps.db, charges, { userId: user?.id ?? null }, now);
  if (reserved.ok) return { ids: reserved.ids, key };
  audit(deps.db, now, {
    ...entry,
    actorType: "anonymous",
    outcome: "failure",
    code: "too_many_sign_in_attempts",
    detail: { ...detail, limit: reserved.budget === "sign_in_account" ? "account" : "ip" },
  });
  const freeAt = Date.parse(reserved.counted.oldest ?? now.toISOString()) + BUDGETS[reserved.budget].windowMs;
  throw new AppError(
    429,
    "too_many_sign_in_attempts",
    `Too many failed sign-ins. Try again in ${SIGN_IN_WINDOW_MINUTES} minutes.`,
    { headers: { "Retry-After": String(Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000))) } },
  );
}

type Opened = { token: string; session: SessionUser };

/** A new session for `user`: the token (for the cookie, never stored) and the session it opens. */
function newSession(
  deps: Deps,
  user: { id: string; tenantId: string; upn: string; displayName: string },
  now: Date,
): Opened {
  return {
    token: newToken(),
    session: {
      sessionId: newId(deps.random, "ses_"),
      userId: user.id,
      tenantId: user.tenantId,
      upn: user.upn,
      displayName: user.displayName,
      expiresAt: new Date(now.getTime() + SESSION_TTL_HOURS * 3_600_000).toISOString(),
    },
  };
}

/** Store a session (its token only as a hash) and audit the sign-in that opened it, in the caller's transaction. */
function storeSession(
  tx: Tx,
  { token, session }: Opened,
  now: Date,
  entry: Pick<AuditEntry, "tenantId" | "action" | "targetUserId" | "ip">,
  detail: Record<string, unknown> = {},
): void {
  insertSession(tx, {
    id: session.sessionId,
    tokenHash: tokenHash(token),
    userId: session.userId,
    createdAt: now.toISOString(),
    expiresAt: session.expiresAt,
  });
  audit(tx, now, {
    ...entry,
    actorType: "user",
    actorId: session.userId,
    outcome: "success",
    detail: { sessionId: session.sessionId, ...detail },
  });
}

/**
 * Sign in with login (the UPN) and password. Returns the session token — to be put in
 * the cookie and never stored — and the session.
 *
 * @example
 * const { token, session } = await signIn(deps, { login: "alex.healthy@contoso.example", password: "…" }, { locale: "en" });
 */
export async function signIn(
  deps: Deps,
  input: { login: string; password: string; newPassword?: string },
  ctx: RequestCtx,
): Promise<{ token: string; session: SessionUser }> {
  const now = deps.clock.now();
  const subject = signInSubject(deps, input.login, ctx);
  const { login, user } = subject;
  const entry = { ...subject.entry, actorType: "anonymous" as const };
  const detail = user ? {} : { login };

  // Reserved as a failure before the hash work; a success un-counts it and forgets the login's failures.
  const reserved = reserveSignIn(deps, subject, ctx, now, detail);
  const key = reserved.key;

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
  if (user.mustChangePassword) {
    // Expired answers as a wrong password would, and stays counted: after a day it is no longer the person's.
    if (!user.passwordLastSetAt || temporaryPasswordExpiry(user.passwordLastSetAt) <= now) {
      audit(deps.db, now, { ...entry, outcome: "failure", code: "temporary_password_expired" });
      throw invalidCredentials();
    }
    await chooseOwnPassword(deps, user, input, entry, reserved.ids, now);
  }

  const opened = newSession(deps, user, now);
  inTransaction(deps.db, (tx) => {
    release(tx, reserved.ids);
    forget(tx, "sign_in_account", key);
    storeSession(tx, opened, now, entry);
  });
  return opened;
}

/**
 * The person replaces a right, unexpired temporary password with their own: checked as a
 * reset checks it (policy, banned words, the last PASSWORD_HISTORY_COUNT passwords) and
 * written back to the directory of a synced account before anything is stored here, so a
 * refusal changes nothing. The right temporary password is not a failed guess: every
 * refusal un-counts it. The choice itself is counted (`password_choice`) before the checks
 * and un-counted only when it is taken.
 */
async function chooseOwnPassword(
  deps: Deps,
  user: NonNullable<ReturnType<typeof userByLogin>>,
  input: { password: string; newPassword?: string },
  entry: Pick<AuditEntry, "tenantId" | "action" | "targetUserId" | "ip" | "actorType">,
  reservedIds: number[],
  now: Date,
): Promise<void> {
  const refuse = (
    code: FindingCode | "password_change_required" | "invalid_request" | "too_many_password_choices",
    status: number,
    why: string,
    field?: string,
    more: { detail?: Record<string, unknown>; extra?: AppErrorExtra } = {},
  ) => {
    inTransaction(deps.db, (tx) => {
      release(tx, reservedIds);
      audit(tx, now, { ...entry, outcome: "failure", code, ...(more.detail && { detail: more.detail }) });
    });
    return new AppError(status, code, why, { ...(field && { field }), ...more.extra });
  };
  const { newPassword } = input;
  if (newPassword === undefined)
    throw refuse(
      "password_change_required",
      403,
      "This is a temporary password. Send newPassword with it to choose your own and sign in.",
    );
  // Counted before the checks, kept when they refuse: a refused choice costs up to six scrypt checks.
  const choice = reserve(deps.db, [{ budget: "password_choice", key: accountKey(user.id) }], { userId: null }, now);
  if (!choice.ok) {
    const retryAt = new Date(Date.parse(choice.counted.oldest ?? now.toISOString()) + BUDGETS.password_choice.windowMs);
    const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    throw refuse(
      "too_many_password_choices",
      429,
      `${BUDGETS.password_choice.max} refused choices of a new password in an hour. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      undefined,
      {
        detail: { step: "choose_password", budget: "password_choice", retryAt: retryAt.toISOString() },
        extra: { body: { retryAt: retryAt.toISOString() }, headers: { "Retry-After": String(seconds) } },
      },
    );
  }
  const { tenantName, bannedWords } = passwordContext(deps.db, user.tenantId);
  const verdict = checkNewPassword(newPassword, {
    upn: user.upn,
    displayName: user.displayName,
    tenantName,
    bannedWords,
  });
  if (!verdict.ok) throw refuse(verdict.code, 400, `newPassword: ${verdict.reason}`, "newPassword");
  if (newPassword === input.password)
    throw refuse("invalid_request", 400, "newPassword: choose a password other than the temporary one.", "newPassword");
  // The temporary one and the person's own before it (setTemporaryPassword keeps that in history).
  const previous = recentPasswordHashes(deps.db, user, PASSWORD_HISTORY_COUNT - 1);
  if ((await Promise.all(previous.map((h) => verifySecret(newPassword, h)))).some(Boolean))
    throw refuse(
      "password_recently_used",
      400,
      `newPassword: choose a password you have not used for your last ${PASSWORD_HISTORY_COUNT} passwords.`,
      "newPassword",
    );
  const hash = await hashSecret(newPassword);
  if (user.source === "synced") {
    // As a reset does: the directory that masters the account takes the password first.
    const written = await deps.writeback.write({
      tenantId: user.tenantId,
      userId: user.id,
      upn: user.upn,
      newPassword,
      unlock: false,
    });
    if (!written.ok) {
      const mine = written.code === "onprem_password_policy_rejected" || written.code === "onprem_min_password_age";
      throw refuse(
        written.code as FindingCode,
        mine ? 400 : 502,
        mine ? `newPassword: ${written.detail}` : written.detail,
        mine ? "newPassword" : undefined,
      );
    }
  }
  inTransaction(deps.db, (tx) => {
    release(tx, choice.ids);
    setChosenPassword(tx, user.id, hash, now);
    audit(tx, now, {
      ...entry,
      actorType: "user",
      actorId: user.id,
      action: "me.password_change",
      outcome: "success",
      detail: { writeback: user.source === "synced" },
    });
  });
}

/**
 * Sign in once with a helpdesk registration pass (flows/helpdesk.ts) instead of a
 * password, to register security info. The pass is claimed atomically: unknown, expired,
 * used or someone else's all answer the same 401, and each such try counts against the
 * same per-login and per-IP sign-in budgets as a wrong password.
 *
 * @example await signInWithPass(deps, { login: "nina.noreg@contoso.example", pass: "sspr_…" }, { locale: "en" })
 */
export async function signInWithPass(
  deps: Deps,
  input: { login: string; pass: string },
  ctx: RequestCtx,
): Promise<{ token: string; session: SessionUser }> {
  const now = deps.clock.now();
  const subject = signInSubject(deps, input.login, ctx);
  const { user, entry } = subject;
  const via = { via: "registration_pass" };
  const reserved = reserveSignIn(deps, subject, ctx, now, via);
  const opened = user && newSession(deps, user, now);
  const ok = inTransaction(deps.db, (tx) => {
    // The same claim for every login (no user or a disabled one claims for nobody): the same work and words.
    const claimant = user?.enabled ? user.id : "";
    if (!opened || !claimRegistrationPass(tx, tokenHash(input.pass), claimant, now)) {
      audit(tx, now, {
        ...entry,
        actorType: "anonymous",
        outcome: "failure",
        code: "invalid_credentials",
        detail: user ? via : { ...via, login: subject.login },
      });
      return false;
    }
    release(tx, reserved.ids);
    forget(tx, "sign_in_account", reserved.key);
    storeSession(tx, opened, now, entry, via);
    return true;
  });
  if (!ok || !opened) throw invalidCredentials();
  return opened;
}

/**
 * The live session a token belongs to: not revoked, not expired, its user still enabled.
 *
 * @example lookupSession(deps, getCookie(c, SESSION_COOKIE))?.upn
 */
export function lookupSession(deps: Deps, token: string | undefined): SessionUser | undefined {
  if (!token) return undefined;
  const row = liveSession(deps.db, tokenHash(token), deps.clock.now());
  if (!row || !row.enabled) return undefined;
  const { enabled: _enabled, elevatedUntil, ...session } = row;
  return { ...session, ...(elevatedUntil && { elevatedUntil }) };
}

/**
 * Revoke a session (sign-out). Revoking twice is harmless.
 *
 * @example signOut(deps, session, { ip, locale: "en" })
 */
export function signOut(deps: Deps, session: SessionUser, ctx: RequestCtx): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    revokeSession(tx, session.sessionId, now);
    audit(tx, now, {
      tenantId: session.tenantId,
      actorType: "user",
      actorId: session.userId,
      action: "me.sign_out",
      targetUserId: session.userId,
      outcome: "success",
      ip: ctx.ip,
      detail: { sessionId: session.sessionId },
    });
  });
}

/** Mark the session as having proved an existing method again, until `until` (flows/step-up.ts). */
export const elevate = (deps: Deps, session: SessionUser, until: Date) =>
  elevateSession(deps.db, session.sessionId, until);
