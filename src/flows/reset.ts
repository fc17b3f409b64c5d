/**
 * The reset steps before the new password: start, challenge and verify (the state
 * machine itself is flows/reset-flow.ts; completing is flows/complete.ts). An unknown
 * login walks the same path with the same work and words (no enumeration); attempts are
 * reserved against their budgets BEFORE the slow work, so parallel requests cannot
 * outrun a limit (domain/throttle.ts); a blocked or over-limit login and a domain where
 * SSPR cannot work are told at the first step; a person is diagnosed the moment they are
 * verified, and stopped there with the reason rather than after choosing a password.
 */
import { verifySync } from "otplib";
import { newId } from "../clock";
import { tenantIdOfLogin } from "../db/snapshots";
import {
  insertFlow,
  setQuestionIds,
  spendTotpStep,
  userByLogin,
  verifiedApp,
  verifiedContacts,
} from "../db/reset-flows";
import { release, reserve, type Charge } from "../db/throttle";
import type { Deps } from "../deps";
import { CODE_TTL_MINUTES, FINDINGS, type FindingCode, type Method } from "../domain/catalogue";
import { isAdmin } from "../domain/directory";
import { BUDGETS, flowKey, ipKey, normalizeLogin, proofKey, withMethod } from "../domain/throttle";
import { AppError } from "../errors";
import { checkCode, codeDigits, consumeCode, hashCode, newCode, storeCode } from "./codes";
import { normalizeContact } from "./contact";
import { maskValue } from "./masking";
import { deliverCode } from "./notify";
import { checkProof, proofChallenge, type ProofSolution } from "./proof-of-work";
import { answersMatch, questionText, questionsFor } from "./questions";
import {
  APP_METHODS,
  auditStep,
  FLOW_TTL_MINUTES,
  markVerified,
  offeredMethods,
  refuseAtLimit,
  refuseBudget,
  refuseIfBlocked,
  rememberAttempt,
  requireOffered,
  stepContext,
  stepOf,
  type Ctx,
  type StepContext,
} from "./reset-flow";
import { domainBlocker, failureError, type Attempt } from "./self-diagnosis";
import { standingBlocker } from "./standing-blocker";

export { FLOW_TTL_MINUTES, flowProgress } from "./reset-flow";

/**
 * Start a reset for a login. The answer is the same for a real and an unknown login
 * but for its flowId: the tenant's allowed method types, never the user's own values.
 * A blocked or over-limit login, and a domain where SSPR is off or scoped to nobody,
 * are refused here — before any code is sent — alike for real and unknown logins.
 */
export async function startReset(
  deps: Deps,
  login: string,
  ctx: Ctx,
): Promise<{ flowId: string; methods: Method[]; expiresAt: string }> {
  const now = deps.clock.now();
  const user = userByLogin(deps.db, login);
  const who = {
    userId: user?.id ?? null,
    tenantId: user?.tenantId ?? tenantIdOfLogin(deps.db, login),
    login: normalizeLogin(login),
  };
  const step = stepOf(deps, who, null);
  const starts: Charge[] = [
    { budget: "reset_start_login", key: step.key },
    ...(ctx.ip ? [{ budget: "reset_start_ip" as const, key: ipKey(ctx.ip) }] : []),
  ];
  if (!reserve(deps.db, starts, { userId: who.userId }, now).ok) {
    auditStep(deps, step, "start", ctx, "failure", "rate_limited");
    throw new AppError(
      429,
      "rate_limited",
      "Too many password resets were started from here or for this sign-in name. Try again in an hour.",
      { headers: { "Retry-After": "3600" } },
    );
  }
  await refuseIfBlocked(deps, step, "start", ctx);
  await refuseAtLimit(deps, step, "verification_failed", "start", ctx);
  await refuseAtLimit(deps, step, "reset_completed", "start", ctx);
  // Tenant-level facts belong to the domain: an unknown login there hears them too. Administrators have their own policy.
  const blocker = domainBlocker(deps, step.snapshot, who);
  if (blocker && !(user && isAdmin(user.roles))) {
    auditStep(deps, step, "start", ctx, "failure", blocker);
    throw await failureError(deps, step.snapshot, who, {
      status: 403,
      code: blocker,
      detail: "Self-service password reset cannot work for this sign-in name; see the findings.",
      attempt: { stage: "identify" },
      disclosure: "public",
    });
  }
  const flowId = newId(deps.random, "flw_");
  const expiresAt = new Date(now.getTime() + FLOW_TTL_MINUTES * 60_000).toISOString();
  insertFlow(deps.db, {
    id: flowId,
    tenantId: who.tenantId,
    userId: who.userId,
    state: "started",
    login: who.login,
    ip: ctx.ip ?? null,
    createdAt: now.toISOString(),
    expiresAt,
  });
  auditStep(deps, { ...step, flow: null }, "start", ctx, "success", null, { flowId });
  return { flowId, methods: offeredMethods(step.snapshot), expiresAt };
}

