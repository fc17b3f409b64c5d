/**
 * Helpdesk actions on a user's behalf, after the helpdesk verified the caller's
 * identity: a one-time temporary password, shown once to the staff member and stored
 * only as its scrypt hash, that the user must replace at the next sign-in (flows/session.ts);
 * and a corrected phone number (E.164) or email of a registered method, after which the
 * user's work address and verified emails are told (someone else may have made it).
 * The same role rule as fixes (fixes/permission.ts): helpdesk acts on non-administrators
 * only, admin on anyone, support never. Every action is audited with its reason.
 */
import { randomBytes } from "node:crypto";
import { audit } from "../db/audit";
import { inTransaction } from "../db/client";
import { correctMethodValue, insertRegistrationPass, setTemporaryPassword } from "../db/helpdesk-actions";
import { newId } from "../clock";
import { newToken, tokenHash } from "../secrets/token";
import { methodOf, methodsOf } from "../db/methods";
import { maskValue } from "./masking";
import { CONTACT_METHODS, isE164, isValidEmail } from "../domain/methods";
import type { Method } from "../domain/catalogue";
import { notifySecurityInfoChanged } from "./notify";
import { userById } from "../db/reset-flows";
import { findUser } from "../db/snapshots";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { applyRefusal, type Operator } from "../fixes/permission";
import { hashSecret } from "../secrets/password-hash";
import { PASSWORD_HISTORY_COUNT } from "../domain/password";
import { temporaryPasswordExpiry } from "./session";

/** Why `operator` may not act on a user holding `targetRoles`, or null when it may: the fixes' rule, in this module's words. */
function refusalFor(operator: Operator, targetRoles: readonly string[]): string | null {
  if (operator.role === "support") return "support tokens may not act on users.";
  return applyRefusal(operator.role, "helpdesk", targetRoles)?.replace("apply fixes to", "act on") ?? null;
}

/** The user a helpdesk action targets, after the role rule; 404 naming `user`, 403 with the rule's words. */
function actionTarget(deps: Deps, operator: Operator, login: string) {
  if (operator.role === "support") throw new AppError(403, "forbidden", refusalFor(operator, [])!);
  const found = findUser(deps.db, login);
  const user = found && userById(deps.db, found.id);
  if (!user) throw new AppError(404, "user_not_found", `No user ${login}.`, { field: "user" });
  const refusal = refusalFor(operator, user.roles);
  if (refusal) throw new AppError(403, "forbidden", refusal);
  return user;
}

/** A registered method whose phone number or email the helpdesk may correct, value masked. */
export type ContactMethod = { id: string; type: Method; masked: string; verified: boolean };

/**
 * What a staff page offers before any action: whether this operator may act on the user
 * at all (the same rule the actions enforce, so the page never offers what they refuse)
 * and the phone and email methods, masked, that "correct a contact" can change.
 *
 * @example helpdeskDesk(deps, op, "pete.phone@contoso.example").contacts[0].masked // "••••• 007"
 */
export function helpdeskDesk(
  deps: Deps,
  operator: Operator,
  login: string,
): { user: { id: string; upn: string }; refusal: string | null; contacts: ContactMethod[] } {
  const found = findUser(deps.db, login);
  const user = found && userById(deps.db, found.id);
  if (!user) throw new AppError(404, "user_not_found", `No user ${login}.`, { field: "user" });
  const contacts = methodsOf(deps.db, user.id).flatMap((m) => {
    const masked = isContact(m.type) ? maskValue(m.type, m.value) : null;
    return masked === null ? [] : [{ id: m.id, type: m.type, masked, verified: m.verified }];
  });
  return { user: { id: user.id, upn: user.upn }, refusal: refusalFor(operator, user.roles), contacts };
}

const isContact = (type: Method) => CONTACT_METHODS.includes(type);

/**
 * A temporary password: 16 random bytes in base64url (128 bits, so no guess list
 * matters), with a fixed tail that gives it every character class a policy may ask for.
 */
const temporaryPassword = () => `${randomBytes(16).toString("base64url")}-Aa1`;

/**
 * Reset the password on the user's behalf. The clear text is returned once, for the
 * staff member to read out; only its hash is stored, and the audit row keeps the reason.
 * It signs in until `expiresAt` (flows/session.ts TEMPORARY_PASSWORD_TTL_HOURS).
 *
 * @example (await issueTemporaryPassword(deps, op, "nina.noreg@contoso.example", { reason: "INC-7" })).mustChangeAtSignIn // true
 */
