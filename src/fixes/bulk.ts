/**
 * Bulk fixes: one per-user fix applied to every user of a sweep bucket (the users with
 * one finding code in a tenant), each in its own transaction through the same path as a
 * single apply — so each is proved and audited alone, one failure does not undo the
 * others, and running it again skips whoever no longer needs it.
 */
import type { Deps } from "../deps";
import { isFindingCode, type FindingCode, type FixId } from "../domain/catalogue";
import { AppError } from "../errors";
import type { BulkOutcome } from "../db/bulk-jobs";
import { findTenant, type TenantRef } from "../db/tenants";
import { tenantSweep } from "../flows/diagnosis";
import { applyFix, manualRefusal } from "./apply";
import { parseParams } from "./params";
import { applyRefusal, type Operator } from "./permission";
import { fixOr404 } from "./preview";
import { fixInfo } from "./registry";

export type BulkRequest = { tenant: string; code: string; params?: unknown };
export type { BulkOutcome };
export type BulkSummary = {
  fix: FixId;
  tenant: TenantRef;
  code: FindingCode;
  attempted: number;
  applied: number;
  skipped: number;
  failed: number;
  users: { upn: string; outcome: BulkOutcome; code?: string }[];
};

/** Yield to the event loop this often, so a long bulk run does not stall other requests. */
const YIELD_EVERY = 25;

/** How a single apply's refusal counts in a bulk run. */
export function outcomeOf(err: unknown): { outcome: BulkOutcome; code: string } {
  if (!(err instanceof AppError)) return { outcome: "failed", code: "internal_error" };
  if (err.code === "fix_not_applicable")
    return { outcome: "skipped", code: (err.extra.body?.reason as string | undefined) ?? err.code };
  if (err.status === 403) return { outcome: "skipped", code: err.code };
  return { outcome: "failed", code: err.code };
}

/**
 * Apply `id` to every user of `tenant` who has finding `code`; `onProgress` is told after each.
 *
 * @example
 * const s = await bulkApply(deps, operator, "send_registration_reminder", { tenant: "contoso.example", code: "not_registered" });
 * s.applied; // 1 — and 0 (1 skipped: reminder_recently_sent) when repeated within 24 h
 */
export async function bulkApply(
  deps: Deps,
  operator: Operator,
  id: string,
  req: BulkRequest,
  opts: { ip?: string; onProgress?: (done: number, total: number, upn: string) => void } = {},
): Promise<BulkSummary> {
  if (operator.role === "support") throw new AppError(403, "forbidden", applyRefusal("support", "admin")!);
  const spec = fixOr404(id);
  const info = fixInfo(id as FixId);
  if (!spec.automatic) throw manualRefusal(info, undefined, undefined);
  const refusal = applyRefusal(operator.role, info.actor);
  if (refusal) throw new AppError(403, "forbidden", refusal);
  if (spec.scope === "tenant") {
    throw new AppError(
      400,
      "invalid_request",
      `id: ${id} changes the whole tenant at once; POST /api/v1/fixes/${id} with { "tenant": "${req.tenant}" } instead.`,
      { field: "id" },
    );
  }
  if (!isFindingCode(req.code) || !info.addresses.includes(req.code)) {
    throw new AppError(
      400,
      "invalid_request",
      `code: ${id} addresses ${info.addresses.join(", ")}; "${req.code}" is not one of them.`,
      { field: "code" },
    );
  }
  // Validated once up front, so a bad parameter is one 400 rather than a failure per user.
  parseParams(spec, req.params);
  const tenant = findTenant(deps.db, req.tenant);
  if (!tenant) throw new AppError(404, "tenant_not_found", `No tenant "${req.tenant}".`, { field: "tenant" });

  const bucket = tenantSweep(deps, tenant.id).usersByCode[req.code];
  const summary: BulkSummary = {
    fix: info.id,
    tenant,
    code: req.code,
    attempted: 0,
    applied: 0,
    skipped: 0,
    failed: 0,
    users: [],
  };
  for (const user of bucket) {
    summary.attempted++;
    try {
      await applyFix(deps, operator, id, { user: user.userId, params: req.params }, { ip: opts.ip });
      summary.applied++;
      summary.users.push({ upn: user.upn, outcome: "applied" });
    } catch (err) {
      const { outcome, code } = outcomeOf(err);
      if (outcome === "failed" && code === "internal_error")
        deps.log.error("bulk fix failed", { fix: id, user: user.userId, error: String(err) });
      summary[outcome]++;
      summary.users.push({ upn: user.upn, outcome, code });
    }
    opts.onProgress?.(summary.attempted, bucket.length, user.upn);
    if (summary.attempted % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return summary;
}
