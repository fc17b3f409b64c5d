/**
 * The reset flow, a state machine persisted in `reset_flows`:
 * started → (challenge, verify)* → verified → completing → completed.
 * An unknown login walks the same path with the same work and words (no enumeration);
 * every step is throttled per account and per flow; every failed step is audited,
 * self-diagnosed and answered with its catalogue code and a reference id.
 */
import { and, eq } from "drizzle-orm";
import { verifySync } from "otplib";
import { newId } from "../clock";
import type { Db } from "../db/client";
import { methods, policies, resetFlows } from "../db/schema";
import { findUser, tenantIdOfLogin } from "../db/snapshots";
import type { Deps } from "../deps";
import { CODE_TTL_MINUTES, type FindingCode, type Method } from "../domain/catalogue";
import { effectivePolicy } from "../domain/policy";
import { audit } from "../db/audit";
import { AppError } from "../errors";
import { checkCode, codeDigits, consumeCode, hashCode, newCode, storeCode } from "./codes";
import { normalizeContact } from "./contact";
import { deliverCode } from "./notify";
import { answersMatch, questionText, questionsFor } from "./questions";
import { failureError, snapshotOf, type Attempt } from "./self-diagnosis";
import { activeBlock, block, countRecent, LIMITS, record } from "./throttle";

/** Flows expire 15 minutes after start (CONTRACT §3): long enough to fetch a code, short enough to abandon. */
export const FLOW_TTL_MINUTES = 15;
/**
 * Starting flows is throttled too, by what was typed (so a real and an unknown login trip
 * at the same count) and by source IP: each start writes a row, and a flood of them is
 * either a spray across accounts or a broken client.
 */
export const MAX_STARTS_PER_LOGIN_HOUR = 10;
export const MAX_STARTS_PER_IP_HOUR = 100;
/** What an unknown tenant offers: the contract's default policy. */
const DEFAULT_METHODS: Method[] = ["email", "mobile_sms"];
const APP_METHODS: readonly Method[] = ["authenticator_code", "authenticator_notification"];

type Flow = typeof resetFlows.$inferSelect;
type Who = { userId: string | null; tenantId: string | null };
type Ctx = { ip?: string; locale: "en" | "lv" };

const whoOf = (flow: Flow): Who => ({ userId: flow.userId, tenantId: flow.tenantId });

function tenantMethods(db: Db, tenantId: string | null): Method[] {
  if (!tenantId) return DEFAULT_METHODS;
  const row = db.select({ m: policies.methodsAllowed }).from(policies).where(eq(policies.tenantId, tenantId)).get();
  return (row?.m as Method[] | undefined) ?? DEFAULT_METHODS;
}

/**
 * Start a reset for a login. The answer is the same for a real and an unknown login
 * but for its flowId: the tenant's allowed method types, never the user's own values.
 */
export function startReset(deps: Deps, login: string, ctx: Ctx): { flowId: string; methods: Method[]; expiresAt: string } {
  const now = deps.clock.now();
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const key = login.trim().toLowerCase();
  const count = (column: "login" | "ip", value: string) =>
    deps.db.$client.prepare(`SELECT count(*) FROM reset_flows WHERE ${column} = ? AND created_at > ?`).pluck().get(value, hourAgo) as number;
  if (count("login", key) >= MAX_STARTS_PER_LOGIN_HOUR || (ctx.ip && count("ip", ctx.ip) >= MAX_STARTS_PER_IP_HOUR)) {
    audit(deps.db, now, { actorType: "anonymous", action: "reset.start", outcome: "failure", code: "rate_limited", ip: ctx.ip, detail: { login } });
    throw new AppError(429, "rate_limited", "Too many password resets were started from here or for this sign-in name. Try again in an hour.", { headers: { "Retry-After": "3600" } });
  }
  const user = findUser(deps.db, login);
  const matched = user && user.upn.toLowerCase() === login.toLowerCase() ? user : undefined;
  const tenantId = matched?.tenantId ?? tenantIdOfLogin(deps.db, login);
  const flowId = newId(deps.random, "flw_");
  const expiresAt = new Date(now.getTime() + FLOW_TTL_MINUTES * 60_000).toISOString();
  deps.db.insert(resetFlows).values({ id: flowId, tenantId, userId: matched?.id ?? null, state: "started", login: key, ip: ctx.ip ?? null, createdAt: now.toISOString(), expiresAt }).run();
  audit(deps.db, now, { tenantId, actorType: "anonymous", action: "reset.start", targetUserId: matched?.id, outcome: "success", ip: ctx.ip, detail: matched ? {} : { unknownLogin: login } });
  return { flowId, methods: tenantMethods(deps.db, tenantId), expiresAt };
}