export async function issueTemporaryPassword(
  deps: Deps,
  operator: Operator,
  login: string,
  opts: { reason: string; ip?: string },
): Promise<{
  user: { id: string; upn: string };
  temporaryPassword: string;
  mustChangeAtSignIn: true;
  expiresAt: string;
}> {
  const user = actionTarget(deps, operator, login);
  const now = deps.clock.now();
  const clear = temporaryPassword();
  const hash = await hashSecret(clear);
  inTransaction(deps.db, (tx) => {
    setTemporaryPassword(tx, user, hash, now, PASSWORD_HISTORY_COUNT);
    audit(tx, now, {
      tenantId: user.tenantId,
      actorType: "staff",
      actorId: operator.id,
      action: "helpdesk.temporary_password",
      targetUserId: user.id,
      outcome: "success",
      ip: opts.ip ?? null,
      detail: { actorName: operator.name, reason: opts.reason },
    });
  });
  return {
    user: { id: user.id, upn: user.upn },
    temporaryPassword: clear,
    mustChangeAtSignIn: true,
    expiresAt: temporaryPasswordExpiry(now).toISOString(),
  };
}

/**
 * Correct the phone number or email of a registered method. The value is checked as
 * registration checks it (E.164 for phones, an address for email); the audit row keeps
 * the reason, the method and its type, not the contact values.
 *
 * @example correctContact(deps, op, "pete.phone@contoso.example", "mth-pete.phone-1", { value: "+37126000007", reason: "INC-9" })
 */
export function correctContact(
  deps: Deps,
  operator: Operator,
  login: string,
  methodId: string,
  opts: { value: string; reason: string; ip?: string; locale?: "en" | "lv" },
): { user: { id: string; upn: string }; method: { id: string; type: string } } {
  const user = actionTarget(deps, operator, login);
  const method = methodOf(deps.db, user.id, methodId);
  if (!method)
    throw new AppError(404, "method_not_found", `${user.upn} has no method ${methodId}.`, { field: "methodId" });
  const value = opts.value.trim();
  if (!isContact(method.type))
    throw new AppError(400, "invalid_request", `value: a ${method.type} method has no phone number or email.`, {
      field: "value",
    });
  if (method.type === "email" ? !isValidEmail(value) : !isE164(value))
    throw new AppError(
      400,
      "invalid_request",
      method.type === "email"
        ? "value: expected an email address like name@example.com."
        : "value: expected an international number with its country code, like +37126000007.",
      { field: "value" },
    );
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    correctMethodValue(tx, user.id, method.id, value);
    audit(tx, now, {
      tenantId: user.tenantId,
      actorType: "staff",
      actorId: operator.id,
      action: "helpdesk.correct_contact",
      targetUserId: user.id,
      outcome: "success",
      ip: opts.ip ?? null,
      detail: { actorName: operator.name, reason: opts.reason, methodId: method.id, type: method.type },
    });
  });
  // Told at the addresses the user had, not the new one: the owner learns of a change they did not make.
  notifySecurityInfoChanged(
    deps,
    { userId: user.id, upn: user.upn },
    { kind: "added", method: method.type as Method },
    opts.locale ?? "en",
    value,
  );
  return { user: { id: user.id, upn: user.upn }, method: { id: method.id, type: method.type } };
}

/** How long a registration pass lives unless the helpdesk says otherwise: an afternoon. */
export const REGISTRATION_PASS_DEFAULT_MINUTES = 240;

/**
 * A one-time pass to sign in once (POST /me/sign-in/pass) and register security info:
 * shown once to the staff member, stored as its SHA-256, expiring after `validMinutes`.
 *
 * @example issueRegistrationPass(deps, op, "nina.noreg@contoso.example", { reason: "INC-3" }).expiresAt
 */
export function issueRegistrationPass(
  deps: Deps,
  operator: Operator,
  login: string,
  opts: { reason: string; validMinutes?: number; ip?: string },
): { user: { id: string; upn: string }; pass: string; expiresAt: string } {
  const user = actionTarget(deps, operator, login);
  const now = deps.clock.now();
  const pass = newToken();
  const expiresAt = new Date(now.getTime() + (opts.validMinutes ?? REGISTRATION_PASS_DEFAULT_MINUTES) * 60_000);
  inTransaction(deps.db, (tx) => {
    insertRegistrationPass(tx, {
      id: newId(deps.random, "rtp_"),
      passHash: tokenHash(pass),
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    audit(tx, now, {
      tenantId: user.tenantId,
      actorType: "staff",
      actorId: operator.id,
      action: "helpdesk.registration_pass",
      targetUserId: user.id,
      outcome: "success",
      ip: opts.ip ?? null,
      detail: { actorName: operator.name, reason: opts.reason, expiresAt: expiresAt.toISOString() },
    });
  });
  return { user: { id: user.id, upn: user.upn }, pass, expiresAt: expiresAt.toISOString() };
}
