/**
 * Applying a fix, with proof. Inside ONE better-sqlite3 transaction: re-read the target,
 * check that a finding the fix addresses is present (else 409 fix_not_applicable, nothing
 * written), write the plan, re-diagnose through the compiled rules, and commit only when
 * every addressed finding that was present is gone (else roll back: 409 fix_did_not_help
 * with both diagnoses). The audit row and both diagnoses are written in the same
 * transaction. Messages go out after the commit.
 */
import { inTransaction } from "../db/client";
import { storeDiagnosis } from "../db/diagnoses";
import { snapshotsForTenant } from "../db/snapshots";
import type { Deps } from "../deps";
import type { OutgoingMail } from "../delivery/mailer";
import type { Actor, FindingCode, FixId } from "../domain/catalogue";
import type { Diagnosis } from "../diagnosis/findings";
import type { Snapshot } from "../domain/snapshot";
import { audit } from "../db/audit";
import { AppError, type ProblemCode } from "../errors";
import { newReferenceId } from "../diagnosis/reference-id";
import type { Change, Guidance } from "./definition";
import { parseParams } from "./params";
import { applyRefusal, type Operator } from "./permission";
import { fixOr404 } from "./preview";
import { fixInfo, type FixInfo } from "./registry";
import {
  fixContext,
  presence,
  reloadTarget,
  resolveTarget,
  targetRef,
  type Presence,
  type Target,
  type TargetRef,
  type TargetRequest,
} from "./target";

/** `reason`: why the fix is applied (a ticket id or a sentence), kept in the audit row; HTTP and the page require it. */
export type ApplyRequest = TargetRequest & { params?: unknown; reason?: string };

export type ApplyResult = {
  fix: FixInfo;
  target: TargetRef;
  params: Record<string, unknown>;
  changes: Change[];
  /** The target user's diagnosis before and after (for a tenant target: the first affected user's). */
  before: Diagnosis;
  after: Diagnosis;
  audited: true;
  /** Message fixes: the addresses the message went to. */
  delivered?: string[];
  /** Tenant targets: every affected user was proved; `witness` is the user whose diagnoses are shown. */
  tenant?: { users: number; cleared: number; witness: string };
};

/** The problem code when staff try to apply a fix only a person can do. */
const MANUAL_CODES: Record<Actor, ProblemCode> = {
  user: "fix_is_a_user_step",
  wait: "fix_is_a_wait",
  onprem_admin: "fix_needs_onprem_admin",
  admin: "fix_is_manual",
  helpdesk: "fix_is_manual",
};

/**
 * A fix that is not automatic: 409 with its guidance, nothing changed.
 * @example throw manualRefusal(fixInfo("register_methods"), ref, guidance); // 409 fix_is_a_user_step
 */
export function manualRefusal(info: FixInfo, target: TargetRef | undefined, guidance: Guidance | undefined): AppError {
  const who = {
    user: "a step the user takes themselves",
    wait: "waiting",
    onprem_admin: "work for an on-premises administrator",
    admin: "a manual review by an administrator",
    helpdesk: "manual",
  }[info.actor];
  return new AppError(
    409,
    MANUAL_CODES[info.actor],
    `${info.id} is ${who}; nothing was changed. Follow the guidance.`,
    {
      body: { fix: info, ...(target ? { target } : {}), ...(guidance ? { guidance } : {}) },
    },
  );
}

function notApplicable(info: FixInfo, target: Target, detail: string, reason?: string): AppError {
  return new AppError(409, "fix_not_applicable", `${detail} Nothing was changed.`, {
    body: { fix: info, target: targetRef(target), addresses: info.addresses, ...(reason ? { reason } : {}) },
  });
}

/** Thrown inside the transaction to roll it back when the proof fails. */
class ProofFailed extends Error {
  constructor(
    readonly changes: Change[],
    readonly params: Record<string, unknown>,
    readonly before: Diagnosis,
    readonly after: Diagnosis,
    readonly stillPresent: FindingCode[],
  ) {
    super("fix did not help");
  }
}

