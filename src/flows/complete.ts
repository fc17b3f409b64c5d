/**
 * Completing a verified reset: check the new password (policy, banned words, history),
 * claim the flow so only one completion can win, write back to the on-premises
 * directory when the account is synced, then in ONE transaction set the password, push
 * history, clear throttling and lockout, revoke sessions and audit. A failed writeback
 * releases the claim and changes nothing: the old password keeps working.
 */
import { and, desc, eq, isNull, notInArray } from "drizzle-orm";
import type { Deps } from "../deps";
import { passwordHistory, resetFlows, sessions, users } from "../db/schema";
import { FINDINGS, ATTEMPT_ERRORS, type FindingCode } from "../domain/catalogue";
import type { Snapshot } from "../domain/snapshot";
import { checkNewPassword, PASSWORD_HISTORY_COUNT } from "../domain/password";
import { audit } from "../audit";
import { AppError } from "../errors";
import { hashSecret, verifySecret } from "../secrets/password-hash";
import { notifyReset } from "./notify";
import { liveFlow, refuseAtLimit, whoOf, type Ctx, type Flow } from "./reset";
import { failureError, snapshotOf } from "./self-diagnosis";
import { clearThrottle, record } from "./throttle";
import type { WritebackFailureCode } from "../writeback/connector";

export type CompleteInput = { newPassword: string } | { unlockOnly: true };
export type CompleteResult = { status: "completed" | "unlocked"; passwordChanged: boolean; unlocked: boolean; writeback: "written" | "not_needed" };

/** Blockers the stored state already explains; the connector speaks for the writeback stage itself. */
function standingBlocker(deps: Deps, snapshot: Snapshot): FindingCode | undefined {
  return deps.diagnoser.findingCodes(snapshot).find((c) => {
    const f = FINDINGS[c];
    return f.severity === "blocker" && f.stage !== "writeback" && !(ATTEMPT_ERRORS as readonly string[]).includes(c);
  });
}

/** Take the flow from verified to completing; false when another request got there first. */
function claim(deps: Deps, flow: Flow): boolean {
  return deps.db.update(resetFlows).set({ state: "completing" }).where(and(eq(resetFlows.id, flow.id), eq(resetFlows.state, "verified"))).run().changes === 1;
}
function release(deps: Deps, flow: Flow) {
  deps.db.update(resetFlows).set({ state: "verified" }).where(and(eq(resetFlows.id, flow.id), eq(resetFlows.state, "completing"))).run();
}

async function fail(deps: Deps, flow: Flow, failure: FindingCode | WritebackFailureCode, detail: string, stage: "set_password" | "writeback" | "unlock", ctx: Ctx, status = 400): Promise<never> {
  // A real directory may answer with a catalogue v2 code catalogue.ts does not list yet.
  const code = failure as FindingCode;
  audit(deps.db, deps.clock.now(), { tenantId: flow.tenantId, actorType: "anonymous", action: `reset.${stage === "unlock" ? "unlock" : stage}`, targetUserId: flow.userId, outcome: "failure", code, ip: ctx.ip, detail: { stage, flowId: flow.id } });
  throw await failureError(deps, whoOf(flow), { status, code, detail, attempt: { stage, error: code }, disclosure: "verified" });
}

/** Writeback failures the person can act on are 400; a broken or refusing connector is 502. */
const writebackStatus = (code: WritebackFailureCode) => (code === "onprem_password_policy_rejected" || code === "onprem_min_password_age" ? 400 : 502);

