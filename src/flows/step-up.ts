/**
 * Step-up for changes to security info: a stolen password alone must not be enough to
 * add an attacker's phone and reset forever. When the user already has a usable method
 * that can receive a code (or an authenticator), adding a method or replacing the
 * security answers first needs a code from one of those: `startStepUp` sends it (or, for
 * the app, asks for its current code), `finishStepUp` checks it and elevates the session
 * for STEP_UP_MINUTES. Entra does the same. Codes and wrong codes count against the
 * registration budgets (domain/throttle.ts), reserved before the slow work.
 */
import { verifySync } from "otplib";
import { spendTotpStep, verifiedApp } from "../db/reset-flows";
import { release, reserve } from "../db/throttle";
import type { Deps } from "../deps";
import type { Snapshot } from "../domain/snapshot";
import { CODE_TTL_MINUTES, type Method } from "../domain/catalogue";
import { CONTACT_METHODS } from "../domain/methods";
import { accountKey, BUDGETS } from "../domain/throttle";
import { AppError } from "../errors";
import { checkCode, codeDigits, consumeCode, hashCode, newCode, storeCode } from "./codes";
import { deliverCode } from "./notify";
import { methodRows, viewsOf, type MethodView } from "./registration";
import { auditStep, beginStep, refuse, reserveCodeCheck, type RegistrationStep } from "./registration-step";
import { elevate, type RequestCtx, type SessionUser } from "./session";

/** Long enough to add a method and prove it; short enough that a walked-away session is plain again. */
export const STEP_UP_MINUTES = 10;
/** Methods that can prove the person again: something that receives a code, or the app. */
const PROVING: readonly Method[] = [...CONTACT_METHODS, "authenticator_code"];

const stepUpFlowId = (session: SessionUser) => `stepup:${session.sessionId}`;

/** The usable methods this user can step up with (values masked). */
export function stepUpMethods(deps: Deps, session: SessionUser, snapshot: Snapshot): MethodView[] {
  return viewsOf(methodRows(deps, session.userId), snapshot).filter((m) => m.usable && PROVING.includes(m.type));
}

/** The usable method a step-up names; another user's method id answers like a missing one. */
function stepUpMethod(step: RegistrationStep, methodId: string): MethodView {
  return (
    stepUpMethods(step.deps, step.session, step.snapshot).find((m) => m.id === methodId) ??
    refuse(
      step,
      new AppError(404, "method_not_found", "methodId: none of your usable methods has this id.", {
        field: "methodId",
      }),
      { methodId },
    )
  );
}

const elevated = (deps: Deps, session: SessionUser) =>
  session.elevatedUntil !== undefined && session.elevatedUntil > deps.clock.now().toISOString();

/**
 * Refuse (403 `step_up_required`) a change to security info while the user has a method
 * to prove themselves with and this session has not done so in the last minutes. The
 * answer lists those methods (masked) to choose from.
 */
export function requireStepUp(step: RegistrationStep): void {
  const { deps, session, snapshot } = step;
  if (elevated(deps, session)) return;
  const methods = stepUpMethods(deps, session, snapshot);
  if (methods.length === 0) return; // nothing registered yet to prove with: the first method needs the password only
  refuse(
    step,
    new AppError(
      403,
      "step_up_required",
      "Confirm it is you first: prove one of the methods you already have (POST /api/v1/me/step-up).",
      { body: { methods } },
    ),
  );
}

export type StepUpStarted = {
  method: MethodView;
  codeSent?: { to: string; expiresInSeconds: number; codeLength: number };
};

/**
 * Send a step-up code to one of the user's usable methods (nothing is sent for the app:
 * its current code is the proof).
 * @example await startStepUp(deps, session, "mth_…", { locale: "en" }) // { method, codeSent: { to: "a***@home.example", … } }
 */
export async function startStepUp(
  deps: Deps,
  session: SessionUser,
  methodId: string,
  ctx: RequestCtx,
): Promise<StepUpStarted> {
  const step = beginStep(deps, session, "me.step_up", ctx);
  const method = stepUpMethod(step, methodId);
  if (!CONTACT_METHODS.includes(method.type)) {
    auditStep(step, "success", null, { methodId, type: method.type });
    return { method };
  }
  const now = deps.clock.now();
  if (
    !reserve(deps.db, [{ budget: "registration_code_sent", key: accountKey(session.userId) }], { userId: null }, now).ok
  ) {
    refuse(
      step,
      new AppError(
        429,
        "too_many_codes_sent",
        `${BUDGETS.registration_code_sent.max} codes were sent in the last hour; try again later.`,
        { headers: { "Retry-After": "3600" } },
      ),
      { methodId },
    );
  }
  const row = methodRows(deps, session.userId).find((r) => r.id === methodId)!;
  const code = newCode(deps.random, codeDigits(method.type));
  storeCode(deps.db, deps.random, stepUpFlowId(session), method.type, await hashCode(code), now);
  deliverCode(deps, { method: method.type, to: row.value!, code, locale: ctx.locale, purpose: "register" });
  auditStep(step, "success", null, { methodId, type: method.type });
  return {
    method,
    codeSent: { to: method.value!, expiresInSeconds: CODE_TTL_MINUTES * 60, codeLength: codeDigits(method.type) },
  };
}

/**
 * Check the step-up code (or the app's current code) and elevate the session.
 * @example await finishStepUp(deps, session, "mth_…", "12345678", { locale: "en" }) // { elevatedUntil: "…" }
 */
export async function finishStepUp(
  deps: Deps,
  session: SessionUser,
  methodId: string,
  code: string,
  ctx: RequestCtx,
): Promise<{ elevatedUntil: string }> {
  const step = beginStep(deps, session, "me.step_up_verify", ctx);
  const method = stepUpMethod(step, methodId);
  const now = deps.clock.now();
  const reserved = reserveCodeCheck(step, now, { methodId });
  let ok = false;
  if (CONTACT_METHODS.includes(method.type)) {
    const checked = await checkCode(deps.db, stepUpFlowId(session), method.type, code, now);
    ok = checked.ok && consumeCode(deps.db, checked.codeId, now);
  } else {
    const app = verifiedApp(deps.db, session.userId);
    const epoch = Math.floor(now.getTime() / 1000);
    const result =
      app && /^\d{6}$/.test(code)
        ? verifySync({ secret: app.totpSecret, token: code, epoch, epochTolerance: 30 })
        : undefined;
    ok = Boolean(app && result?.valid && spendTotpStep(deps.db, app.id, Math.floor(epoch / 30) + result.delta));
  }
  if (!ok)
    refuse(step, new AppError(400, "verification_code_wrong", "code: that code is not right.", { field: "code" }), {
      methodId,
    });
  release(deps.db, reserved);
  const until = new Date(now.getTime() + STEP_UP_MINUTES * 60_000);
  elevate(deps, session, until);
  auditStep(step, "success", null, { methodId, type: method.type });
  return { elevatedUntil: until.toISOString() };
}
