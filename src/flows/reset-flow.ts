/**
 * The reset-flow kernel: the persisted state machine every step of flows/reset.ts and
 * flows/complete.ts stands on — started → (challenge, verify)* → verified → completing →
 * completed. Each step builds one `StepContext` (the live flow, the clock's now, ONE
 * snapshot, ONE policy read from it) and hands it to every decision: the offered
 * methods, what counts as proof, the refusals for blocks and limits, and the failure
 * diagnosis. Refusals are audited with the real step, IP and reason before they throw.
 */
import type { Deps } from "../deps";
import { audit } from "../db/audit";
import type { Method } from "../domain/catalogue";
import { effectivePolicy } from "../domain/policy";
import type { Snapshot } from "../domain/snapshot";
import { BUDGETS, loginKey, type BudgetName } from "../domain/throttle";
import { flowById, recordAttempt, setVerified, type Flow } from "../db/reset-flows";
import { activeBlock, block, countRecent } from "../db/throttle";
import { AppError } from "../errors";
import { failureError, snapshotOf, type Attempt, type Who } from "./self-diagnosis";

/** Flows expire 15 minutes after start (CONTRACT §3): long enough to fetch a code, short enough to abandon. */
export const FLOW_TTL_MINUTES = 15;
/** One app on one device: its code and its notification are ONE method (CATALOGUE v2 correction). */
export const APP_METHODS: readonly Method[] = ["authenticator_code", "authenticator_notification"];

export type Ctx = { ip?: string; locale: "en" | "lv" };
export type { Flow };
/** The action a step is audited under. */
export type StepName = "start" | "challenge" | "verify" | "set_password" | "writeback" | "unlock" | "complete";

/** What every step reasons about, loaded once. Before a flow exists (start) `flow` is null. */
export type Step = {
  flow: Flow | null;
  now: Date;
  who: Who;
  /** The throttle subject of the typed login. */
  key: string;
  snapshot: Snapshot;
  /** Methods that count and how many are needed: the user's effective policy; an unknown login is allowed nothing. */
  policy: { allows(method: Method): boolean; required: number };
};
export type StepContext = Step & { flow: Flow };

export const whoOf = (flow: Flow): Who => ({ userId: flow.userId, tenantId: flow.tenantId, login: flow.login });

/** The step context of a login (start) or a flow: one snapshot load, one policy read. */
export function stepOf(deps: Deps, who: Who, flow: Flow | null): Step {
  const snapshot = snapshotOf(deps, who, { domainOnly: flow === null });
  let policy: Step["policy"] = { allows: () => false, required: snapshot.policy.methodsRequired };
  if (snapshot.user) {
    const effective = effectivePolicy(snapshot);
    policy = { allows: (m) => effective.methodsAllowed.includes(m), required: effective.methodsRequired };
  }
  return { flow, now: deps.clock.now(), who, key: loginKey(who.login), snapshot, policy };
}

/** A live flow, or the problem that says why not. */
export function liveFlow(deps: Deps, flowId: string): Flow {
  const flow = flowById(deps.db, flowId);
  if (!flow) throw new AppError(404, "flow_not_found", "No reset flow with this id. Start again.", { field: "flowId" });
  if (flow.state === "completed" || flow.state === "completing")
    throw new AppError(409, "flow_completed", "This reset flow has already been completed.");
  if (flow.expiresAt <= deps.clock.now().toISOString()) {
    throw new AppError(410, "flow_expired", `Reset flows last ${FLOW_TTL_MINUTES} minutes. Start again.`);
  }
  return flow;
}

/** The context of a step on a live flow. */
export const stepContext = (deps: Deps, flowId: string): StepContext => {
  const flow = liveFlow(deps, flowId);
  return stepOf(deps, whoOf(flow), flow) as StepContext;
};

/** The method types offered: the tenant's (never the user's own, which would tell who exists). */
export const offeredMethods = (snapshot: Snapshot): Method[] => [...snapshot.policy.methodsAllowed];

export function requireOffered(step: Step, method: Method): void {
  if (!offeredMethods(step.snapshot).includes(method)) {
    throw new AppError(400, "invalid_request", `method: "${method}" is not offered here.`, { field: "method" });
  }
}