/** A live flow, or the problem that says why not. */
function liveFlow(deps: Deps, flowId: string): Flow {
  const flow = deps.db.select().from(resetFlows).where(eq(resetFlows.id, flowId)).get();
  if (!flow) throw new AppError(404, "flow_not_found", "No reset flow with this id. Start again.", { field: "flowId" });
  if (flow.state === "completed" || flow.state === "completing") throw new AppError(409, "flow_completed", "This reset flow has already been completed.");
  if (flow.expiresAt <= deps.clock.now().toISOString()) {
    throw new AppError(410, "flow_expired", `Reset flows last ${FLOW_TTL_MINUTES} minutes. Start again.`);
  }
  return flow;
}

/** Refuse while the account is blocked, answering 429 with the block's end. */
async function refuseIfBlocked(deps: Deps, flow: Flow, stage: Attempt["stage"]): Promise<void> {
  const blocked = activeBlock(deps.db, flow.userId, deps.clock.now());
  if (blocked) {
    throw await failureError(deps, whoOf(flow), {
      status: 429,
      code: "reset_blocked_temporarily",
      detail: `Resets are blocked until ${blocked.until}.`,
      attempt: { stage },
      disclosure: "public",
      headers: { "Retry-After": String(Math.max(1, Math.ceil((Date.parse(blocked.until) - deps.clock.now().getTime()) / 1000))) },
    });
  }
}

/** Refuse when a limit is already reached, blocking the account for the block length. */
async function refuseAtLimit(deps: Deps, flow: Flow, kind: keyof typeof LIMITS, stage: Attempt["stage"]): Promise<void> {
  const now = deps.clock.now();
  const limit = LIMITS[kind];
  if (countRecent(deps.db, { userId: flow.userId, flowId: flow.id }, kind, now) < limit.max) return;
  const until = block(deps.db, flow.userId, limit.code, now);
  audit(deps.db, now, { tenantId: flow.tenantId, actorType: "anonymous", action: `reset.${stage}`, targetUserId: flow.userId, outcome: "failure", code: limit.code, detail: { stage, flowId: flow.id } });
  throw await failureError(deps, whoOf(flow), {
    status: 429,
    code: limit.code,
    detail: `Limit reached (${limit.max}); resets are blocked until ${until}.`,
    attempt: { stage },
    disclosure: "public",
    headers: { "Retry-After": String(24 * 3600) },
  });
}

function requireOffered(deps: Deps, flow: Flow, method: Method) {
  if (!tenantMethods(deps.db, flow.tenantId).includes(method)) {
    throw new AppError(400, "invalid_request", `method: "${method}" is not offered here.`, { field: "method" });
  }
}

export type ChallengeInput = { method: Method; contact?: string };
export type ChallengeResult =
  | { method: Method; sent: true; expiresInSeconds: number; codeLength: number }
  | { method: Method; sent: false }
  | { method: "security_questions"; questions: { id: string; text: string }[] };

/**
 * Ask for a code (the person types the full registered address or number; a code goes
 * out only when it matches, but the answer is the same either way), the questions, or
 * nothing (authenticator).
 */