export async function complete(deps: Deps, flowId: string, input: CompleteInput, ctx: Ctx): Promise<CompleteResult> {
  const flow = liveFlow(deps, flowId);
  if (flow.state !== "verified" || !flow.userId) {
    throw new AppError(409, "flow_not_verified", "Verify the required methods before completing the reset.");
  }
  await refuseAtLimit(deps, flow, "reset_completed", "set_password");
  // A synced account's lockout and flags are read live from its directory before deciding.
  await deps.directory.liveFacts.read(flow.userId);
  const snapshot = snapshotOf(deps, whoOf(flow));
  const blocker = standingBlocker(deps, snapshot);
  if (blocker) await fail(deps, flow, blocker, "Self-service reset cannot finish for this account; see the findings.", "set_password", ctx, 403);

  const user = deps.db.select().from(users).where(eq(users.id, flow.userId)).get()!;
  const policy = snapshot.policy;
  const synced = user.source === "synced";

  if ("unlockOnly" in input) {
    if (!policy.onPremises.allowUnlockWithoutReset) throw new AppError(403, "unlock_not_allowed", "This organization does not allow unlocking without a reset. Choose a new password instead.");
    if (!synced || !user.onPremLockedOut) throw new AppError(409, "account_not_locked", "The account is not locked, so there is nothing to unlock.");
    if (!claim(deps, flow)) throw new AppError(409, "flow_completed", "This reset flow has already been completed.");
    const result = await deps.writeback.write({ tenantId: user.tenantId, userId: user.id, upn: user.upn, unlock: true });
    if (!result.ok) {
      release(deps, flow);
      await fail(deps, flow, result.code, result.detail, "unlock", ctx, writebackStatus(result.code));
    }
    const now = deps.clock.now();
    deps.db.transaction((tx) => {
      tx.update(users).set({ onPremLockedOut: false }).where(eq(users.id, user.id)).run();
      tx.update(resetFlows).set({ state: "completed", completedAt: now.toISOString() }).where(eq(resetFlows.id, flow.id)).run();
      audit(tx as never, now, { tenantId: user.tenantId, actorType: "user", actorId: user.id, action: "reset.unlock", targetUserId: user.id, outcome: "success", ip: ctx.ip });
    });
    return { status: "unlocked", passwordChanged: false, unlocked: true, writeback: "written" };
  }

  const tenantName = deps.db.$client.prepare("SELECT name FROM tenants WHERE id = ?").pluck().get(user.tenantId) as string;
  const banned = deps.db.$client.prepare("SELECT banned_words FROM policies WHERE tenant_id = ?").pluck().get(user.tenantId) as string;
  const verdict = checkNewPassword(input.newPassword, { upn: user.upn, displayName: user.displayName, tenantName, bannedWords: JSON.parse(banned) as string[] });
  if (!verdict.ok) await fail(deps, flow, verdict.code, verdict.reason, "set_password", ctx);

  // History: the current password and the last PASSWORD_HISTORY_COUNT - 1 before it.
  const history = deps.db.select({ hash: passwordHistory.hash }).from(passwordHistory).where(eq(passwordHistory.userId, user.id)).orderBy(desc(passwordHistory.id)).limit(PASSWORD_HISTORY_COUNT - 1).all();
  const previous = [user.passwordHash, ...history.map((h) => h.hash)].filter((h): h is string => Boolean(h));
  if ((await Promise.all(previous.map((h) => verifySecret(input.newPassword, h)))).some(Boolean)) {
    await fail(deps, flow, "password_recently_used", `Choose a password you have not used for your last ${PASSWORD_HISTORY_COUNT} passwords.`, "set_password", ctx);
  }

  if (!claim(deps, flow)) throw new AppError(409, "flow_completed", "This reset flow has already been completed.");
  const newHash = await hashSecret(input.newPassword);
  let unlocked = false;
  if (synced) {
    const written = await deps.writeback.write({ tenantId: user.tenantId, userId: user.id, upn: user.upn, newPassword: input.newPassword, unlock: false });
    if (!written.ok) {
      release(deps, flow);
      await fail(deps, flow, written.code, written.detail, "writeback", ctx, writebackStatus(written.code));
    }
    if (user.onPremLockedOut) {
      // A reset clears the lockout when the connector may write lockoutTime; if not, the reset still stands.
      unlocked = (await deps.writeback.write({ tenantId: user.tenantId, userId: user.id, upn: user.upn, unlock: true })).ok;
    }
  }

  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    if (user.passwordHash) tx.insert(passwordHistory).values({ userId: user.id, hash: user.passwordHash, createdAt: now.toISOString() }).run();
    const keep = tx.select({ id: passwordHistory.id }).from(passwordHistory).where(eq(passwordHistory.userId, user.id)).orderBy(desc(passwordHistory.id)).limit(PASSWORD_HISTORY_COUNT).all().map((r) => r.id);
    tx.delete(passwordHistory).where(and(eq(passwordHistory.userId, user.id), notInArray(passwordHistory.id, keep.length ? keep : [-1]))).run();
    tx.update(users).set({ passwordHash: newHash, passwordLastSetAt: now.toISOString(), ...(unlocked && { onPremLockedOut: false }) }).where(eq(users.id, user.id)).run();
    clearThrottle(tx as never, user.id);
    record(tx as never, { userId: user.id, flowId: flow.id }, "reset_completed", now);
    tx.update(sessions).set({ revokedAt: now.toISOString() }).where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt))).run();
    tx.update(resetFlows).set({ state: "completed", completedAt: now.toISOString() }).where(eq(resetFlows.id, flow.id)).run();
    audit(tx as never, now, { tenantId: user.tenantId, actorType: "user", actorId: user.id, action: "reset.complete", targetUserId: user.id, outcome: "success", ip: ctx.ip, detail: { writeback: synced, unlocked } });
  });
  notifyReset(deps, user.id, policy.notifications, ctx.locale);
  return { status: "completed", passwordChanged: true, unlocked, writeback: synced ? "written" : "not_needed" };
}