/** Audit one step of a flow (anonymous: nobody is proven yet). */
export function auditStep(
  deps: Deps,
  step: Step,
  action: StepName,
  ctx: Ctx,
  outcome: "success" | "failure",
  code?: string | null,
  detail: Record<string, unknown> = {},
): void {
  audit(deps.db, step.now, {
    tenantId: step.who.tenantId,
    actorType: "anonymous",
    action: `reset.${action}`,
    targetUserId: step.who.userId,
    outcome,
    code: code ?? null,
    ip: ctx.ip,
    detail: {
      ...(step.flow && { flowId: step.flow.id }),
      ...(step.who.userId ? {} : { login: step.who.login }),
      ...detail,
    },
  });
}

/** Keep a failed step on the flow: the snapshot's `attempt` for later diagnoses. */
export function rememberAttempt(deps: Deps, step: Step, attempt: Attempt): void {
  if (step.flow) recordAttempt(deps.db, step.flow.id, attempt, step.now);
}

const retryAfter = (until: string, now: Date) =>
  String(Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000)));

/** Refuse while the login is blocked, answering 429 with the block's end. */
export async function refuseIfBlocked(deps: Deps, step: Step, action: StepName, ctx: Ctx): Promise<void> {
  const blocked = activeBlock(deps.db, step.key, step.who.userId, step.now);
  if (!blocked) return;
  auditStep(deps, step, action, ctx, "failure", "reset_blocked_temporarily", { until: blocked.until });
  throw await failureError(deps, step.snapshot, step.who, {
    status: 429,
    code: "reset_blocked_temporarily",
    detail: `Resets are blocked until ${blocked.until}.`,
    attempt: { stage: "verify" },
    disclosure: "public",
    headers: { "Retry-After": retryAfter(blocked.until, step.now) },
  });
}

/**
 * Refuse because a budget is spent: audit it, block the login when the budget blocks,
 * and answer 429 with the budget's code and the findings that explain it.
 */
export async function refuseBudget(
  deps: Deps,
  step: Step,
  budget: BudgetName,
  action: StepName,
  ctx: Ctx,
  stage: Attempt["stage"] = "verify",
): Promise<never> {
  const limit = BUDGETS[budget];
  const until = limit.blocks ? block(deps.db, step.key, step.who.userId, limit.code, step.now) : undefined;
  auditStep(deps, step, action, ctx, "failure", limit.code, { budget, ...(until && { until }) });
  const snapshot = until
    ? { ...step.snapshot, throttle: { ...step.snapshot.throttle, blockedUntil: until } }
    : step.snapshot;
  throw await failureError(deps, snapshot, step.who, {
    status: 429,
    code: limit.code,
    detail: until
      ? `Limit reached (${limit.max}); resets are blocked until ${until}.`
      : `Limit reached (${limit.max}). Try again later.`,
    attempt: { stage },
    disclosure: "public",
    headers: { "Retry-After": until ? retryAfter(until, step.now) : String(Math.ceil(limit.windowMs / 1000)) },
  });
}

/** Refuse when a login budget is already spent (told at the first step, not the last). */
export async function refuseAtLimit(
  deps: Deps,
  step: Step,
  budget: BudgetName,
  action: StepName,
  ctx: Ctx,
): Promise<void> {
  if (countRecent(deps.db, budget, step.key, step.now, step.who.userId).n >= BUDGETS[budget].max) {
    await refuseBudget(deps, step, budget, action, ctx, budget === "reset_completed" ? "set_password" : "verify");
  }
}

/**
 * Add a proven method to the flow and say how many remain. The app's two methods are one:
 * both in the list still count once.
 */
export function markVerified(
  deps: Deps,
  step: StepContext,
  method: Method,
): { verifiedMethods: Method[]; remaining: number } {
  const verified = [...new Set([...(step.flow.verifiedMethods as Method[]), method])];
  const distinct = new Set(verified.map((m) => (APP_METHODS.includes(m) ? "app" : m))).size;
  const remaining = Math.max(0, step.policy.required - distinct);
  setVerified(deps.db, step.flow.id, verified, remaining === 0);
  return { verifiedMethods: verified, remaining };
}

/** Where a flow stands, for a client choosing the next step: the methods still open to it. */
export function flowProgress(
  deps: Deps,
  flowId: string,
): { state: Flow["state"]; verified: Method[]; methodsLeft: Method[] } | undefined {
  const flow = flowById(deps.db, flowId);
  if (!flow) return undefined;
  const verified = flow.verifiedMethods as Method[];
  const appUsed = verified.some((m) => APP_METHODS.includes(m));
  const snapshot = snapshotOf(deps, whoOf(flow));
  return {
    state: flow.state,
    verified,
    methodsLeft: offeredMethods(snapshot).filter((m) => !verified.includes(m) && !(appUsed && APP_METHODS.includes(m))),
  };
}
