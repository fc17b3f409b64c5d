/**
 * The staff console session of the /admin pages. Signing in with a staff token opens a
 * server-side session (db/staff-sessions.ts): the `sspr_staff` cookie carries a fresh
 * random session token — never the staff token, so a leaked cookie is not an API
 * credential and dies with the session. The session expires after a working day
 * (STAFF_SESSION_SECONDS), is revoked at sign-out (a copied cookie stops working), and
 * lives only while the staff token it was opened with does. The cookie is HttpOnly (no
 * script can read it), SameSite=Strict (no other site can make a browser send it),
 * Path=/admin (no other page of ours receives it) and Secure over https. Wrong tokens at
 * sign-in count against the address exactly as wrong bearer tokens do (http/auth.ts).
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { audit } from "../../db/audit";
import { liveStaffSession, openStaffSession, revokeStaffSession } from "../../db/staff-sessions";
import type { Deps } from "../../deps";
import { roleAtLeast, STAFF_SESSION_SECONDS, type Principal, type StaffRole } from "../../domain/staff";
import { AppError } from "../../errors";
import { principalOfTokenHash, recordWrongStaffToken, refuseThrottledStaffClient, type AppEnv } from "../../http/auth";
import { ipOf, overTls } from "../../http/request-context";
import { tokenHash } from "../../secrets/token";

export const STAFF_COOKIE = "sspr_staff";
const COOKIE_PATH = "/admin";
/** Tokens are `sspr_` + 43 base64url characters; anything far off is refused before hashing. */
const TOKEN_SHAPE = /^[A-Za-z0-9_.~-]{16,200}$/;

const cookieOptions = (c: Context) => ({
  path: COOKIE_PATH,
  httpOnly: true,
  sameSite: "Strict" as const,
  secure: overTls(c),
});

/**
 * Sign in with a pasted staff token: refuse an address over its wrong-token budget (429),
 * count a wrong token (undefined back), or open a session and set its cookie.
 * @example const principal = signInStaff(deps, c, formText(form, "token"))
 */
export function signInStaff(deps: Deps, c: Context, token: string): Principal | undefined {
  refuseThrottledStaffClient(deps, c);
  const trimmed = token.trim();
  const hash = TOKEN_SHAPE.test(trimmed) ? tokenHash(trimmed) : undefined;
  const principal = hash ? principalOfTokenHash(deps, hash) : undefined;
  if (!principal || !hash) {
    recordWrongStaffToken(deps, c);
    return undefined;
  }
  const session = openStaffSession(deps.db, deps.clock, deps.random, hash, STAFF_SESSION_SECONDS);
  setCookie(c, STAFF_COOKIE, session.token, { ...cookieOptions(c), maxAge: STAFF_SESSION_SECONDS });
  audit(deps.db, deps.clock.now(), {
    actorType: "staff",
    actorId: principal.tokenId,
    action: "staff.sign_in",
    outcome: "success",
    ip: ipOf(c) ?? null,
    detail: { role: principal.role },
  });
  return principal;
}

/** Sign out: revoke the session server-side (so a copy of the cookie is worthless too) and clear the cookie. */
export function signOutStaff(deps: Deps, c: Context): void {
  const token = getCookie(c, STAFF_COOKIE);
  const session = token && TOKEN_SHAPE.test(token) ? liveStaffSession(deps.db, deps.clock, token) : undefined;
  if (token && session) {
    revokeStaffSession(deps.db, deps.clock, token);
    const principal = principalOfTokenHash(deps, session.credentialHash);
    audit(deps.db, deps.clock.now(), {
      actorType: "staff",
      actorId: principal?.tokenId ?? null,
      action: "staff.sign_out",
      outcome: "success",
      ip: ipOf(c) ?? null,
    });
  }
  deleteCookie(c, STAFF_COOKIE, cookieOptions(c));
}

/** The principal of a live session cookie: unexpired, unrevoked, and its staff token still valid. */
function principalOfSession(deps: Deps, token: string): Principal | undefined {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const session = liveStaffSession(deps.db, deps.clock, token);
  return session ? principalOfTokenHash(deps, session.credentialHash) : undefined;
}

/**
 * Where to go after signing in: only a path of these pages, so a crafted sign-in link
 * cannot send a freshly signed-in person to another site (open redirect).
 */
export function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/[A-Za-z0-9._~%\/-]*)?(\?[^#\s]*)?$/.test(next) && !next.includes("//") ? next : "/admin";
}

/**
 * Every /admin page but sign-in: a live session, or a redirect to sign in (and back). A
 * dead session cookie is not counted as a wrong token: it is what an expired or
 * signed-out browser sends, and session tokens have 256 bits besides.
 */
export function requireStaffPage(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, STAFF_COOKIE);
    const principal = token ? principalOfSession(deps, token) : undefined;
    if (!principal) {
      if (token) deleteCookie(c, STAFF_COOKIE, cookieOptions(c));
      const url = new URL(c.req.url);
      const back = c.req.method === "GET" ? safeNext(url.pathname + url.search) : "/admin";
      return c.redirect(back === "/admin" ? "/admin/sign-in" : `/admin/sign-in?next=${encodeURIComponent(back)}`, 303);
    }
    c.set("principal", principal);
    await next();
  });
}

/** The signed-in principal (set by requireStaffPage). */
export function pagePrincipal(c: Context<AppEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw new Error("pagePrincipal outside requireStaffPage");
  return principal;
}

/** Refuse a page the principal's role may not see, with the same 403 as the API. */
export function requirePageRole(c: Context<AppEnv>, min: StaffRole, message: string): Principal {
  const principal = pagePrincipal(c);
  if (!roleAtLeast(principal.role, min)) throw new AppError(403, "forbidden", message);
  return principal;
}
