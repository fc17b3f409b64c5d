/**
 * Enrolment: adding a method and proving control of it. A contact method (email, SMS,
 * voice, office phone) is created unverified and a one-time code is sent to it; an
 * authenticator gets a fresh TOTP secret, shown once, and is proven with a current code
 * from the app. Codes reuse flows/codes.ts (CSPRNG, scrypt hash, 10 minutes, single
 * use) under the pseudo-flow id `reg:<methodId>`. Codes sent and wrong codes are
 * throttled per account under the throttle subject `reg:<userId>` — with the reset
 * limits' numbers but apart from the reset counters, so a fumbled registration never
 * blocks a reset (docs/decisions/004).
 */
import { generateSecret, generateURI, verifySync } from "otplib";
import { newId } from "../clock";
import { deletePending, insertMethod, markMethodVerified, methodOf } from "../db/methods";
import type { Deps } from "../deps";
import { CODE_TTL_MINUTES, type Method } from "../domain/catalogue";
import { CONTACT_METHODS, isE164, isValidEmail } from "../domain/methods";
import { AppError, type ErrorCode } from "../errors";
import { checkCode, codeDigits, consumeCode, hashCode, newCode, storeCode } from "./codes";
import { normalizeContact } from "./contact";
import { maskValue } from "./masking";
import { deliverCode } from "./notify";
import { requireStepUp } from "./step-up";
import type { RegistrationStatus } from "./registration-status";
import { addableTypes, methodRows, registrationFlowId, registrationFor, viewOf, type MethodView } from "./registration";
import { auditStep, beginStep, commitStep, refuse, reserveCodeCheck } from "./registration-step";
import { failureError } from "./self-diagnosis";
import type { RequestCtx, SessionUser } from "./session";
import { release, reserve } from "../db/throttle";
import { accountKey, BUDGETS } from "../domain/throttle";

/** Enough for every type and a spare; a cap so a stolen session cannot fill the table or spray codes at many numbers. */
export const MAX_METHODS_PER_USER = 10;
/** The issuer an authenticator app shows next to the account. */
export const TOTP_ISSUER = "SSPR Doctor";

/** Registration throttle counters: per account, apart from the reset counters (recorded without a user id). */
const NO_OWNER = { userId: null };

export type AddMethodResult = {
  method: MethodView;
  /** Contact methods: where the code went (masked) and how long it lives. */
  codeSent?: { to: string; channel: "email" | "sms" | "voice"; expiresInSeconds: number; codeLength: number };
  /** Authenticators: the shared secret and its otpauth:// URI, shown this once. */
  secret?: string;
  otpauthUri?: string;
};

/**
 * Add a method. A contact method is created unverified and a code is sent to it (adding
 * the same pending value again re-sends a fresh code); an authenticator gets a new
 * secret, returned once, to be proven with a current code.
 *
 * @example
 * await addMethod(deps, session, { type: "email", value: "alex@home.example" }, { locale: "en" });
 * // { method: { id: "mth_…", value: "a***@home.example", verified: false, … }, codeSent: { channel: "email", codeLength: 8, … } }
 */