export async function challenge(deps: Deps, flowId: string, input: ChallengeInput, ctx: Ctx): Promise<ChallengeResult> {
  const flow = liveFlow(deps, flowId);
  await refuseIfBlocked(deps, flow, "verify");
  requireOffered(deps, flow, input.method);
  const now = deps.clock.now();

  if (input.method === "security_questions") {
    const count = snapshotOf(deps, whoOf(flow)).policy.securityQuestions.toReset;
    const ids = flow.questionIds ?? questionsFor(deps.db, deps.instanceKey, { userId: flow.userId, login: flow.login }, count);
    deps.db.update(resetFlows).set({ questionIds: ids }).where(eq(resetFlows.id, flow.id)).run();
    audit(deps.db, now, { tenantId: flow.tenantId, actorType: "anonymous", action: "reset.challenge", targetUserId: flow.userId, outcome: "success", ip: ctx.ip, detail: { method: input.method } });
    return { method: "security_questions", questions: ids.map((id) => ({ id, text: questionText(id, ctx.locale) })) };
  }
  if (APP_METHODS.includes(input.method)) {
    audit(deps.db, now, { tenantId: flow.tenantId, actorType: "anonymous", action: "reset.challenge", targetUserId: flow.userId, outcome: "success", ip: ctx.ip, detail: { method: input.method } });
    return { method: input.method, sent: false };
  }
  if (!input.contact) {
    throw new AppError(400, "invalid_request", `contact: type the full ${input.method === "email" ? "email address" : "phone number"} you registered.`, { field: "contact" });
  }
  await refuseAtLimit(deps, flow, "code_sent", "verify");

  // The same work whether or not the contact matches: draw, hash, count.
  const code = newCode(deps.random, codeDigits(input.method));
  const codeHash = await hashCode(code);
  const typed = normalizeContact(input.method, input.contact);
  const registered = flow.userId
    ? deps.db
        .select({ value: methods.value })
        .from(methods)
        .where(and(eq(methods.userId, flow.userId), eq(methods.type, input.method), eq(methods.verified, true)))
        .all()
        .find((m) => m.value !== null && normalizeContact(input.method, m.value) === typed)
    : undefined;
  record(deps.db, { userId: flow.userId, flowId: flow.id }, "code_sent", now);
  if (registered?.value) {
    storeCode(deps.db, deps.random, flow.id, input.method, codeHash, now);
    // Delivery runs after the answer: SMTP latency must not tell a match from a miss.
    deliverCode(deps, { method: input.method, to: registered.value, code, locale: ctx.locale });
  }
  audit(deps.db, now, {
    tenantId: flow.tenantId, actorType: "anonymous", action: "reset.challenge", targetUserId: flow.userId,
    outcome: registered ? "success" : "failure", code: registered ? null : "contact_mismatch", ip: ctx.ip, detail: { method: input.method },
  });
  return { method: input.method, sent: true, expiresInSeconds: CODE_TTL_MINUTES * 60, codeLength: codeDigits(input.method) };
}

export type VerifyInput =
  | { method: Exclude<Method, "security_questions">; code: string }
  | { method: "security_questions"; answers: { questionId: string; answer: string }[] };

/**
 * What the flow's user must prove under their effective policy (admin or tenant): the
 * methods that count and how many. An unknown login is allowed nothing.
 */
function proofPolicy(deps: Deps, flow: Flow): { allows(method: Method): boolean; required: number } {
  const snapshot = snapshotOf(deps, whoOf(flow));
  if (!snapshot.user) return { allows: () => false, required: snapshot.policy.methodsRequired };
  const policy = effectivePolicy(snapshot);
  return { allows: (m) => policy.methodsAllowed.includes(m), required: policy.methodsRequired };
}

/** TOTP (RFC 6238, 30 s steps, ±1 step) against the user's authenticator, once per step. */
function checkTotp(deps: Deps, flow: Flow, code: string): boolean {
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const app = flow.userId
    ? deps.db.select().from(methods).where(and(eq(methods.userId, flow.userId), eq(methods.verified, true))).all().find((m) => APP_METHODS.includes(m.type) && m.totpSecret)
    : undefined;
  // An unknown login verifies against a throwaway secret: the same work, never a match.
  const secret = app?.totpSecret ?? "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const result = /^\d{6}$/.test(code) ? verifySync({ secret, token: code, epoch: now, epochTolerance: 30 }) : { valid: false as const };
  if (!app || !result.valid) return false;
  const step = Math.floor(now / 30) + ("delta" in result ? (result.delta ?? 0) : 0);
  if (app.totpLastStep !== null && step <= app.totpLastStep) return false; // replay of a used code
  return deps.db.update(methods).set({ totpLastStep: step }).where(and(eq(methods.id, app.id))).run().changes === 1;
}

