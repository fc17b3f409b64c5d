/**
 * Completing a verified reset: check the new password (policy, banned words, history),
 * claim the flow so only one completion can win, write back to the on-premises
 * directory when the account is synced, then in ONE transaction set the password, push
 * history, clear throttling and lockout, revoke sessions and audit. A failed writeback
 * releases the claim and changes nothing: the old password keeps working.
 */
import type { Deps } from "../deps";
import type { FindingCode } from "../domain/catalogue";
import { checkNewPassword, PASSWORD_HISTORY_COUNT } from "../domain/password";
import { BUDGETS } from "../domain/throttle";
import { inTransaction } from "../db/client";
import {
  claimFlow,
  clearOnPremLockout,
  markCompleted,
  passwordContext,
  recentPasswordHashes,
  releaseFlow,
  setPassword,
  userById,
} from "../db/reset-flows";
import { block, clearThrottle, countRecent, record } from "../db/throttle";
import { audit } from "../db/audit";
import { AppError } from "../errors";
import { hashSecret, verifySecret } from "../secrets/password-hash";
import { notifyReset } from "./notify";
import { auditStep, refuseAtLimit, rememberAttempt, stepContext, type Ctx, type StepContext } from "./reset-flow";
import { failureError } from "./self-diagnosis";
import { standingBlocker } from "./standing-blocker";
import type { WritebackFailureCode, WritebackRequest } from "../writeback/connector";

export type CompleteInput = { newPassword: string } | { unlockOnly: true };
export type CompleteResult = {
  status: "completed" | "unlocked";
  passwordChanged: boolean;
  unlocked: boolean;
  writeback: "written" | "not_needed";
};

async function fail(
  deps: Deps,
  step: StepContext,
  failure: FindingCode | WritebackFailureCode,
  detail: string,
  stage: "set_password" | "writeback" | "unlock",
  ctx: Ctx,
  status = 400,
): Promise<never> {
  // A real directory may answer with a catalogue v2 code catalogue.ts does not list yet.
  const code = failure as FindingCode;
  rememberAttempt(deps, step, { stage, error: code });
  auditStep(deps, step, stage, ctx, "failure", code, { stage });
  throw await failureError(deps, step.snapshot, step.who, {
    status,
    code,
    detail,
    attempt: { stage, error: code },
    disclosure: "verified",
  });
}

/** Writeback failures the person can act on are 400; a broken or refusing connector is 502. */
const writebackStatus = (code: WritebackFailureCode) =>
  code === "onprem_password_policy_rejected" || code === "onprem_min_password_age" ? 400 : 502;

/** Claim the flow before any write, so two parallel completions cannot both write. */
function claim(deps: Deps, flowId: string): void {
  if (!claimFlow(deps.db, flowId))
    throw new AppError(409, "flow_completed", "This reset flow has already been completed.");
}

/** Write to the user's directory; a refusal releases the claim (the flow can be completed again) and fails the step. */
async function writeOrFail(
  deps: Deps,
  step: StepContext,
  stage: "writeback" | "unlock",
  ctx: Ctx,
  request: WritebackRequest,
): Promise<void> {
  const result = await deps.writeback.write(request);
  if (!result.ok) {
    releaseFlow(deps.db, step.flow.id);
    await fail(deps, step, result.code, result.detail, stage, ctx, writebackStatus(result.code));
  }
}