export async function addMethod(
  deps: Deps,
  session: SessionUser,
  input: { type: Method; value?: string },
  ctx: RequestCtx,
): Promise<AddMethodResult> {
  const step = beginStep(deps, session, "me.method_add", ctx);
  const { snapshot } = step;
  const detail = { type: input.type };
  const fail: (status: number, code: ErrorCode, field: string, text: string) => never = (status, code, field, text) =>
    refuse(step, new AppError(status, code, `${field}: ${text}`, { field }), detail);

  if (input.type === "security_questions")
    fail(400, "invalid_request", "type", "security questions are set with PUT /api/v1/me/security-questions.");
  if (input.type === "authenticator_notification")
    fail(
      400,
      "invalid_request",
      "type",
      "push notifications cannot be registered here; register authenticator_code with the same app.",
    );
  const allowed = step.policy.methodsAllowed;
  if (!allowed.includes(input.type)) {
    fail(
      400,
      "method_not_allowed",
      "type",
      `"${input.type}" is not allowed by your organization's policy; allowed: ${addableTypes(snapshot).join(", ") || "none"}.`,
    );
  }
  const rows = methodRows(deps, session.userId);
  // Re-adding a pending method replaces or re-sends it, so it does not count towards the cap.
  const full = (replacing: boolean) => !replacing && rows.length >= MAX_METHODS_PER_USER;
  const tooMany = () =>
    fail(409, "too_many_methods", "type", `you already have ${MAX_METHODS_PER_USER} methods; remove one first.`);
  const now = deps.clock.now();

  if (!CONTACT_METHODS.includes(input.type)) {
    // An authenticator: one verified per type, or the reset flow could not tell which secret to check.
    if (rows.some((r) => r.type === input.type && r.verified))
      fail(
        409,
        "method_exists",
        "type",
        `you already have a verified ${input.type}; remove it first to set up a new one.`,
      );
    if (full(rows.some((r) => r.type === input.type && !r.verified))) tooMany();
    requireStepUp(step);
    const secret = generateSecret();
    const id = newId(deps.random, "mth_");
    commitStep(step, now, { ...detail, methodId: id }, (tx) => {
      deletePending(tx, session.userId, input.type);
      insertMethod(tx, {
        id,
        userId: session.userId,
        type: input.type,
        totpSecret: secret,
        verified: false,
        registeredAt: now.toISOString(),
      });
    });
    return {
      method: viewOf(deps, session, id, snapshot),
      secret,
      otpauthUri: generateURI({ issuer: TOTP_ISSUER, label: session.upn, secret }),
    };
  }

  if (input.value === undefined || input.value.trim() === "")
    fail(400, "invalid_request", "value", `required for ${input.type}.`);
  const value = normalizeContact(input.type, input.value);
  if (input.type === "email" && !isValidEmail(value))
    fail(400, "invalid_request", "value", "expected an email address like name@example.com.");
  if (input.type !== "email" && !isE164(value))
    fail(400, "invalid_request", "value", "expected a phone number with its country code, like +371 2600 0001.");
  // The work mailbox cannot be opened by someone locked out of the account (catalogue: email_method_is_own_mailbox).
  if (input.type === "email" && value === session.upn.toLowerCase())
    fail(
      400,
      "email_method_is_own_mailbox",
      "value",
      "your work mailbox cannot be opened while you are locked out; register another address.",
    );
  const same = rows.find(
    (r) => r.type === input.type && r.value !== null && normalizeContact(input.type, r.value) === value,
  );
  if (same?.verified) fail(409, "method_exists", "value", "this is already registered and verified.");
  if (full(same !== undefined)) tooMany();
  requireStepUp(step);
  // Reserved before hashing: parallel requests cannot send more than the budget.
  if (!reserve(deps.db, [{ budget: "registration_code_sent", key: accountKey(session.userId) }], NO_OWNER, now).ok) {
    fail(
      429,
      "too_many_codes_sent",
      "value",
      `${BUDGETS.registration_code_sent.max} codes were sent in the last hour; try again later.`,
    );
  }

  const code = newCode(deps.random, codeDigits(input.type));
  const codeHash = await hashCode(code);
  const id = same?.id ?? newId(deps.random, "mth_");
  commitStep(step, now, { ...detail, methodId: id, resent: Boolean(same) }, (tx) => {
    if (!same)
      insertMethod(tx, {
        id,
        userId: session.userId,
        type: input.type,
        value,
        verified: false,
        registeredAt: now.toISOString(),
      });
    storeCode(tx, deps.random, registrationFlowId(id), input.type, codeHash, now);
  });
  // Fire-and-forget (notify.ts): a slow or broken mail server must not hold the request.
  deliverCode(deps, { method: input.type, to: value, code, locale: ctx.locale, purpose: "register" });
  const channel = input.type === "email" ? "email" : input.type === "mobile_sms" ? "sms" : "voice";
  return {
    method: viewOf(deps, session, id, snapshot),
    codeSent: {
      to: maskValue(input.type, value)!,
      channel,
      expiresInSeconds: CODE_TTL_MINUTES * 60,
      codeLength: codeDigits(input.type),
    },
  };
}

/** TOTP (RFC 6238, 30 s steps, ±1 step): the time step that matched, or undefined. */
function totpStep(secret: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = verifySync({ secret, token: code, epoch, epochTolerance: 30 });
  // The same step arithmetic as the reset flow, which compares it with totp_last_step.
  return result.valid ? Math.floor(epoch / 30) + result.delta : undefined;
}

/**
 * Prove a pending method with the code sent to it (or, for an authenticator, a current
 * code from the app). Wrong and expired codes answer with their catalogue code and a
 * reference id, like a reset step.
 *
 * @example await verifyMethod(deps, session, "mth_…", "12345678", { locale: "en" }) // { method: { verified: true, … }, registration }
 */
export async function verifyMethod(
  deps: Deps,
  session: SessionUser,
  methodId: string,
  code: string,
  ctx: RequestCtx,
): Promise<{ method: MethodView; registration: RegistrationStatus }> {
  const step = beginStep(deps, session, "me.method_verify", ctx);
  const found = methodOf(deps.db, session.userId, methodId);
  // Another user's method id answers like a missing one: ids are not a way to probe others.
  const row =
    found ??
    refuse(step, new AppError(404, "method_not_found", "id: you have no method with this id.", { field: "id" }), {
      methodId,
    });
  if (row.verified)
    refuse(step, new AppError(409, "method_already_verified", "This method is already verified."), { methodId });
  const now = deps.clock.now();
  const reserved = reserveCodeCheck(step, now, { methodId });

  let failure: "verification_code_wrong" | "verification_code_expired" | undefined;
  let totpLastStep: number | undefined;
  if (row.totpSecret !== null) {
    totpLastStep = totpStep(row.totpSecret, code, now);
    if (totpLastStep === undefined) failure = "verification_code_wrong";
  } else {
    const checked = await checkCode(deps.db, registrationFlowId(row.id), row.type, code, now);
    if (!checked.ok) failure = checked.reason;
    else if (!consumeCode(deps.db, checked.codeId, now)) failure = "verification_code_wrong";
  }
  if (failure) {
    auditStep(step, "failure", failure, { methodId, type: row.type });
    throw await failureError(
      deps,
      step.snapshot,
      { userId: session.userId, tenantId: session.tenantId, login: session.upn },
      {
        status: 400,
        code: failure,
        detail:
          failure === "verification_code_expired"
            ? `That code has expired (codes live ${CODE_TTL_MINUTES} minutes). Add the method again for a new one.`
            : "That code is not right.",
        attempt: { stage: "register", method: row.type, error: failure },
        disclosure: "verified",
      },
    );
  }
  release(deps.db, reserved);
  // The owner hears of every new method at the addresses they already had (the new one is skipped).
  commitStep(step, now, { methodId, type: row.type }, (tx) => markMethodVerified(tx, row.id, totpLastStep), {
    change: { kind: "added", method: row.type },
    except: row.value ?? undefined,
  });
  return {
    method: viewOf(deps, session, row.id, step.snapshot),
    registration: registrationFor(deps, session, ctx.locale),
  };
}
