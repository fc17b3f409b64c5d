/**
 * Helpdesk actions on a user's behalf, after the helpdesk verified the caller's
 * identity: a one-time temporary password, shown once to the staff member and stored
 * only as its scrypt hash, that the user must replace at the next sign-in (flows/session.ts).
 * The same role rule as fixes (fixes/permission.ts): helpdesk acts on non-administrators
 * only, admin on anyone, support never. Every action is audited with its reason.
 */
import { randomBytes } from "node:crypto";
import { audit } from "../db/audit";
import { inTransaction } from "../db/client";
import { setTemporaryPassword } from "../db/helpdesk-actions";
import { userById } from "../db/reset-flows";
import { findUser } from "../db/snapshots";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { applyRefusal, type Operator } from "../fixes/permission";
import { hashSecret } from "../secrets/password-hash";

/** The user a helpdesk action targets, after the role rule; 404 naming `user`, 403 with the rule's words. */
function actionTarget(deps: Deps, operator: Operator, login: string) {
  if (operator.role === "support") throw new AppError(403, "forbidden", "support tokens may not act on users.");
  const found = findUser(deps.db, login);
  const user = found && userById(deps.db, found.id);
  if (!user) throw new AppError(404, "user_not_found", `No user ${login}.`, { field: "user" });
  const refusal = applyRefusal(operator.role, "helpdesk", user.roles);
  if (refusal) throw new AppError(403, "forbidden", refusal.replace("apply fixes to", "act on"));
  return user;
}

/**
 * A temporary password: 16 random bytes in base64url (128 bits, so no guess list
 * matters), with a fixed tail that gives it every character class a policy may ask for.
 */
const temporaryPassword = () => `${randomBytes(16).toString("base64url")}-Aa1`;

/**
 * Reset the password on the user's behalf. The clear text is returned once, for the
 * staff member to read out; only its hash is stored, and the audit row keeps the reason.
 *
 * @example (await issueTemporaryPassword(deps, op, "nina.noreg@contoso.example", { reason: "INC-7" })).mustChangeAtSignIn // true
 */
export async function issueTemporaryPassword(
  deps: Deps,
  operator: Operator,
  login: string,
  opts: { reason: string; ip?: string },
): Promise<{ user: { id: string; upn: string }; temporaryPassword: string; mustChangeAtSignIn: true }> {
  const user = actionTarget(deps, operator, login);
  const now = deps.clock.now();
  const clear = temporaryPassword();
  const hash = await hashSecret(clear);
  inTransaction(deps.db, (tx) => {
    setTemporaryPassword(tx, user.id, hash, now);
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
  return { user: { id: user.id, upn: user.upn }, temporaryPassword: clear, mustChangeAtSignIn: true };
}