export async function complete(deps: Deps, flowId: string, input: CompleteInput, ctx: Ctx): Promise<CompleteResult> {
  let step = stepContext(deps, flowId);
  // A synced account's lockout and flags are read live from its directory before deciding.
  if (step.flow.userId && (await deps.directory.liveFacts.read(step.flow.userId)).status !== "not_applicable")
    step = stepContext(deps, flowId);
  const { flow, snapshot } = step;
  if (flow.state !== "verified" || !flow.userId) {
    throw new AppError(409, "flow_not_verified", "Verify the required methods before completing the reset.");
  }
  await refuseAtLimit(deps, step, "reset_completed", "set_password", ctx);
  const blocker = standingBlocker(deps, snapshot, { includeWriteback: false });
  if (blocker)
    await fail(
      deps,
      step,
      blocker,
      "Self-service reset cannot finish for this account; see the findings.",
      "set_password",
      ctx,
      403,
    );

  const user = userById(deps.db, flow.userId)!;
  const policy = snapshot.policy;
  const synced = user.source === "synced";

  if ("unlockOnly" in input) {
    if (!policy.onPremises.allowUnlockWithoutReset)
      throw new AppError(
        403,
        "unlock_not_allowed",
        "This organization does not allow unlocking without a reset. Choose a new password instead.",
      );
    if (!synced || !user.onPremLockedOut)
      throw new AppError(409, "account_not_locked", "The account is not locked, so there is nothing to unlock.");
    claim(deps, flow.id);
    await writeOrFail(deps, step, "unlock", ctx, {
      tenantId: user.tenantId,
      userId: user.id,
      upn: user.upn,
      unlock: true,
    });
    const now = deps.clock.now();
    inTransaction(deps.db, (tx) => {
      clearOnPremLockout(tx, user.id);
      markCompleted(tx, flow.id, now);
      audit(tx, now, {
        tenantId: user.tenantId,
        actorType: "user",
        actorId: user.id,
        action: "reset.unlock",
        targetUserId: user.id,
        outcome: "success",
        ip: ctx.ip,
      });
    });
    return { status: "unlocked", passwordChanged: false, unlocked: true, writeback: "written" };
  }

  const { tenantName, bannedWords } = passwordContext(deps.db, user.tenantId);
  const verdict = checkNewPassword(input.newPassword, {
    upn: user.upn,
    displayName: user.displayName,
    tenantName,
    bannedWords,
  });
  if (!verdict.ok) await fail(deps, step, verdict.code, verdict.reason, "set_password", ctx);

  // History: the current password and the last PASSWORD_HISTORY_COUNT - 1 before it.
  const previous = recentPasswordHashes(deps.db, user, PASSWORD_HISTORY_COUNT - 1);
  if ((await Promise.all(previous.map((h) => verifySecret(input.newPassword, h)))).some(Boolean)) {
    await fail(
      deps,
      step,
      "password_recently_used",
      `Choose a password you have not used for your last ${PASSWORD_HISTORY_COUNT} passwords.`,
      "set_password",
      ctx,
    );
  }

  claim(deps, flow.id);
  const newHash = await hashSecret(input.newPassword);
  let unlocked = false;
  if (synced) {
    await writeOrFail(deps, step, "writeback", ctx, {
      tenantId: user.tenantId,
      userId: user.id,
      upn: user.upn,
      newPassword: input.newPassword,
      unlock: false,
    });
    if (user.onPremLockedOut) {
      // A reset clears the lockout when the connector may write lockoutTime; if not, the reset still stands.
      unlocked = (await deps.writeback.write({ tenantId: user.tenantId, userId: user.id, upn: user.upn, unlock: true }))
        .ok;
    }
  }

  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    setPassword(tx, user, newHash, now, PASSWORD_HISTORY_COUNT, unlocked);
    clearThrottle(tx, user.id, step.key);
    record(tx, [{ budget: "reset_completed", key: step.key }], { userId: user.id, flowId: flow.id }, now);
    // The limit's last reset blocks at once: the next attempt is told at its first step.
    if (countRecent(tx, "reset_completed", step.key, now, user.id).n >= BUDGETS.reset_completed.max)
      block(tx, step.key, user.id, "too_many_resets", now);
    markCompleted(tx, flow.id, now);
    audit(tx, now, {
      tenantId: user.tenantId,
      actorType: "user",
      actorId: user.id,
      action: "reset.complete",
      targetUserId: user.id,
      outcome: "success",
      ip: ctx.ip,
      detail: { writeback: synced, unlocked },
    });
  });
  notifyReset(deps, user.id, policy.notifications, ctx.locale);
  return { status: "completed", passwordChanged: true, unlocked, writeback: synced ? "written" : "not_needed" };
}
