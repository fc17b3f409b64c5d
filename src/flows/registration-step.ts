/**
 * The registration step kernel: what every change to a signed-in user's security info
 * stands on, built once per step — the hourly step budget reserved first (cheap, atomic,
 * domain/throttle.ts `registration_step`), then ONE snapshot of the user and ONE read of
 * their effective policy — and the ways a step ends in the audit log: `auditStep` for
 * what happened, `refuse` for a refusal (audited with its code, field and IP, then thrown),
 * `commitStep` for a change (written and audited together, then told to its owner).
 */
import { audit, type AuditAction, type AuditEntry } from "../db/audit";
import { inTransaction, type Tx } from "../db/client";
import { reserve } from "../db/throttle";
import type { Deps } from "../deps";
import { effectivePolicy, type EffectivePolicy } from "../domain/policy";
import type { Snapshot } from "../domain/snapshot";
import { accountKey, BUDGETS } from "../domain/throttle";
import { AppError } from "../errors";
import { snapshotForUser } from "../db/snapshots";
import { notifySecurityInfoChanged, type SecurityInfoChange } from "./notify";
import type { RequestCtx, SessionUser } from "./session";

export type RegistrationStep = {
  deps: Deps;
  session: SessionUser;
  /** The audit action, e.g. `me.method_add`. */
  action: AuditAction;
  ctx: RequestCtx;
  now: Date;
  snapshot: Snapshot;
  policy: EffectivePolicy;
};

/** The stored state of the session's user; a user deleted under a live session is signed out. */
export function userSnapshot(deps: Deps, session: SessionUser): Snapshot {
  const loaded = snapshotForUser(deps.db, deps.clock.now(), session.userId);
  if (!loaded) throw new AppError(401, "unauthorized", "Sign in to manage your security info.");
  return loaded.snapshot;
}

type StepBase = Pick<RegistrationStep, "deps" | "session" | "action" | "ctx">;

/** The user acting on their own account, as every registration step's audit row names them. */
function entryOf(
  { session, action, ctx }: StepBase,
  outcome: "success" | "failure",
  code?: string | null,
  detail?: Record<string, unknown>,
): AuditEntry {
  return {
    tenantId: session.tenantId,
    actorType: "user",
    actorId: session.userId,
    action,
    targetUserId: session.userId,
    outcome,
    code: code ?? null,
    ip: ctx.ip,
    detail,
  };
}

/** Audit what a step did. */
export function auditStep(
  step: StepBase,
  outcome: "success" | "failure",
  code?: string | null,
  detail?: Record<string, unknown>,
): void {
  audit(step.deps.db, step.deps.clock.now(), entryOf(step, outcome, code, detail));
}

/**
 * End a step that changed something: `write` and the success audit commit together (the
 * log never claims a change that did not land, nor misses one that did); then, for a
 * change to security info, the owner hears of it at the addresses they already had
 * (`except`: one not to write to, such as the address just added).
 */
export function commitStep(
  step: StepBase,
  at: Date,
  detail: Record<string, unknown>,
  write: (tx: Tx) => void,
  notice?: { change: SecurityInfoChange; except?: string },
): void {
  inTransaction(step.deps.db, (tx) => {
    write(tx);
    audit(tx, at, entryOf(step, "success", null, detail));
  });
  if (notice) notifySecurityInfoChanged(step.deps, step.session, notice.change, step.ctx.locale, notice.except);
}

/** Audit a refused step and throw its error. */
export function refuse(step: StepBase, err: AppError, detail?: Record<string, unknown>): never {
  auditStep(step, "failure", err.code, { ...detail, ...(err.extra.field && { field: err.extra.field }) });
  throw err;
}

/**
 * Count a code check as a wrong code before making it, so parallel guesses cannot outrun
 * the limit (`release` the ids when the code was right); refused (429) at the limit.
 */
export function reserveCodeCheck(step: StepBase, now: Date, detail: Record<string, unknown>): number[] {
  const { deps, session } = step;
  const reserved = reserve(
    deps.db,
    [{ budget: "registration_verification_failed", key: accountKey(session.userId) }],
    { userId: null },
    now,
  );
  if (reserved.ok) return reserved.ids;
  return refuse(
    step,
    new AppError(
      429,
      "too_many_failed_verifications",
      `${BUDGETS.registration_verification_failed.max} wrong codes in 24 hours; try again tomorrow or ask your helpdesk.`,
      { headers: { "Retry-After": String(24 * 3600) } },
    ),
    detail,
  );
}

/**
 * Begin a step: refuse (429) when the account used its hourly budget — the step is
 * counted atomically with the check, and refusals for the budget itself are not — then
 * load the user's state once.
 */
export function beginStep(deps: Deps, session: SessionUser, action: AuditAction, ctx: RequestCtx): RegistrationStep {
  const now = deps.clock.now();
  const base = { deps, session, action, ctx };
  if (!reserve(deps.db, [{ budget: "registration_step", key: accountKey(session.userId) }], { userId: null }, now).ok) {
    const max = BUDGETS.registration_step.max;
    refuse(
      base,
      new AppError(
        429,
        "too_many_registration_changes",
        `Too many changes to your security info in the last hour (${max}). Try again later.`,
        { headers: { "Retry-After": "3600" } },
      ),
    );
  }
  const snapshot = userSnapshot(deps, session);
  return { ...base, now, snapshot, policy: effectivePolicy(snapshot) };
}