/**
 * The proof: every user who had an addressed finding, re-read as the transaction now
 * sees them; which of those findings remain, how many users lost them all, and the
 * witness's (the first affected user's) snapshot after.
 */
function proof(
  deps: Deps,
  now: Date,
  target: Target,
  found: Presence,
): { still: FindingCode[]; cleared: number; witnessAfter: Snapshot } {
  const had = new Map(found.map((p) => [p.user.userId, p.present]));
  const after = target.user
    ? [{ userId: target.user.id, snapshot: reloadTarget(deps, now, target).user!.snapshot }]
    : snapshotsForTenant(deps.db, now, target.tenant.id).filter((u) => had.has(u.userId));
  const still = new Set<FindingCode>();
  let cleared = 0;
  for (const u of after) {
    const codes = deps.diagnoser.findingCodes(u.snapshot);
    const left = had.get(u.userId)!.filter((c) => codes.includes(c));
    for (const c of left) still.add(c);
    if (left.length === 0) cleared++;
  }
  const witnessAfter = after.find((u) => u.userId === found[0]!.user.userId)?.snapshot ?? found[0]!.user.snapshot;
  return { still: [...still], cleared, witnessAfter };
}

/**
 * Apply a fix to a target as `operator`, proving it worked.
 *
 * @example
 * const r = await applyFix(deps, { id: "tok_1", name: "Ann", role: "helpdesk" }, "clear_throttle", { user: "bob.blocked@contoso.example" });
 * r.before.primary; // "reset_blocked_temporarily"
 * r.after.verdict;  // "can_reset"
 */