/** Run a check that may refuse the request as invalid; a refusal is audited with its step, IP and field first. */
function refuseInvalid(
  deps: Deps,
  step: StepContext,
  ctx: Ctx,
  check: () => void,
  action: "challenge" | "verify" = "challenge",
): void {
  try {
    check();
  } catch (err) {
    if (err instanceof AppError)
      auditStep(deps, step, action, ctx, "failure", err.code, { ...(err.extra.field && { field: err.extra.field }) });
    throw err;
  }
}

export type ChallengeInput = { method: Method; contact?: string; proof?: ProofSolution };
export type ChallengeResult =
  | { method: Method; sent: true; to: string; expiresInSeconds: number; codeLength: number }
  | { method: Method; sent: false }
  | { method: "security_questions"; questions: { id: string; text: string }[] };

/** The code budgets a request is charged, in refusal order (the login's real sends first: hitting that one blocks). */
function codeCharges(
  step: StepContext,
  method: Method,
  matched: boolean,
  ip: string | undefined,
  proofSalt: string | undefined,
): Charge[] {
  return [
    ...(matched ? [{ budget: "code_sent" as const, key: withMethod(step.key, method) }] : []),
    { budget: "code_requested_flow", key: withMethod(flowKey(step.flow.id), method) },
    ...(proofSalt ? [{ budget: "proof_spent" as const, key: proofKey(proofSalt) }] : []),
    // With a valid proof the proof budgets are only recorded, not checked.
    { budget: "proof_flow", key: flowKey(step.flow.id), check: !proofSalt },
    ...(ip ? [{ budget: "proof_ip" as const, key: ipKey(ip), check: !proofSalt }] : []),
  ];
}

/**
 * Ask for a code (the person types the full registered address or number; a code goes
 * out only when it matches, but the answer is the same either way, naming — masked —
 * what was typed), the questions, or nothing (authenticator). After a few code requests
 * in a flow or from an address, a proof of work is asked first.
 */
export async function challenge(deps: Deps, flowId: string, input: ChallengeInput, ctx: Ctx): Promise<ChallengeResult> {
  const step = stepContext(deps, flowId);
  const { flow, now } = step;
  await refuseIfBlocked(deps, step, "challenge", ctx);
  refuseInvalid(deps, step, ctx, () => requireOffered(step, input.method));

  if (input.method === "security_questions") {
    const ids =
      flow.questionIds ??
      questionsFor(
        deps.db,
        deps.instanceKey,
        { userId: flow.userId, login: flow.login },
        step.snapshot.policy.securityQuestions.toReset,
      );
    setQuestionIds(deps.db, flow.id, ids);
    auditStep(deps, step, "challenge", ctx, "success", null, { method: input.method });
    return { method: "security_questions", questions: ids.map((id) => ({ id, text: questionText(id, ctx.locale) })) };
  }
  if (APP_METHODS.includes(input.method)) {
    auditStep(deps, step, "challenge", ctx, "success", null, { method: input.method });
    return { method: input.method, sent: false };
  }
  const contact = input.contact;
  if (!contact) {
    const err = new AppError(
      400,
      "invalid_request",
      `contact: type the full ${input.method === "email" ? "email address" : "phone number"} you registered.`,
      { field: "contact" },
    );
    auditStep(deps, step, "challenge", ctx, "failure", err.code, { field: "contact" });
    throw err;
  }

  const typed = normalizeContact(input.method, contact);
  const registered = flow.userId
    ? verifiedContacts(deps.db, flow.userId, input.method).find((v) => normalizeContact(input.method, v) === typed)
    : undefined;
  const proofSalt = input.proof ? checkProof(deps.instanceKey, flow.id, input.proof, now) : undefined;
  const reserved = reserve(
    deps.db,
    codeCharges(step, input.method, registered !== undefined, ctx.ip, proofSalt),
    { userId: flow.userId, flowId: flow.id },
    now,
    flow.userId,
  );
  if (!reserved.ok) {
    if (BUDGETS[reserved.budget].code === "proof_of_work_required") {
      auditStep(deps, step, "challenge", ctx, "failure", "proof_of_work_required", {
        method: input.method,
        budget: reserved.budget,
        proofGiven: Boolean(input.proof),
      });
      throw new AppError(
        428,
        "proof_of_work_required",
        "Several codes were asked for already. Your browser must solve a short puzzle before another is sent.",
        {
          body: { proofOfWork: proofChallenge(deps.instanceKey, flow.id, now) },
        },
      );
    }
    await refuseBudget(deps, step, reserved.budget, "challenge", ctx);
  }

  // The same work whether or not the contact matches: draw, hash, count.
  const code = newCode(deps.random, codeDigits(input.method));
  const codeHash = await hashCode(code);
  if (registered) {
    storeCode(deps.db, deps.random, flow.id, input.method, codeHash, now);
    // Delivery runs after the answer: SMTP latency must not tell a match from a miss.
    deliverCode(deps, { method: input.method, to: registered, code, locale: ctx.locale });
  }
  auditStep(deps, step, "challenge", ctx, registered ? "success" : "failure", registered ? null : "contact_mismatch", {
    method: input.method,
  });
  return {
    method: input.method,
    sent: true,
    to: maskValue(input.method, typed)!,
    expiresInSeconds: CODE_TTL_MINUTES * 60,
    codeLength: codeDigits(input.method),
  };
}

