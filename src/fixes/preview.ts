/**
 * The dry run of a fix: for a database fix, the exact changes it would make to this
 * target now (and, when it changes the tenant, how many users' verdicts would change);
 * for a message, the messages; for anything we cannot do ourselves, the guidance or
 * runbook. Nothing is written. Any staff role may preview any fix.
 */
import type { Deps } from "../deps";
import type { FindingCode, FixId } from "../domain/catalogue";
import { AppError } from "../errors";
import type { Change, Guidance } from "./definition";
import { impactOf, type Impact } from "./impact";
import { parseParams } from "./params";
import { applyRefusal, type Operator } from "./permission";
import { findFix, fixInfo, type FixInfo } from "./registry";
import { fixContext, presence, resolveTarget, targetRef, type TargetRef, type TargetRequest } from "./target";

export type PreviewRequest = TargetRequest & { params?: unknown };

export type PreviewResult = {
  fix: FixInfo;
  target: TargetRef;
  /** At least one finding the fix addresses is present (for a tenant: in at least one user). */
  applicable: boolean;
  /** Those findings (for a tenant: across its users). */
  present: FindingCode[];
  /** Tenant targets: how many users have at least one of them. */
  affectedUsers?: number;
  /** Whether the caller's role could apply it to this target now, and if not, why. */
  mayApply: boolean;
  whyNot?: string;
  params?: Record<string, unknown>;
  changes: Change[];
  impact?: Impact;
  messages?: { to: string; subject: string; text: string }[];
  guidance?: Guidance;
};

/** The fix of a catalogue id; 404 fix_not_found otherwise. @example fixOr404("clear_throttle").automatic; // true */
export function fixOr404(id: string) {
  const spec = findFix(id);
  if (!spec) throw new AppError(404, "fix_not_found", `No fix "${id}". GET /api/v1/fixes lists them.`, { field: "id" });
  return spec;
}

/**
 * What a fix would do to a target, without doing it.
 *
 * @example
 * const p = previewFix(deps, operator, "enable_account", { user: "dana.disabled@contoso.example" });
 * p.changes; // [{ entity: "user", key: "usr-dana.disabled", field: "enabled", before: false, after: true }]
 */
export function previewFix(deps: Deps, operator: Operator, id: string, req: PreviewRequest): PreviewResult {
  const spec = fixOr404(id);
  const info = fixInfo(id as FixId);
  const params = parseParams(spec, req.params);
  const now = deps.clock.now();
  const target = resolveTarget(deps, now, spec, req);
  const ctx = fixContext(deps, now, target, params);
  const found = presence(ctx, info.addresses);
  const present = info.addresses.filter((c) => found.some((p) => p.present.includes(c)));
  const base = {
    fix: info,
    target: targetRef(target),
    applicable: found.length > 0,
    present,
    ...(target.user ? {} : { affectedUsers: found.length }),
  };

  if (!spec.automatic) {
    return {
      ...base,
      mayApply: false,
      whyNot: "Nothing to apply: this fix is done by a person; follow the guidance.",
      changes: [],
      guidance: spec.guidance(ctx),
    };
  }
  const refusal = applyRefusal(operator.role, info.actor, target.user?.roles);
  if (!base.applicable) {
    return {
      ...base,
      mayApply: false,
      whyNot: refusal ?? `None of the findings it addresses (${info.addresses.join(", ")}) is present.`,
      changes: [],
    };
  }
  const plan = spec.plan(ctx);
  const whyNot = refusal ?? plan.refusal?.detail ?? (plan.changes.length ? undefined : "Nothing to change.");
  return {
    ...base,
    mayApply: whyNot === undefined,
    ...(whyNot ? { whyNot } : {}),
    params: plan.params,
    changes: plan.changes,
    ...(spec.scope === "tenant" && plan.changes.length
      ? { impact: impactOf(deps, target.tenant.id, plan, info.addresses) }
      : {}),
    ...(plan.messages ? { messages: plan.messages.map((m) => ({ to: m.to, subject: m.subject, text: m.text })) } : {}),
  };
}