export async function applyFix(
  deps: Deps,
  operator: Operator,
  id: string,
  req: ApplyRequest,
  opts: { ip?: string } = {},
): Promise<ApplyResult> {
  if (operator.role === "support") throw new AppError(403, "forbidden", applyRefusal("support", "admin")!);
  const spec = fixOr404(id);
  const info = fixInfo(id as FixId);
  // The actor check needs no state, so it comes before any lookup.
  if (spec.automatic) {
    const refusal = applyRefusal(operator.role, info.actor);
    if (refusal) throw new AppError(403, "forbidden", refusal);
  }
  const params = parseParams(spec, req.params);
  const now = deps.clock.now();
  const target = resolveTarget(deps, now, spec, req);
  if (!spec.automatic)
    throw manualRefusal(info, targetRef(target), spec.guidance(fixContext(deps, now, target, params)));
  const refusal = applyRefusal(operator.role, info.actor, target.user?.roles);
  if (refusal) throw new AppError(403, "forbidden", refusal);

  // Before any work outside the database, make sure there is something to fix.
  const firstLook = fixContext(deps, now, target, params);
  if (presence(firstLook, info.addresses).length === 0)
    throw notApplicable(
      info,
      target,
      `None of the findings ${id} addresses (${info.addresses.join(", ")}) is present for ${label(target)}.`,
    );
  if (spec.external) await spec.external(firstLook);

  let outcome: { result: ApplyResult; messages: OutgoingMail[] };
  try {
    outcome = inTransaction(deps.db, (tx) => {
      const fresh = reloadTarget(deps, now, target);
      const ctx = fixContext(deps, now, fresh, params);
      const found = presence(ctx, info.addresses);
      if (found.length === 0)
        throw notApplicable(
          info,
          fresh,
          `None of the findings ${id} addresses is present for ${label(fresh)} any more.`,
        );
      const plan = spec.plan(ctx);
      if (plan.refusal) throw notApplicable(info, fresh, plan.refusal.detail, plan.refusal.reason);
      if (plan.changes.length === 0)
        throw notApplicable(info, fresh, `${id} would change nothing for ${label(fresh)}.`);
      plan.write(tx);

      const witness = found[0]!;
      const { still, cleared, witnessAfter } = proof(deps, now, fresh, found);
      const before = deps.diagnoser.diagnoseCompiled(witness.user.snapshot, { id: newReferenceId(deps.random) });
      const afterDiagnosis = deps.diagnoser.diagnoseCompiled(witnessAfter, { id: newReferenceId(deps.random) });
      if (spec.proof === "finding_cleared" && still.length > 0)
        throw new ProofFailed(plan.changes, plan.params, before, afterDiagnosis, still);

      const owner = { tenantId: fresh.tenant.id, userId: witness.user.userId };
      storeDiagnosis(tx, now, before, owner);
      storeDiagnosis(tx, now, afterDiagnosis, owner);
      audit(tx, now, {
        tenantId: fresh.tenant.id,
        actorType: "staff",
        actorId: operator.id,
        action: `fix.${info.id}`,
        targetUserId: fresh.user?.id ?? null,
        outcome: "success",
        ip: opts.ip ?? null,
        detail: {
          actorName: operator.name,
          // Why staff applied it (required by the API, the fix page and the bulk page), so the log answers "why" as well as "what".
          ...(req.reason ? { reason: req.reason } : {}),
          params: plan.params,
          changes: plan.changes,
          before: { id: before.id, verdict: before.verdict, primary: before.primary },
          after: { id: afterDiagnosis.id, verdict: afterDiagnosis.verdict, primary: afterDiagnosis.primary },
          ...(fresh.user ? {} : { witness: witness.user.upn, users: found.length }),
        },
      });
      const result: ApplyResult = {
        fix: info,
        target: targetRef(fresh),
        params: plan.params,
        changes: plan.changes,
        before,
        after: afterDiagnosis,
        audited: true,
        ...(fresh.user ? {} : { tenant: { users: found.length, cleared, witness: witness.user.upn } }),
      };
      return { result, messages: plan.messages ?? [] };
    });
  } catch (err) {
    if (!(err instanceof ProofFailed)) throw err;
    // Rolled back: record the attempt (a failure row; nothing else was written).
    audit(deps.db, now, {
      tenantId: target.tenant.id,
      actorType: "staff",
      actorId: operator.id,
      action: `fix.${info.id}`,
      targetUserId: target.user?.id ?? null,
      outcome: "failure",
      code: "fix_did_not_help",
      ip: opts.ip ?? null,
      detail: {
        actorName: operator.name,
        ...(req.reason ? { reason: req.reason } : {}),
        params: err.params,
        changes: err.changes,
        stillPresent: err.stillPresent,
      },
    });
    throw new AppError(
      409,
      "fix_did_not_help",
      `${id} was rolled back: ${err.stillPresent.join(", ")} would still be present for ${label(target)}. Nothing was changed.`,
      {
        diagnosisId: err.after.id,
        body: {
          fix: info,
          target: targetRef(target),
          params: err.params,
          changes: err.changes,
          before: err.before,
          after: err.after,
          stillPresent: err.stillPresent,
        },
      },
    );
  }

  if (outcome.messages.length)
    outcome.result.delivered = await deliver(deps, operator, info.id, target, outcome.messages, now);
  return outcome.result;
}

const label = (t: Target) => t.user?.upn ?? `any user of ${t.tenant.domain}`;

/** Send after the commit; if nothing could be delivered, say so and record it (a later retry is then allowed). */
async function deliver(
  deps: Deps,
  operator: Operator,
  id: FixId,
  target: Target,
  messages: OutgoingMail[],
  now: Date,
): Promise<string[]> {
  const delivered: string[] = [];
  for (const m of messages) {
    try {
      await deps.mailer.send(m);
      delivered.push(m.to);
    } catch (err) {
      deps.log.warn("fix message not delivered", { fix: id, error: String(err) });
    }
  }
  if (delivered.length === 0) {
    audit(deps.db, now, {
      tenantId: target.tenant.id,
      actorType: "staff",
      actorId: operator.id,
      action: `fix.${id}`,
      targetUserId: target.user?.id ?? null,
      outcome: "failure",
      code: "delivery_failed",
      detail: { actorName: operator.name },
    });
    throw new AppError(
      502,
      "delivery_failed",
      `The mail server did not accept the message for ${label(target)}; it can be sent again.`,
    );
  }
  return delivered;
}