export type VerifyInput =
  | { method: Exclude<Method, "security_questions">; code: string }
  | { method: "security_questions"; answers: { questionId: string; answer: string }[] };

/** TOTP (RFC 6238, 30 s steps, ±1 step) against the user's authenticator, once per step. */
function checkTotp(deps: Deps, step: StepContext, code: string): boolean {
  const now = Math.floor(step.now.getTime() / 1000);
  const app = step.flow.userId ? verifiedApp(deps.db, step.flow.userId) : undefined;
  // An unknown login verifies against a throwaway secret: the same work, never a match.
  const secret = app?.totpSecret ?? "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const result = /^\d{6}$/.test(code)
    ? verifySync({ secret, token: code, epoch: now, epochTolerance: 30 })
    : { valid: false as const };
  if (!app || !result.valid) return false;
  const used = Math.floor(now / 30) + ("delta" in result ? (result.delta ?? 0) : 0);
  return spendTotpStep(deps.db, app.id, used); // false for a replay of a used code
}

/** Why a proven method still fails: the proof that does not count (CATALOGUE v2: one app is one method). */
async function check(deps: Deps, step: StepContext, input: VerifyInput): Promise<FindingCode | undefined> {
  const { flow, policy, now } = step;
  if (input.method === "security_questions") {
    const asked = flow.questionIds ?? [];
    const ok = asked.length > 0 && (await answersMatch(deps.db, flow.userId, asked, input.answers));
    return ok && policy.allows("security_questions") ? undefined : "security_answers_wrong";
  }
  if (APP_METHODS.includes(input.method)) {
    // Once a code from the app was accepted neither app method counts again, and a
    // notification alone cannot reset. The code is still checked (its step spent): the same work.
    const appUsed = flow.verifiedMethods.some((m) => APP_METHODS.includes(m as Method));
    const notificationAlone = input.method === "authenticator_notification" && policy.required < 2;
    return checkTotp(deps, step, input.code) && policy.allows(input.method) && !appUsed && !notificationAlone
      ? undefined
      : "verification_code_wrong";
  }
  const result = await checkCode(deps.db, flow.id, input.method, input.code, now);
  if (!result.ok) return result.reason;
  if (!consumeCode(deps.db, result.codeId, now)) return "verification_code_wrong";
  return policy.allows(input.method) ? undefined : "verification_code_wrong";
}

/**
 * Check one method. The attempt is counted BEFORE the check and un-counted when it
 * succeeds, so parallel guesses cannot outrun the limit. Success adds the method and
 * says how many remain; the last one runs the diagnosis and stops a person whose reset
 * cannot work, with the reason. Failure answers with its code and a reference id.
 */
export async function verify(
  deps: Deps,
  flowId: string,
  input: VerifyInput,
  ctx: Ctx,
): Promise<{ verifiedMethods: Method[]; remaining: number }> {
  const step = stepContext(deps, flowId);
  const { flow, now } = step;
  await refuseIfBlocked(deps, step, "verify", ctx);
  refuseInvalid(deps, step, ctx, () => requireOffered(step, input.method), "verify");
  const reserved = reserve(
    deps.db,
    [{ budget: "verification_failed", key: step.key }],
    { userId: flow.userId, flowId: flow.id },
    now,
    flow.userId,
  );
  if (!reserved.ok) await refuseBudget(deps, step, "verification_failed", "verify", ctx);
  const ids = reserved.ok ? reserved.ids : [];

  const failure = await check(deps, step, input);
  if (failure) {
    const attempt: Attempt = { stage: "verify", method: input.method, error: failure };
    rememberAttempt(deps, step, attempt);
    auditStep(deps, step, "verify", ctx, "failure", failure, { method: input.method });
    await refuseAtLimit(deps, step, "verification_failed", "verify", ctx);
    throw await failureError(deps, step.snapshot, step.who, {
      status: 400,
      code: failure,
      detail:
        failure === "verification_code_expired"
          ? "That code has expired. Ask for a new one."
          : failure === "security_answers_wrong"
            ? "One or more answers did not match."
            : "That code is not right.",
      attempt,
      disclosure: flow.verifiedMethods.length > 0 ? "verified" : "public",
    });
  }
  release(deps.db, ids);
  const result = markVerified(deps, step, input.method);
  auditStep(deps, step, "verify", ctx, "success", null, { method: input.method, remaining: result.remaining });
  if (result.remaining === 0) {
    // Verified: the person may now hear what stands in the way, before choosing a password.
    const blocker = standingBlocker(deps, step.snapshot, { includeWriteback: true });
    if (blocker) {
      const stage = FINDINGS[blocker].stage === "writeback" ? "writeback" : "set_password";
      auditStep(deps, step, "verify", ctx, "failure", blocker, { stopped: true });
      throw await failureError(deps, step.snapshot, step.who, {
        status: 403,
        code: blocker,
        detail: "You are verified, but self-service reset cannot finish for this account; see the findings.",
        attempt: { stage },
        disclosure: "verified",
      });
    }
  }
  return result;
}
