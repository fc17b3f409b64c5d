/**
 * Staff identity: the roles staff hold, their order, and the security numbers of staff
 * sign-in — how long a console session lasts and how many wrong staff tokens one
 * address may present before it has to wait. Pure: the counting happens in db/, the
 * refusing in http/auth.ts and web/admin/session.ts.
 */

/** support < helpdesk < admin: each role may do what the one before it may. */
export const STAFF_ROLES = ["support", "helpdesk", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who a request acts as once a staff token (or a console session opened with one) checks out. */
export type Principal = { kind: "staff"; tokenId: string; name: string; role: StaffRole };

/** The role's place in STAFF_ROLES: support 0, helpdesk 1, admin 2. */
export const rank = (role: StaffRole): number => STAFF_ROLES.indexOf(role);

/**
 * Whether `role` may do what `min` may.
 * @example roleAtLeast("admin", "helpdesk") // true
 */
export const roleAtLeast = (role: StaffRole, min: StaffRole): boolean => rank(role) >= rank(min);

/**
 * A console session lasts a working day, absolute from sign-in: long enough not to
 * interrupt a shift, short enough that a forgotten browser closes itself (OWASP session
 * guidance: an absolute timeout for privileged sessions).
 */
export const STAFF_SESSION_SECONDS = 8 * 3600;

/**
 * Wrong staff tokens one client address may present (on /admin/sign-in and as API
 * bearer tokens together) before it waits: 10 per 15 minutes. Tokens carry 256 bits, so
 * guessing cannot succeed either way; the budget stops a scanner replaying leaked or
 * revoked token lists at full speed and keeps the audit trail readable, while a person
 * pasting the wrong token a few times is never blocked. A success does not refill the
 * budget (else one low-role token would launder unlimited guesses), and the count is per
 * address only — never per token — so the real token keeps working from anywhere else.
 * Issue 10 item 3 folds this into the one throttle registry.
 */
export const STAFF_TOKEN_FAILURES = { max: 10, windowMs: 15 * 60_000 } as const;

/**
 * How many seconds a client must wait before presenting another staff token, or 0. The
 * wait ends when the oldest failure in the window leaves it.
 * @example staffTokenWaitSeconds({ count: 10, oldestAt: "2026-11-24T09:20:00Z" }, new Date("2026-11-24T09:30:00Z")) // 300
 */
export function staffTokenWaitSeconds(failures: { count: number; oldestAt?: string }, now: Date): number {
  if (failures.count < STAFF_TOKEN_FAILURES.max || !failures.oldestAt) return 0;
  const until = new Date(failures.oldestAt).getTime() + STAFF_TOKEN_FAILURES.windowMs;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}