/**
 * Check one method. Success adds it to the flow's verified methods and says how many
 * remain; failure counts towards the 24-hour limit and answers with its code.
 */
export async function verify(deps: Deps, flowId: string, input: VerifyInput, ctx: Ctx): Promise<{ verifiedMethods: Method[]; remaining: number }> {
  const flow = liveFlow(deps, flowId);
  await refuseIfBlocked(deps, flow, "verify");
  requireOffered(deps, flow, input.method);
  await refuseAtLimit(deps, flow, "verification_failed", "verify");
  const now = deps.clock.now();

  const proof = proofPolicy(deps, flow);
  let failure: FindingCode | undefined;
  if (input.method === "security_questions") {
    const asked = flow.questionIds ?? [];
    const ok = asked.length > 0 && (await answersMatch(deps.db, flow.userId, asked, input.answers));
    if (!ok || !proof.allows("security_questions")) failure = "security_answers_wrong";
  } else if (APP_METHODS.includes(input.method)) {
    if (!checkTotp(deps, flow, input.code) || !proof.allows(input.method)) failure = "verification_code_wrong";
  } else {
    const result = await checkCode(deps.db, flow.id, input.method, input.code, now);
    if (!result.ok) failure = result.reason;
    else if (!consumeCode(deps.db, result.codeId, now)) failure = "verification_code_wrong";
    else if (!proof.allows(input.method)) failure = "verification_code_wrong";
  }

  const attempt: Attempt = { stage: "verify", method: input.method, error: failure };
  if (failure) {
    record(deps.db, { userId: flow.userId, flowId: flow.id }, "verification_failed", now);
    audit(deps.db, now, { tenantId: flow.tenantId, actorType: "anonymous", action: "reset.verify", targetUserId: flow.userId, outcome: "failure", code: failure, ip: ctx.ip, detail: { stage: "verify", method: input.method, flowId: flow.id } });
    await refuseAtLimit(deps, flow, "verification_failed", "verify");
    throw await failureError(deps, whoOf(flow), {
      status: 400,
      code: failure,
      detail: failure === "verification_code_expired" ? "That code has expired. Ask for a new one." : failure === "security_answers_wrong" ? "One or more answers did not match." : "That code is not right.",
      attempt,
      disclosure: flow.verifiedMethods.length > 0 ? "verified" : "public",
    });
  }

  const verified = [...new Set([...(flow.verifiedMethods as Method[]), input.method])];
  const remaining = Math.max(0, proof.required - verified.length);
  deps.db.update(resetFlows).set({ verifiedMethods: verified, state: remaining === 0 ? "verified" : "started" }).where(eq(resetFlows.id, flow.id)).run();
  audit(deps.db, now, { tenantId: flow.tenantId, actorType: "anonymous", action: "reset.verify", targetUserId: flow.userId, outcome: "success", ip: ctx.ip, detail: { method: input.method, remaining } });
  return { verifiedMethods: verified, remaining };
}

/** Where a flow stands, for a client choosing the next step: the methods still open to it. */
export function flowProgress(deps: Deps, flowId: string): { state: Flow["state"]; verified: Method[]; methodsLeft: Method[] } | undefined {
  const flow = deps.db.select().from(resetFlows).where(eq(resetFlows.id, flowId)).get();
  if (!flow) return undefined;
  const verified = flow.verifiedMethods as Method[];
  return { state: flow.state, verified, methodsLeft: tenantMethods(deps.db, flow.tenantId).filter((m) => !verified.includes(m)) };
}

export { liveFlow, refuseAtLimit, whoOf, type Flow, type Ctx };
